//! The restaking hub: vault registry, operators, AVSs, two-sided opt-in, delegation by each
//! vault's curator, allocation by operators, and slashing by AVSs (DESIGN.md §2 "Hub").
//!
//! Fractions are WAD (1e18 = 100 %). Increases apply at once; decreases apply after the
//! deallocation delay and stay slashable until then ([`fraction::DelayedFraction`]). A slash
//! costs O(vaults delegated to the operator) ≤ 32 and is never paused.
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]

extern crate alloc;

mod address_list;
pub mod encoding;
pub mod errors;
pub mod events;
mod exposure;
mod fraction;
mod membership;
mod registry;
pub mod router;
mod slashing;
mod stake;
mod wad;

use alloc::{string::String, vec, vec::Vec};

use lrt_common::{
    limits::MAX_DELAY,
    pause::{Pausable, DELEGATE},
    roles::Roles,
};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256, U64},
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU64},
};

use crate::{
    address_list::AddressList,
    errors::{DelayTooLong, HubError},
    events::DeallocationDelaySet,
    fraction::DelayedFraction,
    membership::Membership,
    registry::AvsConfig,
    slashing::SlashGuard,
};

#[entrypoint]
#[storage]
pub struct Hub {
    roles: Roles,
    pausable: Pausable,
    deallocation_delay: StorageU64,
    /// Every registered vault, unbounded (only the `vaults()` view walks it).
    vault_list: AddressList,
    vault_registered: StorageMap<Address, StorageBool>,
    operator_registered: StorageMap<Address, StorageBool>,
    avs_configs: StorageMap<Address, AvsConfig>,
    slash_guards: StorageMap<Address, SlashGuard>,
    /// operator => AVS => membership.
    memberships: StorageMap<Address, StorageMap<Address, Membership>>,
    /// vault => operator => share of the vault's assets.
    delegations: StorageMap<Address, StorageMap<Address, DelayedFraction>>,
    /// operator => AVS => share of the operator's delegated stake.
    allocations: StorageMap<Address, StorageMap<Address, DelayedFraction>>,
    operators_of_vault: StorageMap<Address, AddressList>,
    vaults_of_operator: StorageMap<Address, AddressList>,
    avss_of_operator: StorageMap<Address, AddressList>,
}

/// On chain the SDK routes only the constructor and `router` the rest (see there why).
#[cfg(target_arch = "wasm32")]
#[public]
impl Hub {
    #[constructor]
    pub fn constructor(&mut self, admin: Address, deallocation_delay: u64) -> Result<(), HubError> {
        self.init(admin, deallocation_delay)
    }

    #[fallback]
    pub fn fallback(&mut self, calldata: &[u8]) -> stylus_sdk::ArbResult {
        router::route(self, calldata)
    }
}

/// Host builds route through the SDK so `export-abi` renders the interface from these.
#[cfg_attr(not(target_arch = "wasm32"), public)]
impl Hub {
    // --- roles and pause ---

    pub fn admin(&self) -> Address {
        self.roles.admin()
    }

    pub fn pending_admin(&self) -> Address {
        self.roles.pending_admin()
    }

    pub fn is_pauser(&self, account: Address) -> bool {
        self.roles.is_pauser(account)
    }

    pub fn paused(&self) -> u8 {
        self.pausable.paused()
    }

    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), HubError> {
        Ok(self.roles.transfer_admin(new_admin)?)
    }

    pub fn accept_admin(&mut self) -> Result<(), HubError> {
        Ok(self.roles.accept_admin()?)
    }

    pub fn set_pauser(&mut self, account: Address, allowed: bool) -> Result<(), HubError> {
        Ok(self.roles.set_pauser(account, allowed)?)
    }

    /// Pause bit DELEGATE (8) freezes delegate/allocate; nothing here ever stops a slash.
    pub fn pause(&mut self, bits: u8) -> Result<(), HubError> {
        Ok(self.pausable.pause(&self.roles, bits, DELEGATE)?)
    }

    pub fn unpause(&mut self, bits: u8) -> Result<(), HubError> {
        Ok(self.pausable.unpause(&self.roles, bits, DELEGATE)?)
    }

    pub fn deallocation_delay(&self) -> u64 {
        self.deallocation_delay.get().as_limbs()[0]
    }

    /// Applies to decreases and exits scheduled from now on; pending ones keep their time.
    pub fn set_deallocation_delay(&mut self, delay: u64) -> Result<(), HubError> {
        self.roles.only_admin()?;
        self.store_delay(delay)
    }

    // --- registry ---

    pub fn register_vault(&mut self, vault: Address) -> Result<(), HubError> {
        self.do_register_vault(vault)
    }

    pub fn vaults(&self) -> Vec<Address> {
        self.vault_list.to_vec()
    }

    pub fn register_operator(&mut self, metadata_uri: String) -> Result<(), HubError> {
        self.do_register_operator(metadata_uri)
    }

    pub fn set_operator_metadata(&mut self, metadata_uri: String) -> Result<(), HubError> {
        self.do_set_operator_metadata(metadata_uri)
    }

    pub fn is_operator(&self, operator: Address) -> bool {
        self.operator_registered.get(operator)
    }

    /// Registers the caller as an AVS, or updates its settings when called again.
    pub fn register_avs(
        &mut self,
        metadata_uri: String,
        slasher: Address,
        burn_recipient: Address,
        allowlist_only: bool,
    ) -> Result<(), HubError> {
        self.do_register_avs(metadata_uri, slasher, burn_recipient, allowlist_only)
    }

    pub fn set_avs_allowlist(&mut self, operator: Address, allowed: bool) -> Result<(), HubError> {
        self.do_set_avs_allowlist(operator, allowed)
    }

    /// Admin's circuit breaker: at most `max_assets_per_day` slashed by `avs` in any rolling
    /// 24 h (summed over vaults, in each vault's asset units); zero lifts the cap.
    pub fn set_slash_cap(
        &mut self,
        avs: Address,
        max_assets_per_day: U256,
    ) -> Result<(), HubError> {
        self.do_set_slash_cap(avs, max_assets_per_day)
    }

    /// `(registered, slasher, burnRecipient, allowlistOnly, slashCapPerDay, slashedLast24h)`.
    pub fn avs_config(&self, avs: Address) -> (bool, Address, Address, bool, U256, U256) {
        self.do_avs_config(avs)
    }

    // --- membership ---

    pub fn opt_in(&mut self, avs: Address) -> Result<(), HubError> {
        self.do_opt_in(avs)
    }

    pub fn accept_operator(&mut self, operator: Address) -> Result<(), HubError> {
        self.do_accept_operator(operator)
    }

    pub fn opt_out(&mut self, avs: Address) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        self.end_membership(operator, avs, false)
    }

    pub fn eject_operator(&mut self, operator: Address) -> Result<(), HubError> {
        let avs = self.vm().msg_sender();
        self.require_avs(avs)?;
        self.end_membership(operator, avs, true)
    }

    /// `(status, slashableUntil, allowlisted)`; status 0 none, 1 waiting for the AVS,
    /// 2 active, 3 exited but still slashable until `slashableUntil`.
    pub fn membership(&self, operator: Address, avs: Address) -> (u8, u64, bool) {
        self.do_membership(operator, avs)
    }

    // --- stake ---

    pub fn delegate(
        &mut self,
        vault: Address,
        operator: Address,
        fraction_wad: U256,
    ) -> Result<(), HubError> {
        self.do_delegate(vault, operator, fraction_wad)
    }

    pub fn allocate(&mut self, avs: Address, fraction_wad: U256) -> Result<(), HubError> {
        self.do_allocate(avs, fraction_wad)
    }

    /// `(inForceWad, afterPendingWad, effectiveAt)` of `vault`'s delegation to `operator`.
    pub fn delegation(&self, vault: Address, operator: Address) -> (U256, U256, u64) {
        let now = self.vm().block_timestamp();
        describe(&self.delegations.getter(vault).getter(operator), now)
    }

    /// `(inForceWad, afterPendingWad, effectiveAt)` of `operator`'s allocation to `avs`.
    pub fn allocation(&self, operator: Address, avs: Address) -> (U256, U256, u64) {
        let now = self.vm().block_timestamp();
        describe(&self.allocations.getter(operator).getter(avs), now)
    }

    pub fn vault_operators(&self, vault: Address) -> Vec<Address> {
        self.operators_of_vault.getter(vault).to_vec()
    }

    pub fn operator_avss(&self, operator: Address) -> Vec<Address> {
        self.avss_of_operator.getter(operator).to_vec()
    }

    // --- slashing ---

    /// Takes `fraction_wad` of what `operator` allocated to `avs` from every vault delegated to
    /// it, sending it to the AVS's burn recipient; returns the assets moved.
    pub fn slash(
        &mut self,
        avs: Address,
        operator: Address,
        fraction_wad: U256,
        slash_id: B256,
    ) -> Result<U256, HubError> {
        self.do_slash(avs, operator, fraction_wad, slash_id)
    }

    /// `(slashableNow, slashableAfter)`: the assets of `vault` that `avs` can slash through
    /// `operator` now and once every pending decrease has applied, rounded up like a slash.
    /// A table of a vault's exposure has one row per `operator` in `vaultOperators(vault)`
    /// and `avs` in `operatorAvss(operator)`.
    pub fn exposure(
        &self,
        vault: Address,
        operator: Address,
        avs: Address,
    ) -> Result<(U256, U256), HubError> {
        self.do_exposure(vault, operator, avs)
    }
}

impl Hub {
    /// The constructor outside the chain, where the SDK does not route it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn constructor(&mut self, admin: Address, deallocation_delay: u64) -> Result<(), HubError> {
        self.init(admin, deallocation_delay)
    }

    fn init(&mut self, admin: Address, deallocation_delay: u64) -> Result<(), HubError> {
        self.roles.init(admin)?;
        self.store_delay(deallocation_delay)
    }

    fn emit(&self, event: impl encoding::Event) {
        event.emit(self.vm());
    }

    fn store_delay(&mut self, delay: u64) -> Result<(), HubError> {
        if delay > MAX_DELAY {
            return Err(DelayTooLong { delay }.into());
        }
        self.deallocation_delay.set(U64::from(delay));
        self.emit(DeallocationDelaySet { delay });
        Ok(())
    }
}

fn describe(fraction: &DelayedFraction, now: u64) -> (U256, U256, u64) {
    (
        U256::from(fraction.at(now)),
        U256::from(fraction.after()),
        fraction.effective_at(),
    )
}
