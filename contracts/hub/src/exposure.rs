//! What each vault stands to lose, per (operator, AVS) pair, now and after pending changes.

use lrt_common::interfaces::IVault;
use stylus_sdk::{
    alloy_primitives::Address,
    prelude::*,
};

use crate::{
    errors::{HubError, VaultCallFailed},
    wad::scale_up,
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
                let in_force = [delegation.at(now), allocation.at(now)];
                // Values after pending decreases never exceed those in force.
                if in_force.contains(&0) {
                    continue;
                }
                rows.0.push(operator);
                rows.1.push(avs);
                rows.2.push(scale_up(assets, &in_force));
                rows.3.push(scale_up(assets, &[delegation.after(), allocation.after()]));
            }
        }
        Ok(rows)
    }
}
