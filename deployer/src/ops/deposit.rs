//! Depositors: fund a wallet with the mock asset, deposit with a slippage floor after an
//! approval or an EIP-2612 permit.

use alloy::{
    primitives::{Address, U256, keccak256},
    signers::SignerSync,
    sol_types::SolStruct,
};
use serde::Serialize;

use super::Protocol;
use crate::{
    abi::{
        fixtures::{IMockLst, Permit},
        lrt::events,
    },
    chain::{Sent, Wallet},
    error::{Error, Result},
    manifest::VaultRecord,
    units::format_tokens,
};

/// How the vault gets the right to pull the assets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Approval {
    /// An `approve` transaction first (skipped when the allowance already covers it).
    #[default]
    Approve,
    /// An EIP-2612 signature, submitted with `permit` (the asset must support it).
    Permit,
}

#[derive(Debug, Clone, Default)]
pub struct DepositOptions {
    pub receiver: Option<Address>,
    /// Fewer shares than this reverts; default: the preview less [`DEFAULT_SLIPPAGE_BPS`].
    pub min_shares: Option<U256>,
    pub approval: Approval,
}

/// Slippage allowed when no explicit minimum is given: 0.5 %.
pub const DEFAULT_SLIPPAGE_BPS: u64 = 50;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deposited {
    pub vault: String,
    pub receiver: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub assets: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub shares: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub min_shares: U256,
    pub approval: Approval,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_tx: Option<Sent>,
    pub tx: Sent,
}

/// Mints the mock asset (devnets only: the manifest says whether the asset is a mock).
pub async fn mint(p: &Protocol, v: &VaultRecord, to: Address, amount: U256) -> Result<Sent> {
    if v.asset.mock.is_none() {
        return Err(Error::input(
            format!(
                "{} is not a mock asset; it cannot be minted",
                v.asset.symbol
            ),
            "buy or bridge the asset instead",
        ));
    }
    let what = format!(
        "mint {} {} to {to}",
        format_tokens(amount, v.asset.decimals, 4),
        v.asset.symbol
    );
    p.wallet.send(p.asset(v).mint(to, amount), &what).await
}

pub async fn deposit(
    p: &Protocol,
    v: &VaultRecord,
    assets: U256,
    opts: DepositOptions,
) -> Result<Deposited> {
    if assets.is_zero() {
        return Err(Error::input(
            "cannot deposit 0",
            "pass an amount like 10 or 0.5",
        ));
    }
    let me = p.me();
    let receiver = opts.receiver.unwrap_or(me);
    let vault = p.vault(v);
    let what = format!(
        "deposit {} {} into {}",
        format_tokens(assets, v.asset.decimals, 4),
        v.asset.symbol,
        v.symbol
    );
    let min_shares = match opts.min_shares {
        Some(min) => min,
        None => {
            let preview = vault
                .previewDeposit(assets)
                .call()
                .await
                .map_err(|e| Error::from(e).during(&what))?;
            preview * U256::from(10_000 - DEFAULT_SLIPPAGE_BPS) / U256::from(10_000)
        }
    };
    let approval_tx = match opts.approval {
        Approval::Approve => approve_if_needed(p, v, assets).await?,
        Approval::Permit => Some(permit(p, v, assets).await?),
    };
    let tx = p
        .wallet
        .send(
            vault.depositWithMinShares(assets, receiver, min_shares),
            &what,
        )
        .await?;
    let shares = tx
        .event::<events::Deposit>()
        .map(|e| e.shares)
        .unwrap_or_default();
    Ok(Deposited {
        vault: v.symbol.clone(),
        receiver,
        assets,
        shares,
        min_shares,
        approval: opts.approval,
        approval_tx,
        tx,
    })
}

async fn approve_if_needed(p: &Protocol, v: &VaultRecord, assets: U256) -> Result<Option<Sent>> {
    let asset = p.asset(v);
    let allowance = asset.allowance(p.me(), v.vault.address).call().await?;
    if allowance >= assets {
        return Ok(None);
    }
    let what = format!("approve {} to pull {}", v.symbol, v.asset.symbol);
    p.wallet
        .send(asset.approve(v.vault.address, assets), &what)
        .await
        .map(Some)
}

/// Signs an EIP-2612 permit for the vault over the asset's own domain separator and
/// submits it; anyone could submit it, which is what makes permits gasless for the owner.
async fn permit(p: &Protocol, v: &VaultRecord, assets: U256) -> Result<Sent> {
    let what = format!("permit {} to pull {}", v.symbol, v.asset.symbol);
    permit_token(&p.wallet, v.asset.address, v.vault.address, assets, &what)
        .await
        .map_err(|e| match e {
            Error::Reverted(_) => e,
            other => other.during(format!(
                "does {} support EIP-2612? try --approval approve",
                v.asset.symbol
            )),
        })
}

/// Lets `spender` pull `value` of `token` from the wallet through an EIP-2612 signature.
pub async fn permit_token(
    wallet: &Wallet,
    token: Address,
    spender: Address,
    value: U256,
    what: &str,
) -> Result<Sent> {
    let asset = IMockLst::new(token, wallet.provider());
    let owner = wallet.address();
    let nonce = asset.nonces(owner).call().await?;
    let domain_separator = asset.DOMAIN_SEPARATOR().call().await?;
    let deadline = U256::from(wallet.timestamp().await? + 3_600);
    let message = Permit {
        owner,
        spender,
        value,
        nonce,
        deadline,
    };
    let digest = keccak256(
        [
            &[0x19, 0x01][..],
            domain_separator.as_slice(),
            message.eip712_hash_struct().as_slice(),
        ]
        .concat(),
    );
    let signature = wallet
        .signer()
        .sign_hash_sync(&digest)
        .map_err(|e| Error::Other(e.into()))?;
    let v = 27 + u8::from(signature.v());
    wallet
        .send(
            asset.permit(
                owner,
                spender,
                value,
                deadline,
                v,
                signature.r().into(),
                signature.s().into(),
            ),
            what,
        )
        .await
}
