//! One redeem request, and the list of open requests in id (= time) order.
//!
//! Open requests form a doubly linked list, so the oldest open one (the next to unlock:
//! every request waits the same delay) is known in O(1) and any claim unlinks in O(1).
//!
//! # Storage
//!
//! Packed for gas: a fresh slot costs 22,100 to write (cold, 0 → nonzero), a changed one
//! 2,900. A request takes two slots, packed as Solidity packs a struct (fields listed from
//! the low-order bytes up):
//!
//! * A: `controller (20 B) | requestedAt (u64) | next (u32)`;
//! * B: `shares (u96) | assets (u96) | prev (u32) | positionInController (u32)`.
//!
//! `prev` and the position share a slot because a claim often changes both on one request:
//! when a controller's requests are consecutive, the one after the claimed request is also
//! the one swap-removal moves in the controller's list (one write instead of two, −5k gas).
//!
//! The open totals share one slot, and each controller's ids are an [`IdList`]. A new request
//! normally writes no other request's slot (see [`OpenRequests::next_of`]).
//!
//! Bounds, none of them a silent truncation:
//! * ids are u32: a request that would need id 2^32 reverts with `TooManyRequests` (4.3
//!   billion requests at ~150k gas each would fill an Arbitrum chain's 7M gas/s for years);
//! * a position is 1 + a place in the controller's list, whose ids are distinct, so it is at
//!   most u32::MAX as well;
//! * shares and assets above u96::MAX (7.9e28: 79 billion tokens of 18 decimals) revert with
//!   `MathOverflow`; the open totals are u128, which fewer than 2^32 open requests of less
//!   than 2^96 each cannot exceed.
//!
//! Closing a request writes position 0, which marks it claimed, and nothing else of it: the
//! amounts beside the position are rewritten as they were, slot A is left alone, and
//! `request(id)` still reads the controller, time and amounts afterwards. A closed request's
//! links are stale but never read again (only open requests' links are, and ids are never
//! reused).

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{aliases::U96, Address, U128, U256, U32, U64},
    prelude::*,
    storage::{StorageAddress, StorageMap, StorageU128, StorageU32, StorageU64, StorageU96},
};

use crate::{
    errors::{MathOverflow, QueueError, TooManyRequests},
    id_list::IdList,
};

#[storage]
pub struct Request {
    // Slot A.
    pub controller: StorageAddress,
    requested_at: StorageU64,
    /// The next open request as [`OpenRequests::next_of`] reads it.
    next: StorageU32,
    // Slot B.
    shares: StorageU96,
    /// What the shares were worth at the request: the most the claim can pay.
    assets: StorageU96,
    /// The previous open request (0 = none; the head's word is stale and ignored).
    prev: StorageU32,
    /// 1 + the place in the controller's list while open; 0 once closed (claimed).
    position_in_controller: StorageU32,
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
    pub requests: StorageMap<u32, Request>,
    head: StorageU32,
    tail: StorageU32,
    last_id: StorageU32,
    count: StorageU32,
    shares: StorageU128,
    assets: StorageU128,
    by_controller: StorageMap<Address, IdList>,
}

impl OpenRequests {
    /// Records a new request and returns its id (ids start at 1). `MathOverflow` when
    /// `shares` or `assets` would not fit 96 bits, `TooManyRequests` when every u32 id is
    /// taken.
    pub fn open(
        &mut self,
        controller: Address,
        shares: U256,
        assets: U256,
        now: u64,
    ) -> Result<u32, QueueError> {
        let (shares, assets) = (narrow(shares)?, narrow(assets)?);
        let Some(id) = self.last_id().checked_add(1) else {
            return Err(TooManyRequests {}.into());
        };
        // Fewer than 2^32 open requests of less than 2^96 each: the totals stay below 2^128.
        self.shares.set(self.shares.get() + to_u128(shares));
        self.assets.set(self.assets.get() + to_u128(assets));
        self.last_id.set(U32::from(id));
        let tail = get(&self.tail);
        // At most u32::MAX: the list's ids are distinct u32 ids.
        let position = self.by_controller.setter(controller).push(id) + 1;
        let mut request = self.requests.setter(id);
        request.controller.set(controller);
        request.requested_at.set(U64::from(now));
        request.shares.set(shares);
        request.assets.set(assets);
        request.prev.set(U32::from(tail));
        request.position_in_controller.set(U32::from(position));
        if tail == 0 {
            self.head.set(U32::from(id));
        } else if tail != id - 1 {
            self.requests.setter(tail).next.set(U32::from(id));
        }
        // else the tail's `next` is already the implicit `id`: no write to its slot.
        self.tail.set(U32::from(id));
        // Fewer open requests than ids: cannot wrap.
        self.count.set(U32::from(self.count() + 1));
        Ok(id)
    }

    /// Unlinks open request `id` from both lists and writes its position 0, which marks it
    /// claimed; O(1).
    pub fn close(&mut self, id: u32) {
        let next = self.next_of(id);
        let is_head = id == self.head();
        let (prev, controller, position, shares, assets) = {
            let mut request = self.requests.setter(id);
            let fields = (
                if is_head { 0 } else { get(&request.prev) },
                request.controller.get(),
                get(&request.position_in_controller),
                to_u128(request.shares.get()),
                to_u128(request.assets.get()),
            );
            request.position_in_controller.set(U32::ZERO);
            fields
        };
        if prev == 0 {
            self.head.set(U32::from(next));
        } else if next != 0 {
            // Never implicit: `next` lies beyond `id`, so at least two past `prev`.
            self.requests.setter(prev).next.set(U32::from(next));
        }
        if next == 0 {
            // The new tail's stale `next` is ignored from now on (see `next_of`).
            self.tail.set(U32::from(prev));
        } else if prev != 0 {
            self.requests.setter(next).prev.set(U32::from(prev));
        }
        // else `next` is the new head, whose `prev` is never read: claims in request order,
        // the usual case, leave the next request's slot alone.
        // Swap-remove from the controller's list; the moved id learns its new place.
        let moved = self
            .by_controller
            .setter(controller)
            .swap_remove(position - 1);
        if moved != id {
            self.requests
                .setter(moved)
                .position_in_controller
                .set(U32::from(position));
        }
        self.count.set(U32::from(self.count() - 1));
        // Open totals include every open request's amounts, so these cannot underflow.
        self.shares.set(self.shares.get() - shares);
        self.assets.set(self.assets.get() - assets);
    }

    /// The open request after open request `id` (0 = none). Stored `next` words are written
    /// only when they must be: the tail has none whatever its word says, a zero word means
    /// `id + 1`, anything else is the id. So a new request linked after its predecessor, the
    /// usual case, leaves the predecessor's slot alone; and a zero word is right, because
    /// closing `id + 1` while `id` is open writes `id`'s word.
    fn next_of(&self, id: u32) -> u32 {
        if id == get(&self.tail) {
            return 0;
        }
        match get(&self.requests.getter(id).next) {
            0 => id + 1,
            next => next,
        }
    }

    pub fn exists(&self, id: u32) -> bool {
        id != 0 && id <= self.last_id()
    }

    fn last_id(&self) -> u32 {
        get(&self.last_id)
    }

    pub fn count(&self) -> u32 {
        get(&self.count)
    }

    /// Shares and assets-at-request of all open requests.
    pub fn totals(&self) -> (U256, U256) {
        (widen128(self.shares.get()), widen128(self.assets.get()))
    }

    /// The oldest open request (0 when none).
    pub fn head(&self) -> u32 {
        get(&self.head)
    }

    pub fn of(&self, controller: Address) -> Vec<U256> {
        self.by_controller.getter(controller).ids()
    }
}

fn get(word: &StorageU32) -> u32 {
    // A U32 has one limb, below 2^32.
    word.get().as_limbs()[0] as u32
}

fn narrow(value: U256) -> Result<U96, QueueError> {
    match value.as_limbs() {
        [low, high, 0, 0] if *high >> 32 == 0 => Ok(U96::from_limbs([*low, *high])),
        _ => Err(MathOverflow {}.into()),
    }
}

fn to_u128(value: U96) -> U128 {
    U128::from_limbs(*value.as_limbs())
}

fn widen(value: U96) -> U256 {
    let [low, high] = *value.as_limbs();
    U256::from_limbs([low, high, 0, 0])
}

fn widen128(value: U128) -> U256 {
    let [low, high] = *value.as_limbs();
    U256::from_limbs([low, high, 0, 0])
}

#[cfg(test)]
mod tests {
    use stylus_sdk::{
        alloy_primitives::{address, keccak256, B256},
        storage::StorageType,
        testing::TestVM,
    };

    use super::*;

    const ALICE: Address = address!("0000000000000000000000000000000000000a11");

    /// `OpenRequests` at slot 0 of a fresh test VM.
    fn given_no_requests() -> (TestVM, OpenRequests) {
        let vm = TestVM::new();
        let open = OpenRequests::from(&vm);
        (vm, open)
    }

    /// Slot A of request `id` (the map is the first field: its root is slot 0).
    fn slot_a(id: u32) -> U256 {
        let key = B256::from(U256::from(id));
        U256::from_be_bytes(keccak256([key.as_slice(), &[0u8; 32]].concat()).0)
    }

    #[test]
    fn a_request_takes_two_slots_packed_as_solidity_packs_its_struct() {
        let (vm, mut open) = given_no_requests();
        let (shares, assets) = (U256::from(0x0102_0304u64), U256::from(0x0a0b_0c0du64));
        open.open(ALICE, U256::from(7u8), U256::from(7u8), 11)
            .ok()
            .unwrap();
        let id = open.open(ALICE, shares, assets, 0x1122_3344).ok().unwrap();

        // Slot A, high bytes to low: next (u32, still implicit) | requestedAt (u64) | controller.
        let mut a = [0u8; 32];
        a[8..12].copy_from_slice(&0x1122_3344u32.to_be_bytes());
        a[12..].copy_from_slice(ALICE.as_slice());
        assert_eq!(vm.get_storage(slot_a(id)), B256::from(a));
        // Slot B: position (u32) | prev (u32) | assets (u96) | shares (u96).
        let mut b = [0u8; 32];
        b[3] = 2; // the second in ALICE's list
        b[7] = 1; // prev = request 1
        b[16..20].copy_from_slice(&0x0a0b_0c0du32.to_be_bytes());
        b[28..].copy_from_slice(&0x0102_0304u32.to_be_bytes());
        assert_eq!(vm.get_storage(slot_a(id) + U256::from(1u8)), B256::from(b));
        assert_eq!(<Request as StorageType>::REQUIRED_SLOTS, 2);
    }

    #[test]
    fn closing_marks_the_request_claimed_and_keeps_its_amounts() {
        let (vm, mut open) = given_no_requests();
        let id = open
            .open(ALICE, U256::from(5u8), U256::from(6u8), 99)
            .ok()
            .unwrap();
        let slot_a_before = vm.get_storage(slot_a(id));
        let mut slot_b = vm.get_storage(slot_a(id) + U256::from(1u8));
        open.close(id);

        let request = open.requests.getter(id);
        assert!(!request.is_open());
        assert_eq!(request.controller.get(), ALICE);
        assert_eq!(request.requested_at(), 99);
        assert_eq!(
            (request.shares(), request.assets()),
            (U256::from(5u8), U256::from(6u8))
        );
        // Only the position word (slot B's high four bytes) changed.
        assert_eq!(vm.get_storage(slot_a(id)), slot_a_before);
        slot_b[..4].fill(0);
        assert_eq!(vm.get_storage(slot_a(id) + U256::from(1u8)), slot_b);
        assert_eq!(open.count(), 0);
        assert_eq!(open.head(), 0);
    }

    #[test]
    fn ids_end_at_u32_max_and_the_next_request_reverts_with_too_many_requests() {
        let (_vm, mut open) = given_no_requests();
        open.last_id.set(U32::from(u32::MAX - 1));
        let one = U256::from(1u8);

        assert_eq!(open.open(ALICE, one, one, 1), Ok(u32::MAX));
        assert_eq!(
            open.open(ALICE, one, one, 2),
            Err(TooManyRequests {}.into())
        );
        // The last id still works like any other: it can be claimed.
        assert!(open.exists(u32::MAX));
        assert_eq!(open.of(ALICE), vec![U256::from(u32::MAX)]);
        open.close(u32::MAX);
        assert_eq!((open.count(), open.head()), (0, 0));
        assert!(open.of(ALICE).is_empty());
    }

    #[test]
    fn amounts_up_to_u96_max_are_kept_and_one_more_is_math_overflow() {
        let (_vm, mut open) = given_no_requests();
        let max = U256::from(U96::MAX);
        let one = U256::from(1u8);

        let id = open.open(ALICE, max, max, 1).ok().unwrap();
        let request = open.requests.getter(id);
        assert_eq!((request.shares(), request.assets()), (max, max));
        assert_eq!(
            open.open(ALICE, max + one, one, 1),
            Err(MathOverflow {}.into())
        );
        assert_eq!(
            open.open(ALICE, one, max + one, 1),
            Err(MathOverflow {}.into())
        );
        assert_eq!(open.count(), 1);
    }
}
