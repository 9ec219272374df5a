//! Curators delegate a vault's stake to operators; operators allocate it to AVSs.
//! Both sums count the value in force (the larger one while a decrease is pending), so the
//! slashable total never exceeds 100 %.

use alloc::vec::Vec;

use lrt_common::{interfaces::IVault, limits::WAD, pause::DELEGATE};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
    storage::StorageMap,
};

use crate::{
    address_list::AddressList,
    errors::{
        HubError, InvalidFraction, NotCurator, NotJoined, OverAllocated, TooManyLinks,
        VaultCallFailed,
    },
    events::{AllocationSet, DelegationSet},
    fraction::DelayedFraction,
    membership::ACTIVE,
    Hub,
};

impl Hub {
    pub(crate) fn do_delegate(
        &mut self,
        vault: Address,
        operator: Address,
        fraction_wad: U256,
    ) -> Result<(), HubError> {
        self.pausable.when_not_paused(DELEGATE)?;
        self.require_vault(vault)?;
        let caller = self.vm().msg_sender();
        let curator = IVault::new(vault)
            .curator(self.vm(), Call::new())
            .map_err(|_| VaultCallFailed { vault })?;
        if caller != curator {
            return Err(NotCurator { vault, caller }.into());
        }
        self.require_operator(operator)?;
        let fraction = to_fraction(fraction_wad)?;
        let now = self.vm().block_timestamp();
        let delay = self.deallocation_delay();

        let effective_at = self
            .delegations
            .setter(vault)
            .setter(operator)
            .set(fraction, now, delay);
        // Stale links go first, so a full list of finished undelegations never blocks a new one.
        let (mut total, unlinked) = sum_in_force(
            &mut self.operators_of_vault.setter(vault),
            &self.delegations.getter(vault),
            now,
        );
        for stale in unlinked {
            self.vaults_of_operator.setter(stale).remove(vault);
        }
        let in_force = self.delegations.getter(vault).getter(operator).at(now);
        if in_force > 0 && !self.operators_of_vault.getter(vault).contains(operator) {
            self.prune_vaults_of(operator, now);
            link(&mut self.operators_of_vault.setter(vault), operator, vault)?;
            link(
                &mut self.vaults_of_operator.setter(operator),
                vault,
                operator,
            )?;
            total += U256::from(in_force);
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

    pub(crate) fn do_allocate(&mut self, avs: Address, fraction_wad: U256) -> Result<(), HubError> {
        self.pausable.when_not_paused(DELEGATE)?;
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        let fraction = to_fraction(fraction_wad)?;
        let now = self.vm().block_timestamp();
        let increases = fraction > self.allocations.getter(operator).getter(avs).at(now);
        if increases && self.memberships.getter(operator).getter(avs).status(now) != ACTIVE {
            return Err(NotJoined { operator, avs }.into());
        }
        let delay = self.deallocation_delay();

        let effective_at = self
            .allocations
            .setter(operator)
            .setter(avs)
            .set(fraction, now, delay);
        let (mut total, _) = sum_in_force(
            &mut self.avss_of_operator.setter(operator),
            &self.allocations.getter(operator),
            now,
        );
        let in_force = self.allocations.getter(operator).getter(avs).at(now);
        if in_force > 0 && !self.avss_of_operator.getter(operator).contains(avs) {
            link(&mut self.avss_of_operator.setter(operator), avs, operator)?;
            total += U256::from(in_force);
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
}

impl Hub {
    /// Drops the vaults whose delegation to `operator` fell to zero for good, from both sides.
    fn prune_vaults_of(&mut self, operator: Address, now: u64) {
        let mut i = 0;
        while i < self.vaults_of_operator.getter(operator).len() {
            let vault = self.vaults_of_operator.getter(operator).get(i);
            if self.delegations.getter(vault).getter(operator).at(now) == 0 {
                self.vaults_of_operator.setter(operator).remove_at(i);
                self.operators_of_vault.setter(vault).remove(operator);
            } else {
                i += 1;
            }
        }
    }
}

fn to_fraction(fraction_wad: U256) -> Result<u64, HubError> {
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

/// Sums the fractions in force over `list`, dropping entries that fell to zero for good so
/// the 32-entry bound counts live links only. Returns the sum and the dropped entries.
fn sum_in_force(
    list: &mut AddressList,
    fractions: &StorageMap<Address, DelayedFraction>,
    now: u64,
) -> (U256, Vec<Address>) {
    let mut total = U256::ZERO;
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let item = list.get(i);
        let value = fractions.getter(item).at(now);
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
