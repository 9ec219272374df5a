//! The Solidity lending market that takes the LRT as collateral: deploy it, lend, borrow,
//! watch a position's health, liquidate.

use alloy::{
    primitives::{Address, Bytes, U256},
    providers::DynProvider,
    sol_types::SolValue,
};
use serde::Serialize;

use super::Protocol;
use crate::{
    abi::fixtures::{ILendingMarket, LendingMarketArgs},
    build,
    chain::Sent,
    error::Result,
    manifest::VaultRecord,
    solidity,
    units::format_tokens,
};

#[derive(Debug, Clone, Copy)]
pub struct MarketParams {
    pub max_ltv_wad: U256,
    pub liquidation_threshold_wad: U256,
    pub liquidation_bonus_wad: U256,
}

pub async fn deploy(
    p: &Protocol,
    v: &VaultRecord,
    params: MarketParams,
) -> Result<(Address, Sent)> {
    let code = solidity::creation_code(&build::workspace_root(), "LendingMarket")?;
    let args = LendingMarketArgs {
        vault: v.vault.address,
        maxLtvWad: params.max_ltv_wad,
        liquidationThresholdWad: params.liquidation_threshold_wad,
        liquidationBonusWad: params.liquidation_bonus_wad,
    };
    let initcode: Bytes = [code.as_ref(), &args.abi_encode_params()].concat().into();
    p.wallet
        .deploy_evm(
            initcode,
            &format!("deploy the lending market for {}", v.symbol),
        )
        .await
}

fn market(p: &Protocol, market: Address) -> ILendingMarket::ILendingMarketInstance<DynProvider> {
    ILendingMarket::new(market, p.wallet.provider().clone())
}

/// Lends `assets` of the vault's underlying to the market.
pub async fn supply(p: &Protocol, v: &VaultRecord, at: Address, assets: U256) -> Result<Sent> {
    p.wallet
        .send(
            p.asset(v).approve(at, assets),
            "approve the market to pull liquidity",
        )
        .await?;
    let what = format!(
        "supply {} {} to the market",
        format_tokens(assets, v.asset.decimals, 4),
        v.asset.symbol
    );
    p.wallet
        .send(market(p, at).supplyLiquidity(assets), &what)
        .await
}

/// Posts `shares` of the LRT as collateral and borrows `assets` against them.
pub async fn open_position(
    p: &Protocol,
    v: &VaultRecord,
    at: Address,
    shares: U256,
    assets: U256,
) -> Result<Sent> {
    p.wallet
        .send(
            p.vault(v).approve(at, shares),
            "approve the market to pull LRT collateral",
        )
        .await?;
    let what = format!(
        "post {} {} as collateral",
        format_tokens(shares, v.asset.decimals, 4),
        v.symbol
    );
    p.wallet
        .send(market(p, at).depositCollateral(shares), &what)
        .await?;
    let what = format!(
        "borrow {} {}",
        format_tokens(assets, v.asset.decimals, 4),
        v.asset.symbol
    );
    p.wallet.send(market(p, at).borrow(assets), &what).await
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub account: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub collateral_shares: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub collateral_value: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub debt: U256,
    /// WAD; `U256::MAX` without debt.
    #[serde(serialize_with = "crate::units::decimal")]
    pub health_factor: U256,
    pub liquidatable: bool,
}

pub async fn position(p: &Protocol, at: Address, account: Address) -> Result<Position> {
    let m = market(p, at);
    Ok(Position {
        account,
        collateral_shares: m.collateralOf(account).call().await?,
        collateral_value: m.collateralValue(account).call().await?,
        debt: m.debtOf(account).call().await?,
        health_factor: m.healthFactor(account).call().await?,
        liquidatable: m.isLiquidatable(account).call().await?,
    })
}

/// The largest amount `borrower` may still borrow.
pub async fn available_to_borrow(p: &Protocol, at: Address, borrower: Address) -> Result<U256> {
    Ok(market(p, at).availableToBorrow(borrower).call().await?)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Liquidation {
    pub account: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub repaid: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub shares_seized: U256,
    pub tx: Sent,
}

/// Repays `repay` of `account`'s debt and seizes its collateral plus the bonus.
pub async fn liquidate(
    p: &Protocol,
    v: &VaultRecord,
    at: Address,
    account: Address,
    repay: U256,
) -> Result<Liquidation> {
    p.wallet
        .send(
            p.asset(v).approve(at, repay),
            "approve the market to pull the repayment",
        )
        .await?;
    let what = format!("liquidate {account}");
    let tx = p
        .wallet
        .send(market(p, at).liquidate(account, repay), &what)
        .await?;
    let shares_seized = tx
        .event::<ILendingMarket::Liquidated>()
        .map(|e| e.sharesSeized)
        .unwrap_or_default();
    Ok(Liquidation {
        account,
        repaid: repay,
        shares_seized,
        tx,
    })
}
