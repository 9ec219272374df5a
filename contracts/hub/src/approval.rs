//! Curator consent (Symbiotic's network limits): an AVS can slash a vault only as far as the
//! vault's curator approved it, and slashed assets go to the AVS only if the curator said so.
//!
//! The record of one (vault, AVS) also holds the circuit breaker's latest bucket (see
//! `breaker`): a slash reads and writes both, and sharing the approval's two slots spares it
//! the seven cold bucket reads and the fresh-slot write (20,000 gas) a separate record costs.

use alloc::{vec, vec::Vec};

use lrt_common::pause::DELEGATE;
use stylus_sdk::{
    alloy_primitives::{Address, U256, U64},
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256, StorageU64, StorageU8},
};

use crate::{errors::HubError, events::AvsApprovalSet, scheduled::Plan, stake::to_fraction, Hub};

/// Two slots and a map. Slot 0 holds the approved fraction (`after`), which is not zero while
/// an approval stands (only a pending revoke zeroes it): the breaker's head there is written
/// without a fresh-slot charge. Slot 1 changes only with the curator's settings, or when a
/// slash consumes a pending cut.
#[storage]
pub struct Approval {
    // Slot 0: 4 × 8 bytes.
    /// Most of the vault's assets the AVS may ever have slashable, as a WAD: `before` until
    /// `effective_at`, `after` from then on; consumed by slashes like an allocation. Raises
    /// apply at once, cuts after the deallocation delay.
    after: StorageU64,
    /// Breaker: the 4-hour bucket of the latest slash.
    pub(crate) last_bucket: StorageU64,
    /// Breaker: assets booked in `last_bucket`, at most `u128::MAX` (`breaker` clips to it),
    /// as two u64 halves: a `StorageU128` would link its own accessors (0.3 KB of WASM).
    pub(crate) booked_low: StorageU64,
    pub(crate) booked_high: StorageU64,
    // Slot 1.
    before: StorageU64,
    effective_at: StorageU64,
    /// Slashed assets go to the AVS's recipient rather than the governance sink.
    redistribute: StorageBool,
    /// Breaker: how many buckets before `last_bucket` may hold amounts in `older` (≤ 6);
    /// changes only when two slashes of one day fall in different buckets.
    pub(crate) span: StorageU8,
    /// Breaker: assets booked in earlier buckets, by bucket number.
    pub(crate) older: StorageMap<U256, StorageU256>,
}

impl Approval {
    pub fn max(&self) -> Plan {
        Plan {
            before: self.before.get().as_limbs()[0],
            after: self.after.get().as_limbs()[0],
            effective_at: self.effective_at.get().as_limbs()[0],
        }
    }

    /// Stores `plan`, writing only the fields that change: a slash consumes `after` (slot 0)
    /// and leaves slot 1 alone unless a cut is pending.
    pub fn set_max(&mut self, plan: Plan) {
        let old = self.max();
        if plan.before != old.before {
            self.before.set(U64::from(plan.before));
        }
        if plan.after != old.after {
            self.after.set(U64::from(plan.after));
        }
        if plan.effective_at != old.effective_at {
            self.effective_at.set(U64::from(plan.effective_at));
        }
    }

    pub fn redistribute(&self) -> bool {
        self.redistribute.get()
    }
}

impl Hub {
    /// Sets how much of `vault` `avs` may slash (zero revokes). A raise, or turning
    /// redistribution on, is refused while delegation is paused; a cut never is, and keeps the
    /// old value slashable for the deallocation delay so a curator cannot pull a vault out
    /// from under a pending slash.
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
        let (max, redirects) = {
            let approvals = self.approvals.getter(vault);
            let approval = approvals.getter(avs);
            (approval.max(), redistribute && !approval.redistribute())
        };
        if target > max.after || redirects {
            self.pausable.when_not_paused(DELEGATE)?;
        }
        let fall_delay = self.deallocation_delay();
        let plan = max.scheduled(target, now, 0, fall_delay);
        let mut approvals = self.approvals.setter(vault);
        let mut approval = approvals.setter(avs);
        approval.set_max(plan);
        approval.redistribute.set(redistribute);
        self.emit(AvsApprovalSet {
            vault,
            avs,
            maxFractionWad: max_fraction_wad,
            redistribute,
            effectiveAt: plan.effective_at.max(now),
        });
        Ok(())
    }

    /// `(inForceWad, afterPendingWad, effectiveAt, redistribute)`.
    pub(crate) fn describe_approval(
        &self,
        vault: Address,
        avs: Address,
    ) -> (U256, U256, u64, bool) {
        let approvals = self.approvals.getter(vault);
        let approval = approvals.getter(avs);
        let max = approval.max();
        let now = self.vm().block_timestamp();
        (
            U256::from(max.at(now)),
            U256::from(max.after),
            max.effective_at,
            approval.redistribute(),
        )
    }
}
