//! Anyone: push rewards into a vault; they vest linearly over the vesting period.

use alloy::primitives::U256;
use serde::Serialize;

use super::Protocol;
use crate::{
    chain::Sent,
    error::{Error, Result},
    manifest::VaultRecord,
    units::format_tokens,
};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardsPushed {
    pub vault: String,
    #[serde(serialize_with = "crate::units::decimal")]
    pub amount: U256,
    pub vesting_period: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_tx: Option<Sent>,
    pub tx: Sent,
}

pub async fn push(p: &Protocol, v: &VaultRecord, amount: U256) -> Result<RewardsPushed> {
    if amount.is_zero() {
        return Err(Error::input(
            "cannot push 0 rewards",
            "pass an amount like 5",
        ));
    }
    let asset = p.asset(v);
    let allowance = asset.allowance(p.me(), v.vault.address).call().await?;
    let approval_tx = if allowance < amount {
        let what = format!("approve {} to pull rewards", v.symbol);
        Some(
            p.wallet
                .send(asset.approve(v.vault.address, amount), &what)
                .await?,
        )
    } else {
        None
    };
    let what = format!(
        "push {} {} of rewards into {}",
        format_tokens(amount, v.asset.decimals, 4),
        v.asset.symbol,
        v.symbol
    );
    let tx = p
        .wallet
        .send(p.vault(v).notifyRewards(amount), &what)
        .await?;
    let vesting_period = p.vault(v).vestingPeriod().call().await?;
    Ok(RewardsPushed {
        vault: v.symbol.clone(),
        amount,
        vesting_period,
        approval_tx,
        tx,
    })
}
