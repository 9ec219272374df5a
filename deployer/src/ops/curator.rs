//! The vault's curator: delegates fractions of the vault's stake to operators.

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
