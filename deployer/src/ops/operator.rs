//! Operators: register, opt in to / out of AVSs, allocate delegated stake to them.

use alloy::primitives::{Address, U256};

use super::Protocol;
use crate::{chain::Sent, error::Result, units::format_fraction};

pub async fn register(p: &Protocol, metadata_uri: &str) -> Result<Sent> {
    p.wallet
        .send(
            p.hub().registerOperator(metadata_uri.to_owned()),
            "register as operator",
        )
        .await
}

/// Asks to join `avs`; the AVS (or its allow-list) must accept.
pub async fn opt_in(p: &Protocol, avs: Address) -> Result<Sent> {
    p.wallet
        .send(p.hub().optIn(avs), &format!("opt in to AVS {avs}"))
        .await
}

/// Leaves `avs`; the operator stays slashable by it for the deallocation delay.
pub async fn opt_out(p: &Protocol, avs: Address) -> Result<Sent> {
    p.wallet
        .send(p.hub().optOut(avs), &format!("opt out of AVS {avs}"))
        .await
}

/// Sets the share of the operator's delegated stake `avs` may slash (increases now,
/// decreases after the deallocation delay).
pub async fn allocate(p: &Protocol, avs: Address, fraction_wad: U256) -> Result<Sent> {
    let what = format!("allocate {} to AVS {avs}", format_fraction(fraction_wad));
    p.wallet
        .send(p.hub().allocate(avs, fraction_wad), &what)
        .await
}
