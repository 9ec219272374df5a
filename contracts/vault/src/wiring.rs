//! Which hub may slash the vault and which queue may lock and redeem shares: both can move
//! every depositor's assets, so after the first setting they change only through a timelock
//! that outlasts any withdrawal delay (depositors see the proposal and leave first), and never
//! while the old queue holds open requests (they would be stranded).

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use lrt_common::{
    abi::{emit, selector, Word},
    limits::MAX_DELAY,
};
use stylus_sdk::prelude::*;

use crate::{
    asset::read_word,
    errors::{
        NoPendingWiring, QueueHasOpenRequests, VaultError, WiringAlreadySet, WiringNotReady,
        ZeroAddress,
    },
    events::{HubSet, WiringCancelled, WiringProposed, WithdrawalQueueSet},
    Vault,
};

/// How long a proposed re-wiring waits: the longest withdrawal delay any queue accepts
/// (30 days) plus a day to claim, so a depositor who requests at the proposal is paid first.
pub const WIRING_DELAY: u64 = MAX_DELAY + 24 * 60 * 60;
const _: () = assert!(WIRING_DELAY > MAX_DELAY, "longer than any withdrawal delay");

const BACKLOG: [u8; 4] = selector("backlog()");

impl Vault {
    /// The first setting of the hub (`is_hub`) or the queue, at deployment, takes effect at once.
    pub(crate) fn set_once(&mut self, is_hub: bool, address: Address) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        let current = match is_hub {
            true => self.hub.get(),
            false => self.withdrawal_queue.get(),
        };
        if !current.is_zero() {
            return Err(WiringAlreadySet {}.into());
        }
        if address.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.store(is_hub, address);
        Ok(())
    }

    /// Replaces any earlier proposal (its clock restarts).
    pub(crate) fn propose(&mut self, hub: Address, queue: Address) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        if hub.is_zero() || queue.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        let ready_at = self.vm().block_timestamp().saturating_add(WIRING_DELAY);
        self.pending_hub.set(hub);
        self.pending_queue.set(queue);
        self.wiring_ready_at
            .set(alloy_primitives::U64::from(ready_at));
        let topics = [WiringProposed::SIGNATURE_HASH, hub.word(), queue.word()];
        emit(self.vm(), &topics, &[ready_at.word()]);
        Ok(())
    }

    pub(crate) fn cancel(&mut self) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        self.pending_ready_at()?;
        self.clear_pending();
        emit(self.vm(), &[WiringCancelled::SIGNATURE_HASH], &[]);
        Ok(())
    }

    pub(crate) fn execute(&mut self) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        let ready_at = self.pending_ready_at()?;
        if self.vm().block_timestamp() < ready_at {
            return Err(WiringNotReady { readyAt: ready_at }.into());
        }
        let (hub, queue) = (self.pending_hub.get(), self.pending_queue.get());
        let old_queue = self.withdrawal_queue.get();
        if queue != old_queue && !old_queue.is_zero() {
            // A queue that cannot say it is empty is treated as not empty.
            let open = read_word(self.vm(), old_queue, &BACKLOG).unwrap_or(U256::MAX);
            if !open.is_zero() {
                return Err(QueueHasOpenRequests {
                    queue: old_queue,
                    openRequests: open,
                }
                .into());
            }
        }
        self.clear_pending();
        self.store(true, hub);
        self.store(false, queue);
        Ok(())
    }

    /// `(hub, queue, readyAt)` of the pending proposal; all zero when none.
    pub(crate) fn pending(&self) -> (Address, Address, u64) {
        (
            self.pending_hub.get(),
            self.pending_queue.get(),
            self.wiring_ready_at.get().as_limbs()[0],
        )
    }

    fn pending_ready_at(&self) -> Result<u64, VaultError> {
        match self.wiring_ready_at.get().as_limbs()[0] {
            0 => Err(NoPendingWiring {}.into()),
            ready_at => Ok(ready_at),
        }
    }

    fn clear_pending(&mut self) {
        self.pending_hub.set(Address::ZERO);
        self.pending_queue.set(Address::ZERO);
        self.wiring_ready_at.set(alloy_primitives::U64::ZERO);
    }

    fn store(&mut self, is_hub: bool, address: Address) {
        let event = match is_hub {
            true => {
                self.hub.set(address);
                HubSet::SIGNATURE_HASH
            }
            false => {
                // The mark moves with the wiring: exactly the wired queue carries it (the
                // zero address, wired before the first setting, holds nothing).
                self.mark_queue(self.withdrawal_queue.get(), false);
                self.mark_queue(address, true);
                self.withdrawal_queue.set(address);
                WithdrawalQueueSet::SIGNATURE_HASH
            }
        };
        emit(self.vm(), &[event, address.word()], &[]);
    }
}
