//! Slashing by an AVS's slasher, with replay protection and the optional 24 h circuit breaker.

use alloc::{vec, vec::Vec};

use lrt_common::{interfaces::IVault, limits::WAD};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

use crate::{
    errors::{
        AvsNotRegistered, HubError, InvalidFraction, NotSlasher, OperatorNotSlashable,
        SlashCapExceeded, SlashIdUsed, VaultCallFailed,
    },
    events::{OperatorSlashed, VaultSlashed},
    wad::scale_up,
    Hub,
};

const HOUR: u64 = 3600;
/// Buckets summed by the cap: the current hour and the 24 before it, so everything slashed
/// in the last 24 h is counted (and at most one hour more — the cap errs on the safe side).
const WINDOW_HOURS: u64 = 24;

#[storage]
pub struct SlashGuard {
    cap_per_day: StorageU256,
    slashed_per_hour: StorageMap<u64, StorageU256>,
    used_ids: StorageMap<B256, StorageBool>,
}

impl SlashGuard {
    pub fn cap(&self) -> U256 {
        self.cap_per_day.get()
    }

    pub fn set_cap(&mut self, cap: U256) {
        self.cap_per_day.set(cap);
    }

    pub fn is_used(&self, slash_id: B256) -> bool {
        self.used_ids.get(slash_id)
    }

    pub fn slashed_in_window(&self, now: u64) -> U256 {
        let hour = now / HOUR;
        (hour.saturating_sub(WINDOW_HOURS)..=hour).fold(U256::ZERO, |sum, h| {
            sum.saturating_add(self.slashed_per_hour.get(h))
        })
    }

    /// What the cap still lets through; unlimited without a cap.
    fn available(&self, now: u64) -> U256 {
        let cap = self.cap();
        if cap.is_zero() {
            return U256::MAX;
        }
        cap.saturating_sub(self.slashed_in_window(now))
    }

    fn record(&mut self, now: u64, slash_id: B256, amount: U256) {
        self.used_ids.setter(slash_id).set(true);
        let mut bucket = self.slashed_per_hour.setter(now / HOUR);
        let sum = bucket.get().saturating_add(amount);
        bucket.set(sum);
    }
}

impl Hub {
    pub(crate) fn do_slash(
        &mut self,
        avs: Address,
        operator: Address,
        fraction_wad: U256,
        slash_id: B256,
    ) -> Result<U256, HubError> {
        let caller = self.vm().msg_sender();
        let (slasher, burn_recipient) = {
            let config = self.avs_configs.getter(avs);
            (config.slasher.get(), config.burn_recipient.get())
        };
        if slasher.is_zero() {
            return Err(AvsNotRegistered { avs }.into());
        }
        if caller != slasher {
            return Err(NotSlasher { avs, caller }.into());
        }
        if fraction_wad.is_zero() || fraction_wad > WAD {
            return Err(InvalidFraction {
                fractionWad: fraction_wad,
            }
            .into());
        }
        if self.slash_guards.getter(avs).is_used(slash_id) {
            return Err(SlashIdUsed {
                avs,
                slashId: slash_id,
            }
            .into());
        }
        let now = self.vm().block_timestamp();
        if !self
            .memberships
            .getter(operator)
            .getter(avs)
            .is_slashable(now)
        {
            return Err(OperatorNotSlashable { operator, avs }.into());
        }

        let plan = self.plan_slash(avs, operator, fraction_wad, now)?;
        let requested = plan
            .iter()
            .fold(U256::ZERO, |sum, (_, amount)| sum + amount);
        let available = self.slash_guards.getter(avs).available(now);
        if requested > available {
            return Err(SlashCapExceeded {
                requested,
                available,
            }
            .into());
        }
        // Effects before the vault calls: the id is spent and the cap charged even if a vault
        // tried to call back in.
        self.slash_guards
            .setter(avs)
            .record(now, slash_id, requested);

        let mut moved_total = U256::ZERO;
        for (vault, amount) in plan {
            let call = Call::new_mutating(self);
            let moved = IVault::new(vault)
                .slash(self.vm(), call, amount, burn_recipient)
                .map_err(|_| VaultCallFailed { vault })?;
            moved_total = moved_total.saturating_add(moved);
            self.emit(VaultSlashed {
                slashId: slash_id,
                vault,
                operator,
                assets: moved,
            });
        }
        self.emit(OperatorSlashed {
            avs,
            operator,
            slashId: slash_id,
            fractionWad: fraction_wad,
            totalAssets: moved_total,
        });
        Ok(moved_total)
    }

    /// Each delegated vault's loss: totalAssets × delegation × allocation × fraction, rounded
    /// up so a slash of non-zero exposure never rounds to nothing.
    fn plan_slash(
        &self,
        avs: Address,
        operator: Address,
        fraction_wad: U256,
        now: u64,
    ) -> Result<Vec<(Address, U256)>, HubError> {
        let mut plan = Vec::new();
        let allocation = self.allocations.getter(operator).getter(avs).at(now);
        if allocation == 0 {
            return Ok(plan);
        }
        let vaults = self.vaults_of_operator.getter(operator);
        for i in 0..vaults.len() {
            let vault = vaults.get(i);
            let delegation = self.delegations.getter(vault).getter(operator).at(now);
            if delegation == 0 {
                continue;
            }
            let assets = IVault::new(vault)
                .total_assets(self.vm(), Call::new())
                .map_err(|_| VaultCallFailed { vault })?;
            // The caller checked fraction_wad <= WAD, so it fits in u64.
            let amount = scale_up(
                assets,
                &[delegation, allocation, fraction_wad.as_limbs()[0]],
            );
            if !amount.is_zero() {
                plan.push((vault, amount));
            }
        }
        Ok(plan)
    }
}
