//! The restaking hub: vault registry, operators, AVSs, two-sided opt-in, delegation by each
//! vault's curator, allocation by operators, and slashing by AVSs (DESIGN.md §2 "Hub").
//!
//! Fractions are WAD (1e18 = 100 %). Delegation raises apply at once, allocation raises after
//! the allocation delay; cuts apply after the deallocation delay and stay slashable until then
//! ([`scheduled::Scheduled`]). The deallocation delay itself rises only after
//! [`DEALLOCATION_RAISE_NOTICE`], so withdrawal queues may cache it. An AVS slashes a vault only as far as the vault's curator
//! approved it ([`approval`]), each slash consumes what it took, and one failing vault never
//! stops the others ([`slashing`]). A slash costs O(vaults delegated to the operator) ≤ 32 and
//! is never paused.
//!
//! This file holds the storage and the public interface; each public method that is more
//! than a read forwards to the file of its topic under a name that says what it does there:
//! `registry` (`enrol_vault`, `enrol_operator`, `enrol_avs`, `store_*`), `membership`
//! (`request_membership`, `admit_operator`, `read_membership`), `stake` (delegation and
//! allocation), `approval`, `slashing` with `breaker`, and `vault_calls` (what the hub asks
//! a vault). On chain, `router` calls the same methods.
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]

extern crate alloc;

mod address_list;
mod approval;
mod breaker;
pub mod errors;
pub mod events;
mod membership;
mod registry;
pub mod router;
mod scheduled;
pub mod slashing;
mod stake;
mod vault_calls;
mod wad;

use alloc::{string::String, vec, vec::Vec};

use lrt_common::{
    errors::ZeroAddress,
    limits::MAX_DELAY,
    pause::{Pausable, DELEGATE},
    roles::Roles,
};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU64},
};

use crate::{
    address_list::AddressList,
    approval::Approval,
    errors::{DelayTooLong, HubError},
    events::{AllocationDelaySet, DeallocationDelaySet, SlashSinkSet},
    membership::Membership,
    registry::AvsConfig,
    scheduled::Scheduled,
    slashing::DEFAULT_SINK,
};

/// New allocations become slashable after a day unless governance says otherwise.
pub const DEFAULT_ALLOCATION_DELAY: u64 = 24 * 60 * 60;

/// How long a raise of the deallocation delay waits before it applies: the longest any delay
/// may be, so whoever read the delay plan knows that nothing the admin does within this time
/// can make a higher delay apply sooner (the queue caches the plan on that ground). Like
/// EigenLayer's ALLOCATION_CONFIGURATION_DELAY.
pub use lrt_common::limits::DEALLOCATION_RAISE_NOTICE;

#[storage]
pub struct Hub {
    roles: Roles,
    pausable: Pausable,
    deallocation_delay: Scheduled,
    allocation_delay: Scheduled,
    /// Where slashed assets go unless a curator approved redistribution.
    slash_sink: StorageAddress,
    /// Every registered vault, unbounded (only the `vaults()` view walks it).
    vault_list: AddressList,
    vault_registered: StorageMap<Address, StorageBool>,
    operator_registered: StorageMap<Address, StorageBool>,
    avs_configs: StorageMap<Address, AvsConfig>,
    /// AVS => circuit breaker, the WAD fraction of a vault it may slash per 24 h (0: default).
    slash_caps: StorageMap<Address, StorageU64>,
    /// AVS => slash ids it used.
    used_slash_ids: StorageMap<Address, StorageMap<B256, StorageBool>>,
    /// operator => AVS => membership.
    memberships: StorageMap<Address, StorageMap<Address, Membership>>,
    /// vault => operator => share of the vault's assets.
    delegations: StorageMap<Address, StorageMap<Address, Scheduled>>,
    /// operator => AVS => share of the operator's delegated stake.
    allocations: StorageMap<Address, StorageMap<Address, Scheduled>>,
    /// vault => AVS => the curator's consent, and what the AVS booked against the vault
    /// lately (the circuit breaker).
    approvals: StorageMap<Address, StorageMap<Address, Approval>>,
    /// vault => operator => AVS => WAD minus the route's rounding factor (see `slashing`).
    route_losses: StorageMap<Address, StorageMap<Address, StorageMap<Address, StorageU64>>>,
    operators_of_vault: StorageMap<Address, AddressList>,
    vaults_of_operator: StorageMap<Address, AddressList>,
    avss_of_operator: StorageMap<Address, AddressList>,
}

// SAFETY: the hub is the contract's top-level storage (see `entry`).
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Hub {}

/// On chain `router` answers every call, the constructor's too (see there and
/// [`lrt_common::router::entry`] why).
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn entry(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    lrt_common::router::entry::<Hub>(&input, host, router::route)
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

    /// Pause bit DELEGATE (8) freezes raises of delegations, allocations and approvals; cuts
    /// and slashes never stop.
    pub fn pause(&mut self, bits: u8) -> Result<(), HubError> {
        Ok(self.pausable.pause(&self.roles, bits, DELEGATE)?)
    }

    pub fn unpause(&mut self, bits: u8) -> Result<(), HubError> {
        Ok(self.pausable.unpause(&self.roles, bits, DELEGATE)?)
    }

    /// The deallocation delay in force now.
    pub fn deallocation_delay(&self) -> u64 {
        self.deallocation_delay.at(self.vm().block_timestamp())
    }

    /// `(before, after, effectiveAt)`: `before` is in force until `effectiveAt`, `after` from
    /// then on. A reader at time `t` knows the delay in force cannot exceed this plan's value
    /// before `t + DEALLOCATION_RAISE_NOTICE`, as long as no lowering is pending.
    pub fn deallocation_delay_plan(&self) -> (u64, u64, u64) {
        let plan = self.deallocation_delay.plan();
        (plan.before, plan.after, plan.effective_at)
    }

    /// Applies to decreases and exits scheduled from then on; pending ones keep their time. A
    /// longer delay applies after `DEALLOCATION_RAISE_NOTICE` (30 days), so a withdrawal queue
    /// that read the plan may rely on it that long; a shorter one once the current delay has
    /// elapsed, so nothing scheduled under the old delay can be overtaken. Setting the delay
    /// in force drops a pending change.
    pub fn set_deallocation_delay(&mut self, delay: u64) -> Result<(), HubError> {
        self.roles.only_admin()?;
        self.store_deallocation_delay(delay, DEALLOCATION_RAISE_NOTICE)
    }

    pub fn allocation_delay(&self) -> u64 {
        self.allocation_delay.at(self.vm().block_timestamp())
    }

    /// How long an allocation raise waits before it is slashable; a shorter delay applies
    /// only once the current one has elapsed.
    pub fn set_allocation_delay(&mut self, delay: u64) -> Result<(), HubError> {
        self.roles.only_admin()?;
        self.store_allocation_delay(delay)
    }

    pub fn slash_sink(&self) -> Address {
        self.slash_sink.get()
    }

    pub fn set_slash_sink(&mut self, sink: Address) -> Result<(), HubError> {
        self.roles.only_admin()?;
        self.store_sink(sink)
    }

    // --- registry ---

    pub fn register_vault(&mut self, vault: Address) -> Result<(), HubError> {
        self.enrol_vault(vault)
    }

    pub fn vaults(&self) -> Vec<Address> {
        self.vault_list.to_vec()
    }

    pub fn register_operator(&mut self, metadata_uri: String) -> Result<(), HubError> {
        self.enrol_operator(metadata_uri.as_bytes())
    }

    pub fn set_operator_metadata(&mut self, metadata_uri: String) -> Result<(), HubError> {
        self.store_operator_metadata(metadata_uri.as_bytes())
    }

    pub fn is_operator(&self, operator: Address) -> bool {
        self.operator_registered.get(operator)
    }

    /// Registers the caller as an AVS, or updates its settings when called again.
    pub fn register_avs(
        &mut self,
        metadata_uri: String,
        slasher: Address,
        recipient: Address,
        allowlist_only: bool,
    ) -> Result<(), HubError> {
        self.enrol_avs(metadata_uri.as_bytes(), slasher, recipient, allowlist_only)
    }

    pub fn set_avs_allowlist(&mut self, operator: Address, allowed: bool) -> Result<(), HubError> {
        self.store_avs_allowlist(operator, allowed)
    }

    /// Admin's circuit breaker: `avs` may slash at most `max_fraction_per_day_wad` of any one
    /// vault's assets in a rolling 24 h (counted per vault, in its own asset); zero restores
    /// the default 50 %. Settable before the AVS registers.
    pub fn set_slash_cap(
        &mut self,
        avs: Address,
        max_fraction_per_day_wad: U256,
    ) -> Result<(), HubError> {
        self.store_slash_cap(avs, max_fraction_per_day_wad)
    }

    /// `(registered, slasher, recipient, allowlistOnly, slashCapPerDayWad)`.
    pub fn avs_config(&self, avs: Address) -> (bool, Address, Address, bool, U256) {
        self.read_avs_config(avs)
    }

    /// Assets of `vault` that `avs` booked in the circuit breaker's current 24 h window.
    pub fn slashed_in_window(&self, vault: Address, avs: Address) -> U256 {
        let now = self.vm().block_timestamp();
        self.approvals
            .getter(vault)
            .getter(avs)
            .booked_in_window(now)
    }

    // --- curator consent ---

    /// `vault`'s curator lets `avs` slash at most `max_fraction_wad` of the vault (zero
    /// revokes); with `redistribute` slashed assets go to the AVS's recipient, else to the sink.
    pub fn set_avs_approval(
        &mut self,
        vault: Address,
        avs: Address,
        max_fraction_wad: U256,
        redistribute: bool,
    ) -> Result<(), HubError> {
        self.set_approval(vault, avs, max_fraction_wad, redistribute)
    }

    /// `(inForceWad, afterPendingWad, effectiveAt, redistribute)` of `vault`'s approval of `avs`.
    pub fn avs_approval(&self, vault: Address, avs: Address) -> (U256, U256, u64, bool) {
        self.describe_approval(vault, avs)
    }

    // --- membership ---

    pub fn opt_in(&mut self, avs: Address) -> Result<(), HubError> {
        self.request_membership(avs)
    }

    pub fn accept_operator(&mut self, operator: Address) -> Result<(), HubError> {
        self.admit_operator(operator)
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
        self.read_membership(operator, avs)
    }

    // --- stake ---

    pub fn delegate(
        &mut self,
        vault: Address,
        operator: Address,
        fraction_wad: U256,
    ) -> Result<(), HubError> {
        self.set_delegation(vault, operator, fraction_wad)
    }

    pub fn allocate(&mut self, avs: Address, fraction_wad: U256) -> Result<(), HubError> {
        self.set_allocation(avs, fraction_wad)
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

    /// Books `fraction_wad` of what `operator` allocated to `avs` as a loss in every vault
    /// delegated to it whose curator approved `avs`, owed to the sink (or the AVS's recipient
    /// under redistribution); returns the assets booked. See [`slashing`].
    pub fn slash(
        &mut self,
        avs: Address,
        operator: Address,
        fraction_wad: U256,
        slash_id: B256,
    ) -> Result<U256, HubError> {
        self.slash_operator(avs, operator, fraction_wad, slash_id)
    }

    /// `(slashableNow, slashableAfter)`: the assets of `vault` that `avs` can still slash
    /// through `operator` now and once every pending change has applied, rounded up like a
    /// slash.
    /// A table of a vault's exposure has one row per `operator` in `vaultOperators(vault)`
    /// and `avs` in `operatorAvss(operator)`.
    pub fn exposure(
        &self,
        vault: Address,
        operator: Address,
        avs: Address,
    ) -> Result<(U256, U256), HubError> {
        self.exposure_of(vault, operator, avs)
    }
}

impl Hub {
    /// Runs inside the deploy transaction. On chain `router` decodes it; tests call it directly.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn constructor(&mut self, admin: Address, deallocation_delay: u64) -> Result<(), HubError> {
        self.init(admin, deallocation_delay)
    }

    pub(crate) fn init(&mut self, admin: Address, deallocation_delay: u64) -> Result<(), HubError> {
        self.roles.init(admin)?;
        // Nobody can have read a plan before the hub exists: the first delay applies at once.
        self.store_deallocation_delay(deallocation_delay, 0)?;
        self.store_allocation_delay(DEFAULT_ALLOCATION_DELAY)?;
        self.store_sink(DEFAULT_SINK)
    }

    fn emit(&self, event: impl lrt_common::abi::Event) {
        event.emit(self.vm());
    }

    fn store_deallocation_delay(&mut self, delay: u64, raise_notice: u64) -> Result<(), HubError> {
        let now = self.vm().block_timestamp();
        let effective_at = schedule_delay(&mut self.deallocation_delay, delay, now, raise_notice)?;
        self.emit(DeallocationDelaySet {
            delay,
            effectiveAt: effective_at,
        });
        Ok(())
    }

    fn store_allocation_delay(&mut self, delay: u64) -> Result<(), HubError> {
        let now = self.vm().block_timestamp();
        let effective_at = schedule_delay(&mut self.allocation_delay, delay, now, 0)?;
        self.emit(AllocationDelaySet {
            delay,
            effectiveAt: effective_at,
        });
        Ok(())
    }

    fn store_sink(&mut self, sink: Address) -> Result<(), HubError> {
        if sink.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.slash_sink.set(sink);
        self.emit(SlashSinkSet { sink });
        Ok(())
    }
}

/// A longer delay applies after `raise_notice`; a shorter one once the current delay has
/// elapsed; the delay in force again at once (dropping what was pending).
fn schedule_delay(
    scheduled: &mut Scheduled,
    delay: u64,
    now: u64,
    raise_notice: u64,
) -> Result<u64, HubError> {
    if delay > MAX_DELAY {
        return Err(DelayTooLong { delay }.into());
    }
    let current = scheduled.at(now);
    let rise_delay = if delay > current { raise_notice } else { 0 };
    Ok(scheduled.set(delay, now, rise_delay, current))
}

fn describe(fraction: &Scheduled, now: u64) -> (U256, U256, u64) {
    (
        U256::from(fraction.at(now)),
        U256::from(fraction.after()),
        fraction.effective_at(),
    )
}
