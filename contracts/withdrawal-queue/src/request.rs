//! One redeem request, and the open requests: a list in id (= time) order and one list per
//! controller.
//!
//! Open requests form a doubly linked list, so the oldest open one (the next to unlock: every
//! request waits the same delay) is known in O(1) and any claim unlinks in O(1), in whatever
//! order claims come. A lazily advanced head would be cheaper for claims out of order but not
//! O(1): a request whose payment keeps reverting lets later claims pile up behind it, and
//! whoever finally claims it would scan them all.
//!
//! # Storage
//!
//! Packed for gas: a cold slot costs 2,100 to read, a changed one 2,900 to write (20,000 if
//! it was zero). Four kinds of slot:
//!
//! * totals: `count (u32) | head (u32) | shares (u96) | assets (u96)` (fields listed from the
//!   low-order bytes up, as Solidity packs them): what every request and every claim changes,
//!   and the head, so a claim knows whether it claims the oldest request, and a claim of the
//!   oldest moves the head, without another slot;
//! * ends: `tail (u32) | lastId (u32)`: what a request needs; a claim touches it only when it
//!   claims the newest open request while older ones are open;
//! * a request, two slots: A `controller (20 B) | requestedAt (u64) | next (u32)`, B `shares
//!   (u96) | assets (u96) | prev (u32) | octet (u32)`;
//! * each controller's ids, an [`IdList`] (one slot for up to seven open requests); `octet`
//!   is 1 + the index of the list slot that holds the request's id.
//!
//! So a claim of the oldest request, the usual order, reads the request's A (whether it
//! exists, see [`OpenRequests::exists`], and its time) and B, the totals and the controller's
//! list slot, and writes B, the totals and the list slot: no other request's slot, and no
//! slot it does not change. A claim of any other request also relinks its neighbours: its
//! predecessor's `next` (A) and its successor's `prev` (B, read first: only an open
//! successor is one, see [`OpenRequests::close`]), two more slots (~10k gas), the price of
//! knowing the oldest open request in O(1). A new request writes its two fresh slots, the
//! totals, the ends and its controller's list slot, and normally no other request's slot
//! (see [`implicit_next`]).
//!
//! Stale words, never read: the head's `prev`, the tail's `next`, a closed request's links,
//! and `head` and `tail` while nothing is open (count 0). Leaving them saves writes; leaving
//! the head in the totals once the queue empties also keeps that slot nonzero, so the next
//! request rewrites it for 2,900 gas instead of 20,000 (clearing it would refund 4,800).
//!
//! Bounds, none of them a silent truncation:
//! * ids are u32: a request that would need id 2^32 reverts with `TooManyRequests` (4.3
//!   billion requests at ~150k gas each would fill an Arbitrum chain's 7M gas/s for years);
//!   an octet index is at most 2^29 (a list holds distinct ids), so 1 + it fits too;
//! * a request's shares and assets, and the open totals of each, are u96: a request above
//!   u96::MAX (7.9e28: 79 billion tokens of 18 decimals) or one that would take a total above
//!   it reverts with `MathOverflow`. Wider totals would push `head` out of the totals slot,
//!   and every claim of the oldest request would touch one more slot (5,000 gas).
//!
//! Closing a request writes octet 0, which marks it claimed, and nothing else of it: the
//! amounts beside it are rewritten as they were, slot A is left alone, and `request(id)`
//! still reads the controller, time and amounts afterwards.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{aliases::U96, Address, U256, U32, U64},
    prelude::*,
    storage::{StorageAddress, StorageMap, StorageU32, StorageU64, StorageU96},
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
    /// The next open request as [`implicit_next`] reads it (stale in the tail).
    next: StorageU32,
    // Slot B.
    shares: StorageU96,
    /// What the shares were worth at the request: the most the claim can pay.
    assets: StorageU96,
    /// The previous open request (stale in the head, see the module docs).
    prev: StorageU32,
    /// 1 + the index of the controller-list slot holding this id while open; 0 once closed
    /// (claimed).
    octet: StorageU32,
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

    /// Still waiting to be claimed (false for an id never used).
    pub fn is_open(&self) -> bool {
        !self.octet.get().is_zero()
    }
}

/// Open requests: a global list in id order and one unordered list per controller.
#[storage]
pub struct OpenRequests {
    pub requests: StorageMap<u32, Request>,
    // The totals slot.
    count: StorageU32,
    head: StorageU32,
    shares: StorageU96,
    assets: StorageU96,
    // The ends slot.
    tail: StorageU32,
    last_id: StorageU32,
    by_controller: StorageMap<Address, IdList>,
}

impl OpenRequests {
    /// Records a new request and returns its id (ids start at 1). `controller` must not be
    /// zero (see [`Self::exists`]). `MathOverflow` when `shares` or `assets`, or the open
    /// total of either, would not fit 96 bits; `TooManyRequests` when every u32 id is taken.
    pub fn open(
        &mut self,
        controller: Address,
        shares: U256,
        assets: U256,
        now: u64,
    ) -> Result<u32, QueueError> {
        let (shares, assets) = (narrow(shares)?, narrow(assets)?);
        let total_shares = self.shares.get().checked_add(shares);
        let total_assets = self.assets.get().checked_add(assets);
        let (Some(total_shares), Some(total_assets)) = (total_shares, total_assets) else {
            return Err(MathOverflow {}.into());
        };
        let Some(id) = self.last_id().checked_add(1) else {
            return Err(TooManyRequests {}.into());
        };
        let count = self.count();
        let prev = if count == 0 {
            // Whatever the ends say is stale (see the module docs).
            self.head.set(U32::from(id));
            0
        } else {
            let tail = get(&self.tail);
            if tail != id - 1 {
                self.requests.setter(tail).next.set(U32::from(id));
            }
            // else the tail's `next` is already the implicit `id`: no write to its slot.
            tail
        };
        let octet = self.by_controller.setter(controller).push(id);
        let mut request = self.requests.setter(id);
        request.controller.set(controller);
        request.requested_at.set(U64::from(now));
        request.shares.set(shares);
        request.assets.set(assets);
        request.prev.set(U32::from(prev));
        // At most 2^29 + 1 (see the module docs).
        request.octet.set(U32::from(octet + 1));
        self.tail.set(U32::from(id));
        self.last_id.set(U32::from(id));
        // Fewer open requests than ids: cannot wrap.
        self.count.set(U32::from(count + 1));
        self.shares.set(total_shares);
        self.assets.set(total_assets);
        Ok(id)
    }

    /// Unlinks open request `id` from both lists and writes its octet 0, which marks it
    /// claimed; O(1).
    pub fn close(&mut self, id: u32) {
        let (next_word, prev, controller, octet, shares, assets) = {
            let mut request = self.requests.setter(id);
            let fields = (
                get(&request.next),
                get(&request.prev),
                request.controller.get(),
                get(&request.octet),
                request.shares.get(),
                request.assets.get(),
            );
            request.octet.set(U32::ZERO);
            fields
        };
        let count = self.count();
        // `id` is open, so the queue is not empty and `head` is not stale.
        if id == get(&self.head) {
            // Another request is open, so `id` is not the tail and its successor is open.
            // The new head's `prev` is left stale (never read): claims in request order, the
            // usual case, leave the next request's slot alone.
            if count > 1 {
                self.head.set(U32::from(implicit_next(id, next_word)));
            }
            // else the queue is now empty; the stale head keeps the totals slot nonzero.
        } else {
            // Not the head, so `prev` is its open predecessor. The tail's `next` word may
            // name a closed or unused id; any other's names its open successor.
            let candidate = match next_word {
                0 => id.checked_add(1),
                next => Some(next),
            };
            match self.link_after(prev, candidate) {
                // Never implicit: `next` lies beyond `id`, so at least two past `prev`.
                Some(next) => self.requests.setter(prev).next.set(U32::from(next)),
                // The newest open request: its predecessor's `next` becomes stale.
                None => self.tail.set(U32::from(prev)),
            }
        }
        // The id that fills its place in the controller's list learns its new octet.
        let moved = self.by_controller.setter(controller).remove(id, octet - 1);
        if let Some((moved, octet)) = moved {
            self.requests.setter(moved).octet.set(U32::from(octet + 1));
        }
        // Open totals include every open request's amounts, so these cannot underflow.
        self.count.set(U32::from(count - 1));
        self.shares.set(self.shares.get() - shares);
        self.assets.set(self.assets.get() - assets);
    }

    /// Makes `prev` the predecessor of request `candidate` and returns it if it is open;
    /// `None` (and no write) when it is closed or unused, i.e. the request being closed
    /// was the newest open one.
    fn link_after(&mut self, prev: u32, candidate: Option<u32>) -> Option<u32> {
        let mut successor = self.requests.setter(candidate?);
        if !successor.is_open() {
            return None;
        }
        successor.prev.set(U32::from(prev));
        candidate
    }

    /// Whether request `id` was made: its controller is never zero (the queue refuses a zero
    /// controller), and reading it costs a claim nothing, as the claim reads that slot anyway.
    pub fn exists(&self, id: u32) -> bool {
        id != 0 && !self.requests.getter(id).controller.get().is_zero()
    }

    fn last_id(&self) -> u32 {
        get(&self.last_id)
    }

    pub fn count(&self) -> u32 {
        get(&self.count)
    }

    /// Shares and assets-at-request of all open requests.
    pub fn totals(&self) -> (U256, U256) {
        (widen(self.shares.get()), widen(self.assets.get()))
    }

    /// The oldest open request (0 when none).
    pub fn head(&self) -> u32 {
        if self.count() == 0 {
            return 0;
        }
        get(&self.head)
    }

    pub fn of(&self, controller: Address) -> Vec<U256> {
        self.by_controller.getter(controller).ids()
    }
}

/// The open request after open request `id`, which is not the tail, from `id`'s `next` word.
/// Words are written only when they must be: a zero word means `id + 1`, anything else is
/// the id. So a new request linked after its predecessor, the usual case, leaves the
/// predecessor's slot alone; and a zero word is right, because closing `id + 1` while `id`
/// is open writes `id`'s word (or, if `id + 1` was the tail, makes `id` the tail).
fn implicit_next(id: u32, word: u32) -> u32 {
    match word {
        // `id` is not the tail, so `id + 1` exists.
        0 => id + 1,
        next => next,
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

fn widen(value: U96) -> U256 {
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
    const BOB: Address = address!("0000000000000000000000000000000000000b0b");
    const TOTALS_SLOT: u8 = 1;
    const ENDS_SLOT: u8 = 2;

    /// `OpenRequests` at slot 0 of a fresh test VM.
    fn given_no_requests() -> (TestVM, OpenRequests) {
        let vm = TestVM::new();
        let open = OpenRequests::from(&vm);
        (vm, open)
    }

    fn request(open: &mut OpenRequests, controller: Address, amount: u64) -> u32 {
        let amount = U256::from(amount);
        open.open(controller, amount, amount, 0).ok().unwrap()
    }

    /// Slot A of request `id` (the map is the first field: its root is slot 0).
    fn slot_a(id: u32) -> U256 {
        let key = B256::from(U256::from(id));
        U256::from_be_bytes(keccak256([key.as_slice(), &[0u8; 32]].concat()).0)
    }

    fn slot_b(id: u32) -> U256 {
        slot_a(id) + U256::from(1u8)
    }

    fn read(vm: &TestVM, slot: U256) -> B256 {
        vm.get_storage(slot)
    }

    #[test]
    fn a_request_takes_two_slots_packed_as_solidity_packs_its_struct() {
        let (vm, mut open) = given_no_requests();
        let (shares, assets) = (U256::from(0x0102_0304u64), U256::from(0x0a0b_0c0du64));
        request(&mut open, ALICE, 7);
        let id = open.open(ALICE, shares, assets, 0x1122_3344).ok().unwrap();

        // Slot A, high bytes to low: next (u32, still implicit) | requestedAt (u64) | controller.
        let mut a = [0u8; 32];
        a[8..12].copy_from_slice(&0x1122_3344u32.to_be_bytes());
        a[12..].copy_from_slice(ALICE.as_slice());
        assert_eq!(read(&vm, slot_a(id)), B256::from(a));
        // Slot B: octet (u32) | prev (u32) | assets (u96) | shares (u96).
        let mut b = [0u8; 32];
        b[3] = 1; // 1 + octet 0 of ALICE's list
        b[7] = 1; // prev = request 1
        b[16..20].copy_from_slice(&0x0a0b_0c0du32.to_be_bytes());
        b[28..].copy_from_slice(&0x0102_0304u32.to_be_bytes());
        assert_eq!(read(&vm, slot_b(id)), B256::from(b));
        assert_eq!(<Request as StorageType>::REQUIRED_SLOTS, 2);
    }

    #[test]
    fn count_head_and_both_totals_share_one_slot_and_the_ends_the_next() {
        let (vm, mut open) = given_no_requests();
        open.open(ALICE, U256::from(0x10u8), U256::from(0x20u8), 1)
            .ok()
            .unwrap();
        open.open(BOB, U256::from(0x01u8), U256::from(0x02u8), 1)
            .ok()
            .unwrap();

        // High bytes to low: assets (u96) | shares (u96) | head (u32) | count (u32).
        let mut totals = [0u8; 32];
        totals[11] = 0x22;
        totals[23] = 0x11;
        totals[27] = 1;
        totals[31] = 2;
        assert_eq!(read(&vm, U256::from(TOTALS_SLOT)), B256::from(totals));
        // lastId (u32) | tail (u32).
        let mut ends = [0u8; 32];
        ends[27] = 2;
        ends[31] = 2;
        assert_eq!(read(&vm, U256::from(ENDS_SLOT)), B256::from(ends));
    }

    #[test]
    fn closing_marks_the_request_claimed_and_keeps_its_amounts() {
        let (vm, mut open) = given_no_requests();
        let id = open
            .open(ALICE, U256::from(5u8), U256::from(6u8), 99)
            .ok()
            .unwrap();
        let slot_a_before = read(&vm, slot_a(id));
        let mut b_before = read(&vm, slot_b(id));
        open.close(id);

        let request = open.requests.getter(id);
        assert!(!request.is_open());
        assert_eq!(request.controller.get(), ALICE);
        assert_eq!(request.requested_at(), 99);
        assert_eq!(
            (request.shares(), request.assets()),
            (U256::from(5u8), U256::from(6u8))
        );
        // Only the octet word (slot B's high four bytes) changed.
        assert_eq!(read(&vm, slot_a(id)), slot_a_before);
        b_before[..4].fill(0);
        assert_eq!(read(&vm, slot_b(id)), b_before);
        assert_eq!((open.count(), open.head()), (0, 0));
        assert_eq!(open.totals(), (U256::ZERO, U256::ZERO));
        // The stale head keeps the totals slot nonzero: the next request rewrites it (2,900
        // gas) instead of creating it (20,000).
        assert_ne!(read(&vm, U256::from(TOTALS_SLOT)), B256::ZERO);
    }

    #[test]
    fn claiming_the_oldest_request_writes_no_other_request_and_not_the_ends() {
        let (vm, mut open) = given_no_requests();
        let oldest = request(&mut open, ALICE, 1);
        let others = [request(&mut open, BOB, 2), request(&mut open, ALICE, 3)];
        let before: Vec<B256> = others
            .iter()
            .flat_map(|&id| [read(&vm, slot_a(id)), read(&vm, slot_b(id))])
            .collect();
        let ends = read(&vm, U256::from(ENDS_SLOT));

        open.close(oldest);

        let after: Vec<B256> = others
            .iter()
            .flat_map(|&id| [read(&vm, slot_a(id)), read(&vm, slot_b(id))])
            .collect();
        assert_eq!(after, before);
        assert_eq!(read(&vm, U256::from(ENDS_SLOT)), ends);
        assert_eq!(open.head(), others[0]);
        assert_eq!(open.of(ALICE), vec![U256::from(others[1])]);
    }

    #[test]
    fn claiming_in_the_middle_relinks_only_the_neighbours_links() {
        // The bench's claim: a controller's first of two consecutive requests, older ones open.
        let (vm, mut open) = given_no_requests();
        let older = request(&mut open, BOB, 1);
        let claimed = request(&mut open, ALICE, 2);
        let newer = request(&mut open, ALICE, 3);
        let untouched = [
            read(&vm, slot_b(older)),
            read(&vm, slot_a(newer)),
            read(&vm, U256::from(ENDS_SLOT)),
        ];
        let mut newer_b = read(&vm, slot_b(newer));

        open.close(claimed);

        let mut older_a = [0u8; 32];
        older_a[..4].copy_from_slice(&newer.to_be_bytes()); // next, now explicit
        older_a[12..].copy_from_slice(BOB.as_slice());
        assert_eq!(read(&vm, slot_a(older)), B256::from(older_a));
        // Only the newer request's prev changed: it moved in ALICE's list, not to another slot.
        newer_b[4..8].copy_from_slice(&older.to_be_bytes());
        assert_eq!(read(&vm, slot_b(newer)), newer_b);
        assert_eq!(
            [
                read(&vm, slot_b(older)),
                read(&vm, slot_a(newer)),
                read(&vm, U256::from(ENDS_SLOT))
            ],
            untouched
        );
        assert_eq!(open.of(ALICE), vec![U256::from(newer)]);
    }

    #[test]
    fn an_id_moved_into_another_list_slot_learns_its_new_octet() {
        let (vm, mut open) = given_no_requests();
        // ALICE's list: the length and ids 1..=7 in octet 0, ids 8 and 9 in octet 1.
        let ids: Vec<u32> = (1..=9).map(|n| request(&mut open, ALICE, n)).collect();
        let octet_word = |id: u32| read(&vm, slot_b(id))[3];
        assert_eq!((octet_word(7), octet_word(8), octet_word(9)), (1, 2, 2));

        open.close(ids[0]);
        // Id 9 filled word 1 of octet 0; id 8 stays in octet 1.
        assert_eq!((octet_word(9), octet_word(8)), (1, 2));
        open.close(ids[8]);
        open.close(ids[7]);
        assert!(open.of(ALICE).iter().all(|id| *id <= U256::from(7u8)));
        assert_eq!(open.count(), 6);
    }

    #[test]
    fn ids_end_at_u32_max_and_the_next_request_reverts_with_too_many_requests() {
        let (_vm, mut open) = given_no_requests();
        open.last_id.set(U32::from(u32::MAX - 2));
        let one = U256::from(1u8);

        assert_eq!(open.open(BOB, one, one, 1), Ok(u32::MAX - 1));
        assert_eq!(open.open(ALICE, one, one, 1), Ok(u32::MAX));
        assert_eq!(
            open.open(ALICE, one, one, 2),
            Err(TooManyRequests {}.into())
        );
        // The last id still works like any other: it can be claimed, as the newest open
        // request (whose successor would be id 2^32) and as the only one.
        assert!(open.exists(u32::MAX));
        assert_eq!(open.of(ALICE), vec![U256::from(u32::MAX)]);
        open.close(u32::MAX);
        assert_eq!((open.count(), open.head()), (1, u32::MAX - 1));
        open.close(u32::MAX - 1);
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

    #[test]
    fn open_totals_up_to_u96_max_are_kept_and_one_more_is_math_overflow() {
        let (_vm, mut open) = given_no_requests();
        let max = U256::from(U96::MAX);
        let one = U256::from(1u8);
        open.open(ALICE, max - one, one, 1).ok().unwrap();
        open.open(BOB, one, max - one, 1).ok().unwrap();
        assert_eq!(open.totals(), (max, max));

        // Either total one above the bound refuses the request, and nothing changes.
        assert_eq!(open.open(BOB, one, one, 1), Err(MathOverflow {}.into()));
        open.close(2);
        assert_eq!(open.totals(), (max - one, one));
        assert_eq!(
            open.open(BOB, one + one, one, 1),
            Err(MathOverflow {}.into())
        );
        assert_eq!(open.open(BOB, one, max - one, 1), Ok(3));
        assert_eq!(open.open(BOB, one, one, 1), Err(MathOverflow {}.into()));
        assert_eq!((open.count(), open.totals()), (2, (max, max)));
    }

    /// What the queue should hold, as plain vectors: request `id` is `made[id - 1]`.
    #[derive(Default)]
    struct Model {
        made: Vec<Made>,
    }

    #[derive(Clone, Copy)]
    struct Made {
        controller: Address,
        at: u64,
        shares: U256,
        assets: U256,
        open: bool,
    }

    impl Model {
        fn open_ids(&self) -> Vec<u32> {
            (1..=self.made.len() as u32)
                .filter(|&id| self.made[id as usize - 1].open)
                .collect()
        }
    }

    /// Small deterministic generator (xorshift64*), so a failure replays from its seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Every view against the model, and the linked list itself: from the head, `next`
    /// words visit exactly the open ids in order, each `prev` (but the head's) naming the one
    /// before, the tail being the newest.
    fn check(open: &OpenRequests, model: &Model, controllers: &[Address]) {
        let ids = model.open_ids();
        assert_eq!(open.count() as usize, ids.len());
        let made = |id: u32| model.made[id as usize - 1];
        let sum = |f: fn(&Made) -> U256| ids.iter().map(|&id| f(&made(id))).sum::<U256>();
        assert_eq!(open.totals(), (sum(|m| m.shares), sum(|m| m.assets)));
        assert_eq!(open.head(), ids.first().copied().unwrap_or(0));
        if let Some(&head) = ids.first() {
            // nextUnlock is the head's time plus the delay.
            assert_eq!(open.requests.getter(head).requested_at(), made(head).at);
            assert_eq!(get(&open.tail), *ids.last().unwrap());
            let mut walked = vec![head];
            while walked.len() < ids.len() {
                let at = *walked.last().unwrap();
                let next = implicit_next(at, get(&open.requests.getter(at).next));
                assert_eq!(get(&open.requests.getter(next).prev), at);
                walked.push(next);
            }
            assert_eq!(walked, ids);
        }
        for &controller in controllers {
            let mut listed = open.of(controller);
            listed.sort();
            let expected: Vec<U256> = ids
                .iter()
                .filter(|&&id| made(id).controller == controller)
                .map(|&id| U256::from(id))
                .collect();
            assert_eq!(listed, expected);
        }
        let last = model.made.len() as u32;
        assert!(!open.exists(0) && !open.exists(last + 1));
        for id in 1..=last {
            assert!(open.exists(id));
            let request = open.requests.getter(id);
            let m = made(id);
            assert_eq!(
                (
                    request.controller.get(),
                    request.requested_at(),
                    request.shares(),
                    request.assets(),
                    request.is_open()
                ),
                (m.controller, m.at, m.shares, m.assets, m.open)
            );
        }
    }

    fn random_run(seed: u64, steps: usize) {
        let (_vm, mut open) = given_no_requests();
        let controllers: Vec<Address> = (1..=5u8).map(Address::repeat_byte).collect();
        let mut model = Model::default();
        let mut rng = Rng(seed);
        let mut now = 1_000;
        for _ in 0..steps {
            let ids = model.open_ids();
            // Grow to a few dozen open requests, and drain now and then to empty.
            let request_odds = if ids.len() < 40 { 55 } else { 30 };
            if ids.is_empty() || rng.below(100) < request_odds {
                // The first controller is busy enough that its list spans several slots.
                let controller = match rng.below(10) {
                    0..=4 => controllers[0],
                    n => controllers[1 + (n as usize - 5) % 4],
                };
                let amount = |rng: &mut Rng| match rng.below(10) {
                    0..=4 => U256::from(1 + rng.below(1_000)),
                    5..=8 => U256::from(rng.next()) << 20,
                    _ => U256::from(rng.next()) << 31,
                };
                let (shares, assets) = (amount(&mut rng), amount(&mut rng));
                now += rng.below(3);
                let total = |f: fn(&Made) -> U256| {
                    ids.iter()
                        .map(|&id| f(&model.made[id as usize - 1]))
                        .sum::<U256>()
                };
                let max = U256::from(U96::MAX);
                let result = open.open(controller, shares, assets, now);
                if total(|m| m.shares) + shares > max || total(|m| m.assets) + assets > max {
                    // The biggest amounts fill a total with a few requests: refused, and
                    // nothing changed (`check` below).
                    assert_eq!(result, Err(MathOverflow {}.into()));
                    check(&open, &model, &controllers);
                    continue;
                }
                assert_eq!(result, Ok(model.made.len() as u32 + 1));
                model.made.push(Made {
                    controller,
                    at: now,
                    shares,
                    assets,
                    open: true,
                });
            } else {
                // Oldest first (claims in order), newest, or any; sometimes a given
                // controller's oldest or newest.
                let id = match rng.below(6) {
                    0 | 1 => ids[0],
                    2 => *ids.last().unwrap(),
                    3 => ids[rng.below(ids.len() as u64) as usize],
                    _ => {
                        let controller = controllers[rng.below(5) as usize];
                        let own: Vec<u32> = ids
                            .iter()
                            .copied()
                            .filter(|&id| model.made[id as usize - 1].controller == controller)
                            .collect();
                        match (own.first(), own.last(), rng.below(2)) {
                            (Some(&first), _, 0) => first,
                            (_, Some(&last), _) => last,
                            _ => ids[rng.below(ids.len() as u64) as usize],
                        }
                    }
                };
                open.close(id);
                model.made[id as usize - 1].open = false;
            }
            check(&open, &model, &controllers);
        }
        // Drain in random order: every claim still works, and the queue ends empty.
        let mut ids = model.open_ids();
        while !ids.is_empty() {
            let id = ids.swap_remove(rng.below(ids.len() as u64) as usize);
            open.close(id);
            model.made[id as usize - 1].open = false;
            check(&open, &model, &controllers);
        }
        assert_eq!((open.count(), open.head()), (0, 0));
    }

    #[test]
    fn random_requests_and_claims_by_several_controllers_match_a_plain_model() {
        for seed in 1..=3u64 {
            random_run(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15), 400);
        }
    }
}
