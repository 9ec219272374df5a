//! Curators delegate a vault's stake to operators; operators allocate it to AVSs.
//!
//! Delegation raises apply at once; allocation raises wait the allocation delay (pending,
//! not slashable). Cuts of either wait the deallocation delay and stay slashable until then.
//! Both 100 % sums count the larger of the value in force and the pending one. Raises stop
//! while DELEGATE is paused; cuts never do.

use alloc::vec::Vec;

use lrt_common::{
    limits::{MAX_LINKS, WAD},
    pause::DELEGATE,
};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
    storage::StorageMap,
};

use crate::{
    address_list::AddressList,
    errors::{HubError, InvalidFraction, NotCurator, NotJoined, OverAllocated, TooManyLinks},
    events::{AllocationSet, DelegationSet},
    membership::ACTIVE,
    scheduled::Scheduled,
    Hub,
};

impl Hub {
    pub(crate) fn set_delegation(
        &mut self,
        vault: Address,
        operator: Address,
        fraction_wad: U256,
    ) -> Result<(), HubError> {
        self.require_curator(vault)?;
        self.require_operator(operator)?;
        let fraction = to_fraction(fraction_wad)?;
        if fraction > self.delegations.getter(vault).getter(operator).after() {
            self.pausable.when_not_paused(DELEGATE)?;
        }
        let now = self.vm().block_timestamp();
        let fall_delay = self.deallocation_delay();

        let effective_at = self
            .delegations
            .setter(vault)
            .setter(operator)
            .set(fraction, now, 0, fall_delay);
        // Stale links go first, so a full list of finished undelegations never blocks a new one.
        let (mut total, unlinked) = sum_committed(
            &mut self.operators_of_vault.setter(vault),
            &self.delegations.getter(vault),
            now,
        );
        for stale in unlinked {
            self.vaults_of_operator.setter(stale).remove(vault);
        }
        let committed = self
            .delegations
            .getter(vault)
            .getter(operator)
            .committed(now);
        if committed > 0 && !self.operators_of_vault.getter(vault).contains(operator) {
            // Stale vaults make room only when the operator's list is full: walking it costs
            // two cold reads a vault, and a slash skips a stale vault after one.
            if self.vaults_of_operator.getter(operator).len() >= MAX_LINKS as usize {
                self.prune_vaults_of(operator, now);
            }
            link(&mut self.operators_of_vault.setter(vault), operator, vault)?;
            link(
                &mut self.vaults_of_operator.setter(operator),
                vault,
                operator,
            )?;
            total += U256::from(committed);
        }
        if total > WAD {
            return Err(OverAllocated { totalWad: total }.into());
        }
        self.emit(DelegationSet {
            vault,
            operator,
            fractionWad: fraction_wad,
            effectiveAt: effective_at,
        });
        Ok(())
    }

    /// Only an active member may raise its allocation. Once the membership ended the
    /// allocation can only go down: the exit already scheduled it to zero for the end of the
    /// exit window, and nothing may move that date later or the value up.
    pub(crate) fn set_allocation(
        &mut self,
        avs: Address,
        fraction_wad: U256,
    ) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        let fraction = to_fraction(fraction_wad)?;
        let now = self.vm().block_timestamp();
        let active = self.memberships.getter(operator).getter(avs).status(now) == ACTIVE;
        let scheduled = self.allocations.getter(operator).getter(avs).after();
        if !active && fraction > 0 {
            return Err(NotJoined { operator, avs }.into());
        }
        if fraction > scheduled {
            self.pausable.when_not_paused(DELEGATE)?;
        }
        let effective_at = if active {
            let rise_delay = self.allocation_delay();
            let fall_delay = self.deallocation_delay();
            self.allocations
                .setter(operator)
                .setter(avs)
                .set(fraction, now, rise_delay, fall_delay)
        } else {
            self.allocations
                .getter(operator)
                .getter(avs)
                .effective_at()
                .max(now)
        };
        let (mut total, _) = sum_committed(
            &mut self.avss_of_operator.setter(operator),
            &self.allocations.getter(operator),
            now,
        );
        let committed = self.allocations.getter(operator).getter(avs).committed(now);
        if committed > 0 && !self.avss_of_operator.getter(operator).contains(avs) {
            link(&mut self.avss_of_operator.setter(operator), avs, operator)?;
            total += U256::from(committed);
        }
        if total > WAD {
            return Err(OverAllocated { totalWad: total }.into());
        }
        self.emit(AllocationSet {
            operator,
            avs,
            fractionWad: fraction_wad,
            effectiveAt: effective_at,
        });
        Ok(())
    }

    /// The caller must be `vault`'s curator; a vault's own revert reason is passed through.
    pub(crate) fn require_curator(&self, vault: Address) -> Result<(), HubError> {
        self.require_vault(vault)?;
        let caller = self.vm().msg_sender();
        let curator = self
            .vault_curator(vault)
            .map_err(|reason| HubError::from_vault(vault, reason))?;
        if caller != curator {
            return Err(NotCurator { vault, caller }.into());
        }
        Ok(())
    }

    /// Drops the vaults whose delegation to `operator` fell to zero for good, from both sides.
    fn prune_vaults_of(&mut self, operator: Address, now: u64) {
        let mut i = 0;
        while i < self.vaults_of_operator.getter(operator).len() {
            let vault = self.vaults_of_operator.getter(operator).get(i);
            if self
                .delegations
                .getter(vault)
                .getter(operator)
                .committed(now)
                == 0
            {
                self.vaults_of_operator.setter(operator).remove_at(i);
                self.operators_of_vault.setter(vault).remove(operator);
            } else {
                i += 1;
            }
        }
    }
}

pub(crate) fn to_fraction(fraction_wad: U256) -> Result<u64, HubError> {
    if fraction_wad > WAD {
        return Err(InvalidFraction {
            fractionWad: fraction_wad,
        }
        .into());
    }
    // WAD < 2^64, so the checked value fits.
    Ok(fraction_wad.as_limbs()[0])
}

fn link(list: &mut AddressList, item: Address, owner: Address) -> Result<(), HubError> {
    if !list.insert(item) {
        return Err(TooManyLinks { owner }.into());
    }
    Ok(())
}

/// Sums the committed fractions over `list`, dropping entries that fell to zero for good so
/// the 32-entry bound counts live links only. Returns the sum and the dropped entries.
fn sum_committed(
    list: &mut AddressList,
    fractions: &StorageMap<Address, Scheduled>,
    now: u64,
) -> (U256, Vec<Address>) {
    let mut total = U256::ZERO;
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let item = list.get(i);
        let value = fractions.getter(item).committed(now);
        if value == 0 {
            list.remove_at(i);
            dropped.push(item);
        } else {
            total += U256::from(value);
            i += 1;
        }
    }
    (total, dropped)
}
