//! What each vault stands to lose, per (operator, AVS) pair, now and after pending changes.

use lrt_common::{
    interfaces::IVault,
    limits::WAD,
    math::{mul_div, Rounding},
};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
};

use crate::{
    errors::{HubError, VaultCallFailed},
    Exposure, Hub,
};

impl Hub {
    pub(crate) fn do_exposure(&self, vault: Address) -> Result<Exposure, HubError> {
        self.require_vault(vault)?;
        let assets = IVault::new(vault)
            .total_assets(self.vm(), Call::new())
            .map_err(|_| VaultCallFailed { vault })?;
        let now = self.vm().block_timestamp();
        let mut rows: Exposure = Default::default();
        let operators = self.operators_of_vault.getter(vault);
        for i in 0..operators.len() {
            let operator = operators.get(i);
            let delegation = self.delegations.getter(vault);
            let delegation = delegation.getter(operator);
            let avss = self.avss_of_operator.getter(operator);
            for j in 0..avss.len() {
                let avs = avss.get(j);
                let allocation = self.allocations.getter(operator);
                let allocation = allocation.getter(avs);
                // Values after pending decreases never exceed those in force.
                let now_wad = U256::from(delegation.at(now)) * U256::from(allocation.at(now));
                if now_wad.is_zero() {
                    continue;
                }
                let after_wad = U256::from(delegation.after()) * U256::from(allocation.after());
                rows.0.push(operator);
                rows.1.push(avs);
                rows.2.push(mul_div(assets, now_wad, WAD * WAD, Rounding::Up)?);
                rows.3.push(mul_div(assets, after_wad, WAD * WAD, Rounding::Up)?);
            }
        }
        Ok(rows)
    }
}
