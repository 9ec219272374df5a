//! Timelocked, ERC-7540-style redeem requests for the LRT vault (DESIGN.md §2 "Withdrawal
//! queue").
//!
//! A request locks the owner's shares in the queue and records what they were worth. Once
//! `max(withdrawalDelay, hub.deallocationDelay())` has passed, anyone may claim it: the
//! controller is paid `min(assets at request, assets at claim)` and the shares are burned, so
//! slashes during the wait hit the leaver and rewards during the wait stay with the vault.
//! Every request is paid once; claims are O(1) and independent, so a controller whose
//! payment reverts blocks nobody else (and can redirect its own payment with `claimTo`).
//!
//! * A lower withdrawal delay applies only once the delay in force has elapsed, so nobody
//!   who requested under the longer one is overtaken by leavers of a shorter one.
//! * When the vault refuses a call, the queue reverts with the vault's own revert data.
//! * The hub raises its deallocation delay only after 30 days' notice, so the queue keeps a
//!   copy of the hub's `deallocationDelayPlan()` and claims use it while it is good (see
//!   [`hub_plan`]); a claim after that reads the hub again (one hub entry, ~22k gas) and
//!   stores the new copy. Every claim still waits the longer of the two delays as they stand
//!   at the claim, also when the hub raised its delay after the request
//!   (`a_hub_raise_postpones_claims_once_it_applies_and_not_before`).
//!
//! On chain every call goes through the hand router in [`router`] (the convention of
//! `lrt_common`); storage is packed as `request` explains.
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]

extern crate alloc;

pub mod errors;
pub mod events;
pub mod hub_plan;
mod id_list;
mod request;
pub mod router;
mod vault_calls;

use alloc::{vec, vec::Vec};

use lrt_common::{
    abi::Event,
    limits::MAX_DELAY,
    pause::{Pausable, CLAIM, REQUEST},
    roles::Roles,
};
use stylus_sdk::{
    alloy_primitives::{Address, U256, U32, U64},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU32, StorageU64},
};

use crate::{
    errors::{
        AlreadyClaimed, DelayBelowDeallocation, DelayTooLong, ExternalCallFailed, NotClaimableYet,
        NotController, NotOwnerOrOperator, QueueError, RequestNotFound, ZeroAddress, ZeroAssets,
        ZeroShares,
    },
    events::{
        OperatorSet, RedeemClaimed, RedeemRequest, WithdrawalDelayScheduled, WithdrawalDelaySet,
    },
    hub_plan::HubPlan,
    request::OpenRequests,
};

const DEALLOCATION_DELAY_PLAN_SELECTOR: [u8; 4] =
    lrt_common::abi::selector("deallocationDelayPlan()");

#[storage]
pub struct WithdrawalQueue {
    roles: Roles,
    // Ordered so everything a claim reads besides the request packs into two slots:
    // `paused | vault | withdrawal_delay | lower_delay` (29 bytes) and
    // `delay_lowered_at | hub_before | hub_after | hub_effective_at | hub_plan_valid_until`
    // (32 bytes). Delays are at most MAX_DELAY (`check_delay`, the hub's own cap), so u32.
    pausable: Pausable,
    vault: StorageAddress,
    withdrawal_delay: StorageU32,
    lower_delay: StorageU32,
    /// When `lower_delay` replaces `withdrawal_delay` (0 when no lower delay is scheduled).
    delay_lowered_at: StorageU64,
    /// The hub's deallocation delay plan as last read (see [`hub_plan`]), good for claims
    /// until `hub_plan_valid_until` (exclusive).
    hub_before: StorageU32,
    hub_after: StorageU32,
    hub_effective_at: StorageU64,
    hub_plan_valid_until: StorageU64,
    /// Read only when the copy of its plan has run out.
    hub: StorageAddress,
    /// controller => operator => approved (ERC-7540 operators).
    operators: StorageMap<Address, StorageMap<Address, StorageBool>>,
    open: OpenRequests,
}

// SAFETY: the queue is the contract's top-level storage (see `entry`).
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for WithdrawalQueue {}

/// On chain `router` answers every call, the constructor's too (see there and
/// [`lrt_common::router::entry`] why).
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn entry(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    lrt_common::router::entry::<WithdrawalQueue>(&input, host, router::route)
}

/// Host builds route through the SDK so `export-abi` renders the interface from these.
#[cfg_attr(not(target_arch = "wasm32"), public)]
impl WithdrawalQueue {
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

    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), QueueError> {
        Ok(self.roles.transfer_admin(new_admin)?)
    }

    pub fn accept_admin(&mut self) -> Result<(), QueueError> {
        Ok(self.roles.accept_admin()?)
    }

    pub fn set_pauser(&mut self, account: Address, allowed: bool) -> Result<(), QueueError> {
        Ok(self.roles.set_pauser(account, allowed)?)
    }

    /// Bits REQUEST (2) and CLAIM (4) stop new requests and claims respectively; the queue
    /// refuses the others (`InvalidPauseBits`).
    pub fn pause(&mut self, bits: u8) -> Result<(), QueueError> {
        Ok(self.pausable.pause(&self.roles, bits, REQUEST | CLAIM)?)
    }

    pub fn unpause(&mut self, bits: u8) -> Result<(), QueueError> {
        Ok(self.pausable.unpause(&self.roles, bits, REQUEST | CLAIM)?)
    }

    // --- configuration ---

    pub fn vault(&self) -> Address {
        self.vault.get()
    }

    pub fn hub(&self) -> Address {
        self.hub.get()
    }

    /// The delay in force now (a scheduled lower delay counts from its effective time).
    pub fn withdrawal_delay(&self) -> u64 {
        let lowered_at = self.delay_lowered_at.get().as_limbs()[0];
        if lowered_at != 0 && self.vm().block_timestamp() >= lowered_at {
            return self.lower_delay.get().as_limbs()[0];
        }
        self.withdrawal_delay.get().as_limbs()[0]
    }

    /// `(delay, effectiveAt)` of a scheduled lower delay not yet in force; zeros when none.
    pub fn pending_withdrawal_delay(&self) -> (u64, u64) {
        let lowered_at = self.delay_lowered_at.get().as_limbs()[0];
        if lowered_at == 0 || self.vm().block_timestamp() >= lowered_at {
            return (0, 0);
        }
        (self.lower_delay.get().as_limbs()[0], lowered_at)
    }

    /// A longer delay applies at once (and drops a scheduled lower one); a shorter one only
    /// after the delay in force has elapsed, so it cannot let new leavers out ahead of those
    /// who requested under the longer delay, or ahead of slashes it was meant to cover.
    pub fn set_withdrawal_delay(&mut self, delay: u64) -> Result<(), QueueError> {
        self.roles.only_admin()?;
        self.check_delay(delay)?;
        let current = self.withdrawal_delay();
        if delay >= current {
            self.store_delay(delay);
            return Ok(());
        }
        let effective_at = self.vm().block_timestamp().saturating_add(current);
        // The delay in force stays stored until then (a matured earlier schedule is folded in).
        // Both are at most MAX_DELAY (`check_delay`), so they fit u32.
        self.withdrawal_delay
            .set(U32::from_limbs([u64::from(current as u32)]));
        self.lower_delay
            .set(U32::from_limbs([u64::from(delay as u32)]));
        self.delay_lowered_at.set(U64::from(effective_at));
        WithdrawalDelayScheduled {
            delay,
            effectiveAt: effective_at,
        }
        .emit(self.vm());
        Ok(())
    }

    // --- ERC-7540 operators ---

    pub fn set_operator(&mut self, operator: Address, approved: bool) -> bool {
        let controller = self.vm().msg_sender();
        self.operators
            .setter(controller)
            .setter(operator)
            .set(approved);
        OperatorSet {
            controller,
            operator,
            approved,
        }
        .emit(self.vm());
        true
    }

    pub fn is_operator(&self, controller: Address, operator: Address) -> bool {
        self.operators.getter(controller).get(operator)
    }

    // --- requests ---

    /// Locks `shares` of `owner` and returns the request id; `controller` is paid on claim.
    pub fn request_redeem(
        &mut self,
        shares: U256,
        controller: Address,
        owner: Address,
    ) -> Result<U256, QueueError> {
        self.pausable.when_not_paused(REQUEST)?;
        let caller = self.vm().msg_sender();
        if caller != owner && !self.is_operator(owner, caller) {
            return Err(NotOwnerOrOperator { owner, caller }.into());
        }
        if controller.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        // One call locks the shares and prices them (`convertToAssets`'s value): a second call
        // into the vault would cost its entry again. The vault is ours and calls nobody while
        // locking, so recording the request after the call opens no re-entrancy; shares worth
        // nothing revert the whole transaction, the lock included.
        let assets = self.vault_lock_shares(owner, shares)?;
        if assets.is_zero() {
            return Err(ZeroAssets { shares }.into());
        }
        let now = self.vm().block_timestamp();
        let id = self.open.open(controller, shares, assets, now)?;
        RedeemRequest {
            controller,
            owner,
            requestId: U256::from(id),
            sender: caller,
            shares,
        }
        .emit(self.vm());
        Ok(U256::from(id))
    }

    /// Pays matured request `request_id` to its controller; anyone may call.
    pub fn claim(&mut self, request_id: U256) -> Result<U256, QueueError> {
        let controller = self.claimable(request_id)?;
        self.pay(request_id, controller)
    }

    /// The controller (or its operator) has the payment sent to `receiver` instead, e.g. when
    /// the asset token refuses transfers to the controller.
    pub fn claim_to(&mut self, request_id: U256, receiver: Address) -> Result<U256, QueueError> {
        let controller = self.claimable(request_id)?;
        let caller = self.vm().msg_sender();
        if caller != controller && !self.is_operator(controller, caller) {
            return Err(NotController {
                requestId: request_id,
                caller,
            }
            .into());
        }
        if receiver.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.pay(request_id, receiver)
    }

    // --- views ---

    /// `(controller, shares, assetsAtRequest, requestedAt, claimableAt, claimed)`.
    pub fn request(
        &self,
        request_id: U256,
    ) -> Result<(Address, U256, U256, u64, u64, bool), QueueError> {
        let id = self.existing(request_id)?;
        let delay = self.effective_delay()?;
        let request = self.open.requests.getter(id);
        Ok((
            request.controller.get(),
            request.shares(),
            request.assets(),
            request.requested_at(),
            request.requested_at().saturating_add(delay),
            !request.is_open(),
        ))
    }

    /// Ids of `controller`'s open requests.
    pub fn requests_of(&self, controller: Address) -> Vec<U256> {
        self.open.of(controller)
    }

    /// ERC-7540: shares of `request_id` still waiting out the delay.
    pub fn pending_redeem_request(
        &self,
        request_id: U256,
        controller: Address,
    ) -> Result<U256, QueueError> {
        let (shares, claimable) = self.status_of(request_id, controller)?;
        Ok(if claimable { U256::ZERO } else { shares })
    }

    /// ERC-7540: shares of `request_id` ready to be claimed.
    pub fn claimable_redeem_request(
        &self,
        request_id: U256,
        controller: Address,
    ) -> Result<U256, QueueError> {
        let (shares, claimable) = self.status_of(request_id, controller)?;
        Ok(if claimable { shares } else { U256::ZERO })
    }

    /// `(openRequests, shares, assetsAtRequest, nextUnlock)`; nextUnlock is 0 when empty and
    /// may lie in the past when a matured request waits to be claimed.
    pub fn backlog(&self) -> Result<(U256, U256, U256, u64), QueueError> {
        let head = self.open.head();
        let next_unlock = if head == 0 {
            0
        } else {
            let delay = self.effective_delay()?;
            self.open
                .requests
                .getter(head)
                .requested_at()
                .saturating_add(delay)
        };
        let (shares, assets) = self.open.totals();
        Ok((U256::from(self.open.count()), shares, assets, next_unlock))
    }
}

impl WithdrawalQueue {
    /// Runs inside the deploy transaction, so nobody can initialise the queue first. On chain
    /// `router` decodes it; tests call it directly.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn constructor(
        &mut self,
        vault: Address,
        hub: Address,
        admin: Address,
        withdrawal_delay: u64,
    ) -> Result<(), QueueError> {
        self.init(vault, hub, admin, withdrawal_delay)
    }

    pub(crate) fn init(
        &mut self,
        vault: Address,
        hub: Address,
        admin: Address,
        withdrawal_delay: u64,
    ) -> Result<(), QueueError> {
        if vault.is_zero() || hub.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.roles.init(admin)?;
        self.vault.set(vault);
        self.hub.set(hub);
        self.check_delay(withdrawal_delay)?;
        self.store_delay(withdrawal_delay);
        Ok(())
    }

    /// `delay` passed `check_delay`, so it fits u32.
    fn store_delay(&mut self, delay: u64) {
        self.withdrawal_delay
            .set(U32::from_limbs([u64::from(delay as u32)]));
        self.delay_lowered_at.set(U64::ZERO);
        WithdrawalDelaySet { delay }.emit(self.vm());
    }

    /// The withdrawal delay must cover the hub's delay in force and any raise it announced,
    /// so the hub plan is read fresh (and the copy renewed on the way).
    fn check_delay(&mut self, delay: u64) -> Result<(), QueueError> {
        if delay > MAX_DELAY {
            return Err(DelayTooLong { delay }.into());
        }
        let now = self.vm().block_timestamp();
        let plan = self.read_hub_plan()?;
        self.cache_hub_plan(plan, now);
        let deallocation_delay = plan.committed(now);
        if delay < deallocation_delay {
            return Err(DelayBelowDeallocation {
                delay,
                deallocationDelay: deallocation_delay,
            }
            .into());
        }
        Ok(())
    }

    /// `deallocationDelayPlan()` of the hub, decoded by hand (three words): alloy's decoder
    /// made the queue 640 B larger, which every call into the queue pays for on entry.
    fn read_hub_plan(&self) -> Result<HubPlan, QueueError> {
        let hub = self.hub.get();
        let out = stylus_sdk::call::static_call(
            self.vm(),
            Call::new(),
            hub,
            &DEALLOCATION_DELAY_PLAN_SELECTOR,
        )
        .map_err(|e| QueueError::from_call(hub, e))?;
        // The answer's words decode as calldata arguments do (a word above u64 is refused).
        let words = lrt_common::router::Args(&out);
        match (words.u64(0), words.u64(1), words.u64(2)) {
            (Ok(before), Ok(after), Ok(effective_at)) => Ok(HubPlan {
                before,
                after,
                effective_at,
            }),
            _ => Err(ExternalCallFailed { target: hub }.into()),
        }
    }

    fn cached_hub_plan(&self) -> HubPlan {
        HubPlan {
            before: self.hub_before.get().as_limbs()[0],
            after: self.hub_after.get().as_limbs()[0],
            effective_at: self.hub_effective_at.get().as_limbs()[0],
        }
    }

    fn cache_hub_plan(&mut self, plan: HubPlan, read_at: u64) {
        // The hub caps its delays at MAX_DELAY; a larger value saturates, which only makes
        // claims wait longer, never shorter.
        let narrow = |delay: u64| U32::from_limbs([delay.min(u64::from(u32::MAX))]);
        self.hub_before.set(narrow(plan.before));
        self.hub_after.set(narrow(plan.after));
        self.hub_effective_at.set(U64::from(plan.effective_at));
        self.hub_plan_valid_until
            .set(U64::from(hub_plan::valid_until(&plan, read_at)));
    }

    /// The hub's deallocation delay in force at `now`: from the copy while it is good, else
    /// from the hub (views store nothing).
    fn deallocation_delay(&self, now: u64) -> Result<u64, QueueError> {
        if now < self.hub_plan_valid_until.get().as_limbs()[0] {
            return Ok(self.cached_hub_plan().at(now));
        }
        Ok(self.read_hub_plan()?.at(now))
    }

    /// As [`Self::deallocation_delay`], but a claim renews a copy that ran out, so the claims
    /// of the next 30 days do not call the hub.
    fn deallocation_delay_for_claim(&mut self, now: u64) -> Result<u64, QueueError> {
        if now < self.hub_plan_valid_until.get().as_limbs()[0] {
            return Ok(self.cached_hub_plan().at(now));
        }
        let plan = self.read_hub_plan()?;
        self.cache_hub_plan(plan, now);
        Ok(plan.at(now))
    }

    /// The hub may have raised its delay since the withdrawal delay was set; the longer wins,
    /// so a leaver always waits out every pending deallocation.
    fn effective_delay(&self) -> Result<u64, QueueError> {
        let now = self.vm().block_timestamp();
        Ok(self.withdrawal_delay().max(self.deallocation_delay(now)?))
    }

    fn existing(&self, request_id: U256) -> Result<u32, QueueError> {
        // Ids are u32 (see `request`); the cast is checked by the comparison.
        let id = request_id.as_limbs()[0] as u32;
        if request_id > U256::from(u32::MAX) || !self.open.exists(id) {
            return Err(RequestNotFound {
                requestId: request_id,
            }
            .into());
        }
        Ok(id)
    }

    /// `(shares, claimableNow)` of an open request of `controller`; zero shares otherwise.
    fn status_of(&self, request_id: U256, controller: Address) -> Result<(U256, bool), QueueError> {
        let Ok(id) = self.existing(request_id) else {
            return Ok((U256::ZERO, false));
        };
        let request = self.open.requests.getter(id);
        if !request.is_open() || request.controller.get() != controller {
            return Ok((U256::ZERO, false));
        }
        let unlock = request
            .requested_at()
            .saturating_add(self.effective_delay()?);
        Ok((request.shares(), self.vm().block_timestamp() >= unlock))
    }

    /// Checks that `request_id` may be paid now; returns its controller.
    fn claimable(&mut self, request_id: U256) -> Result<Address, QueueError> {
        self.pausable.when_not_paused(CLAIM)?;
        let id = self.existing(request_id)?;
        let (requested_at, controller) = {
            let request = self.open.requests.getter(id);
            if !request.is_open() {
                return Err(AlreadyClaimed {
                    requestId: request_id,
                }
                .into());
            }
            (request.requested_at(), request.controller.get())
        };
        let now = self.vm().block_timestamp();
        let delay = self
            .withdrawal_delay()
            .max(self.deallocation_delay_for_claim(now)?);
        let claimable_at = requested_at.saturating_add(delay);
        if now < claimable_at {
            return Err(NotClaimableYet {
                requestId: request_id,
                claimableAt: claimable_at,
            }
            .into());
        }
        Ok(controller)
    }

    fn pay(&mut self, request_id: U256, receiver: Address) -> Result<U256, QueueError> {
        // `claimable` found the request, so its id fits u32.
        let id = request_id.as_limbs()[0] as u32;
        let (controller, shares, max_assets) = {
            let request = self.open.requests.getter(id);
            (request.controller.get(), request.shares(), request.assets())
        };
        // Closed before the vault pays, so a re-entering receiver finds it claimed.
        self.open.close(id);
        let assets = self.vault_redeem_locked(shares, max_assets, receiver)?;
        RedeemClaimed {
            requestId: request_id,
            controller,
            receiver,
            shares,
            assets,
        }
        .emit(self.vm());
        Ok(assets)
    }
}
