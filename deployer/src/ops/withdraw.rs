//! Leavers: request a redemption (shares locked in the queue), list requests, claim after
//! the withdrawal delay.

use alloy::primitives::{Address, U256};
use serde::Serialize;

use super::Protocol;
use crate::{
    abi::lrt::events,
    chain::Sent,
    error::{Error, Result},
    manifest::VaultRecord,
    units::format_tokens,
};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requested {
    pub vault: String,
    #[serde(serialize_with = "crate::units::decimal")]
    pub request_id: U256,
    pub controller: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub shares: U256,
    pub tx: Sent,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Claimed {
    pub vault: String,
    #[serde(serialize_with = "crate::units::decimal")]
    pub request_id: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub assets: U256,
    pub tx: Sent,
}

/// One open request, as `lrt withdraw list` shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    #[serde(serialize_with = "crate::units::decimal")]
    pub request_id: U256,
    pub controller: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub shares: U256,
    /// What the shares were worth at request time: the most the claim can pay.
    #[serde(serialize_with = "crate::units::decimal")]
    pub assets_at_request: U256,
    pub claimable_at: u64,
    pub claimable_now: bool,
}

/// Locks `shares` (all of the caller's when `None`) in the queue for `controller` (default:
/// the caller).
pub async fn request(
    p: &Protocol,
    v: &VaultRecord,
    shares: Option<U256>,
    controller: Option<Address>,
) -> Result<Requested> {
    let me = p.me();
    let shares = match shares {
        Some(shares) => shares,
        None => p.vault(v).balanceOf(me).call().await?,
    };
    if shares.is_zero() {
        return Err(Error::input(
            format!("no {} shares to redeem", v.symbol),
            "deposit first, or pass a share amount",
        ));
    }
    let controller = controller.unwrap_or(me);
    let what = format!(
        "request redemption of {} {}",
        format_tokens(shares, v.asset.decimals, 4),
        v.symbol
    );
    let tx = p
        .wallet
        .send(p.queue(v).requestRedeem(shares, controller, me), &what)
        .await?;
    let request_id = tx
        .event::<events::RedeemRequest>()
        .map(|e| e.requestId)
        .ok_or_else(|| Error::Rpc(format!("{what}: the queue emitted no RedeemRequest event")))?;
    Ok(Requested {
        vault: v.symbol.clone(),
        request_id,
        controller,
        shares,
        tx,
    })
}

/// Pays request `request_id` to its controller (anyone may trigger it).
pub async fn claim(p: &Protocol, v: &VaultRecord, request_id: U256) -> Result<Claimed> {
    let queue = p.queue(v);
    let what = format!("claim request #{request_id} of {}", v.symbol);
    let tx = p.wallet.send(queue.claim(request_id), &what).await?;
    let assets = tx
        .event::<events::RedeemClaimed>()
        .map(|e| e.assets)
        .unwrap_or_default();
    Ok(Claimed {
        vault: v.symbol.clone(),
        request_id,
        assets,
        tx,
    })
}

/// Open requests of `controller` (default: the caller).
pub async fn list(
    p: &Protocol,
    v: &VaultRecord,
    controller: Option<Address>,
) -> Result<Vec<RequestView>> {
    let controller = controller.unwrap_or(p.me());
    let queue = p.queue(v);
    let now = p.wallet.timestamp().await?;
    let ids = queue.requestsOf(controller).call().await?;
    let mut views = Vec::with_capacity(ids.len());
    for id in ids {
        // (controller, shares, assetsAtRequest, requestedAt, claimableAt, claimed)
        let r = queue.request(id).call().await?;
        views.push(RequestView {
            request_id: id,
            controller: r._0,
            shares: r._1,
            assets_at_request: r._2,
            claimable_at: r._4,
            claimable_now: !r._5 && now >= r._4,
        });
    }
    Ok(views)
}
