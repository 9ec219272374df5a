//! What a vault stands to lose through one (operator, AVS) pair, now and after pending changes.

use lrt_common::interfaces::IVault;
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
};

use crate::{
    errors::{HubError, VaultCallFailed},
    wad::scale_up,
    Hub,
};

impl Hub {
    pub(crate) fn do_exposure(
        &self,
        vault: Address,
        operator: Address,
        avs: Address,
    ) -> Result<(U256, U256), HubError> {
        self.require_vault(vault)?;
        let assets = IVault::new(vault)
            .total_assets(self.vm(), Call::new())
            .map_err(|_| VaultCallFailed { vault })?;
        let now = self.vm().block_timestamp();
        let delegations = self.delegations.getter(vault);
        let delegation = delegations.getter(operator);
        let allocations = self.allocations.getter(operator);
        let allocation = allocations.getter(avs);
        // An exited operator can no longer be slashed once its window closed, whatever the
        // records say; within the window its allocation is pending zero, so "after" is zero.
        if !self
            .memberships
            .getter(operator)
            .getter(avs)
            .is_slashable(now)
        {
            return Ok((U256::ZERO, U256::ZERO));
        }
        Ok((
            scale_up(assets, &[delegation.at(now), allocation.at(now)]),
            scale_up(assets, &[delegation.after(), allocation.after()]),
        ))
    }
}
