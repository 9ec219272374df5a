//! The vault's curator: delegates fractions of the vault's stake to operators and decides
//! which AVSs may slash the vault, how much, and whether slashed assets go to them.

use alloy::primitives::{Address, U256};

use super::Protocol;
use crate::{chain::Sent, error::Result, manifest::VaultRecord, units::format_fraction};

pub async fn delegate(
    p: &Protocol,
    v: &VaultRecord,
    operator: Address,
    fraction_wad: U256,
) -> Result<Sent> {
    let what = format!(
        "delegate {} of {} to operator {operator}",
        format_fraction(fraction_wad),
        v.symbol
    );
    p.wallet
        .send(
            p.hub().delegate(v.vault.address, operator, fraction_wad),
            &what,
        )
        .await
}

/// Lets `avs` slash at most `max_fraction_wad` of the vault (zero revokes; a cut applies after
/// the deallocation delay). With `redistribute`, slashed assets go to the AVS's recipient
/// instead of the hub's sink.
pub async fn approve_avs(
    p: &Protocol,
    v: &VaultRecord,
    avs: Address,
    max_fraction_wad: U256,
    redistribute: bool,
) -> Result<Sent> {
    let what = if max_fraction_wad.is_zero() {
        format!("revoke AVS {avs} on {}", v.symbol)
    } else {
        format!(
            "approve AVS {avs} for up to {} of {}{}",
            format_fraction(max_fraction_wad),
            v.symbol,
            if redistribute { ", redistributing" } else { "" }
        )
    };
    p.wallet
        .send(
            p.hub()
                .setAvsApproval(v.vault.address, avs, max_fraction_wad, redistribute),
            &what,
        )
        .await
}
