//! One redeem request, and the list of open requests in id (= time) order.
//!
//! Open requests form a doubly linked list, so the oldest open one (the next to unlock:
//! every request waits the same delay) is known in O(1) and any claim unlinks in O(1).
//!
//! Storage is packed for gas (a fresh slot costs 20,000 to write, a changed one 2,900): a
//! request takes three slots, `controller | requestedAt`, its links, and `shares | assets` as
//! two u128; the open totals share one slot too, and each controller's ids are an
//! [`IdList`]. Amounts above u128 revert with `MathOverflow` rather than being truncated. A
//! new request normally writes no other request's slot (see [`OpenRequests::next_of`]).
//! Closing a request zeroes its links slot (an SSTORE refund); that zero slot is also what
//! marks the request claimed, so a claim does not rewrite the request's other slots, and
//! `request(id)` still reads its controller, time and amounts afterwards.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{Address, U128, U256, U64},
    prelude::*,
    storage::{StorageAddress, StorageMap, StorageU128, StorageU64},
};

use crate::{
    errors::{MathOverflow, QueueError},
    id_list::IdList,
};

#[storage]
pub struct Request {
    pub controller: StorageAddress,
    requested_at: StorageU64,
    /// The previous open request (0 = none; the head's word is stale and ignored), the next
    /// one as [`OpenRequests::next_of`] reads it, and 1 + the place in the controller's list;
    /// all zero once closed, and never all zero while open (the position is at least 1).
    prev: StorageU64,
    next: StorageU64,
    position_in_controller: StorageU64,
    shares: StorageU128,
    /// What the shares were worth at the request: the most the claim can pay.
    assets: StorageU128,
}

impl Request {
    pub fn requested_at(&self) -> u64 {
        self.requested_at.get().as_limbs()[0]
    }

    pub fn shares(&self) -> U256 {
        widen(self.shares.get())
    }

    pub fn assets(&self) -> U256 {
        widen(self.assets.get())
    }

    /// Still waiting to be claimed (the request must exist).
    pub fn is_open(&self) -> bool {
        !self.position_in_controller.get().is_zero()
    }
}

/// Open requests: a global list in id order and one unordered list per controller.
#[storage]
pub struct OpenRequests {
    pub requests: StorageMap<u64, Request>,
    head: StorageU64,
    tail: StorageU64,
    last_id: StorageU64,
    count: StorageU64,
    shares: StorageU128,
    assets: StorageU128,
    by_controller: StorageMap<Address, IdList>,
}

impl OpenRequests {
    /// Records a new request and returns its id (ids start at 1). `MathOverflow` when
    /// `shares`, `assets` or the open totals would not fit 128 bits.
    pub fn open(
        &mut self,
        controller: Address,
        shares: U256,
        assets: U256,
        now: u64,
    ) -> Result<u64, QueueError> {
        let (shares, assets) = (narrow(shares)?, narrow(assets)?);
        let total_shares = self.shares.get().checked_add(shares);
        let total_assets = self.assets.get().checked_add(assets);
        let (Some(total_shares), Some(total_assets)) = (total_shares, total_assets) else {
            return Err(MathOverflow {}.into());
        };
        self.shares.set(total_shares);
        self.assets.set(total_assets);
        // u64 ids and counts cannot wrap: each request costs far more than 2^-64 of all gas.
        let id = self.last_id.get().as_limbs()[0] + 1;
        self.last_id.set(U64::from(id));
        let tail = self.tail.get().as_limbs()[0];
        let position = self.by_controller.setter(controller).push(id) + 1;
        let mut request = self.requests.setter(id);
        request.controller.set(controller);
        request.requested_at.set(U64::from(now));
        request.shares.set(shares);
        request.assets.set(assets);
        request.prev.set(U64::from(tail));
        request.position_in_controller.set(U64::from(position));
        if tail == 0 {
            self.head.set(U64::from(id));
        } else if tail != id - 1 {
            self.requests.setter(tail).next.set(U64::from(id));
        }
        // else the tail's `next` is already the implicit `id`: no write to its slot.
        self.tail.set(U64::from(id));
        self.count.set(self.count.get() + U64::from(1));
        Ok(id)
    }

    /// Unlinks open request `id` from both lists and zeroes its links, which marks it
    /// claimed; O(1).
    pub fn close(&mut self, id: u64) {
        let next = U64::from(self.next_of(id));
        let is_head = id == self.head();
        let (prev, controller, position, shares, assets) = {
            let mut request = self.requests.setter(id);
            let fields = (
                if is_head {
                    U64::ZERO
                } else {
                    request.prev.get()
                },
                request.controller.get(),
                request.position_in_controller.get(),
                request.shares.get(),
                request.assets.get(),
            );
            request.prev.set(U64::ZERO);
            request.next.set(U64::ZERO);
            request.position_in_controller.set(U64::ZERO);
            fields
        };
        if prev.is_zero() {
            self.head.set(next);
        } else if !next.is_zero() {
            // Never implicit: `next` lies beyond `id`, so at least two past `prev`.
            self.requests.setter(prev.as_limbs()[0]).next.set(next);
        }
        if next.is_zero() {
            // The new tail's stale `next` is ignored from now on (see `next_of`).
            self.tail.set(prev);
        } else if !prev.is_zero() {
            self.requests.setter(next.as_limbs()[0]).prev.set(prev);
        }
        // else `next` is the new head, whose `prev` is never read: claims in request order,
        // the usual case, leave the next request's slot alone.
        // Swap-remove from the controller's list; the moved id learns its new place.
        let moved = self
            .by_controller
            .setter(controller)
            .swap_remove(position.as_limbs()[0] - 1);
        if moved != id {
            self.requests
                .setter(moved)
                .position_in_controller
                .set(position);
        }
        self.count.set(self.count.get() - U64::from(1));
        // Open totals include every open request's amounts, so these cannot underflow.
        self.shares.set(self.shares.get() - shares);
        self.assets.set(self.assets.get() - assets);
    }

    /// The open request after open request `id` (0 = none). Stored `next` words are written
    /// only when they must be: the tail has none whatever its word says, a zero word means
    /// `id + 1`, anything else is the id. So a new request linked after its predecessor, the
    /// usual case, leaves the predecessor's slot alone; and a zero word is right, because
    /// closing `id + 1` while `id` is open writes `id`'s word.
    fn next_of(&self, id: u64) -> u64 {
        if id == self.tail.get().as_limbs()[0] {
            return 0;
        }
        match self.requests.getter(id).next.get().as_limbs()[0] {
            0 => id + 1,
            next => next,
        }
    }

    pub fn exists(&self, id: u64) -> bool {
        id != 0 && id <= self.last_id.get().as_limbs()[0]
    }

    pub fn count(&self) -> u64 {
        self.count.get().as_limbs()[0]
    }

    /// Shares and assets-at-request of all open requests.
    pub fn totals(&self) -> (U256, U256) {
        (widen(self.shares.get()), widen(self.assets.get()))
    }

    /// The oldest open request (0 when none).
    pub fn head(&self) -> u64 {
        self.head.get().as_limbs()[0]
    }

    pub fn of(&self, controller: Address) -> Vec<U256> {
        self.by_controller.getter(controller).ids()
    }
}

fn narrow(value: U256) -> Result<U128, QueueError> {
    match value.as_limbs() {
        [low, high, 0, 0] => Ok(U128::from_limbs([*low, *high])),
        _ => Err(MathOverflow {}.into()),
    }
}

fn widen(value: U128) -> U256 {
    let [low, high] = *value.as_limbs();
    U256::from_limbs([low, high, 0, 0])
}
