//! Curator consent (Symbiotic's network limits): an AVS can slash a vault only as far as the
//! vault's curator approved it, and slashed assets go to the AVS only if the curator said so.

use alloc::{vec, vec::Vec};

use lrt_common::pause::DELEGATE;
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
    storage::StorageBool,
};

use crate::{
    errors::HubError, events::AvsApprovalSet, scheduled::Scheduled, stake::to_fraction, Hub,
};

#[storage]
pub struct Approval {
    /// Most of the vault's assets the AVS may ever have slashable, as a WAD; consumed by
    /// slashes like an allocation. Raises apply at once, cuts after the deallocation delay.
    pub max: Scheduled,
    /// Slashed assets go to the AVS's recipient rather than the governance sink.
    pub redistribute: StorageBool,
}

impl Hub {
    /// Sets how much of `vault` `avs` may slash (zero revokes). A raise, or turning
    /// redistribution on, is refused while delegation is paused; a cut never is, and keeps the old value slashable for the
    /// deallocation delay so a curator cannot pull a vault out from under a pending slash.
    pub(crate) fn set_approval(
        &mut self,
        vault: Address,
        avs: Address,
        max_fraction_wad: U256,
        redistribute: bool,
    ) -> Result<(), HubError> {
        self.require_curator(vault)?;
        self.require_avs(avs)?;
        let target = to_fraction(max_fraction_wad)?;
        let now = self.vm().block_timestamp();
        let (raises, redirects) = {
            let approvals = self.approvals.getter(vault);
            let approval = approvals.getter(avs);
            (
                target > approval.max.after(),
                redistribute && !approval.redistribute.get(),
            )
        };
        if raises || redirects {
            self.pausable.when_not_paused(DELEGATE)?;
        }
        let fall_delay = self.deallocation_delay();
        let mut approvals = self.approvals.setter(vault);
        let mut approval = approvals.setter(avs);
        let effective_at = approval.max.set(target, now, 0, fall_delay);
        approval.redistribute.set(redistribute);
        self.emit(AvsApprovalSet {
            vault,
            avs,
            maxFractionWad: max_fraction_wad,
            redistribute,
            effectiveAt: effective_at,
        });
        Ok(())
    }

    /// `(inForceWad, afterPendingWad, effectiveAt, redistribute)`.
    pub(crate) fn describe_approval(&self, vault: Address, avs: Address) -> (U256, U256, u64, bool) {
        let approvals = self.approvals.getter(vault);
        let approval = approvals.getter(avs);
        let now = self.vm().block_timestamp();
        (
            U256::from(approval.max.at(now)),
            U256::from(approval.max.after()),
            approval.max.effective_at(),
            approval.redistribute.get(),
        )
    }
}
