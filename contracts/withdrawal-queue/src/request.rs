//! One redeem request, and the list of open requests in id (= time) order.
//!
//! Open requests form a doubly linked list, so the oldest open one (the next to unlock:
//! every request waits the same delay) is known in O(1) and any claim unlinks in O(1).

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{Address, U256, U64},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap, StorageU256, StorageU64, StorageVec},
};

#[storage]
pub struct Request {
    pub controller: StorageAddress,
    pub requested_at: StorageU64,
    pub claimed: StorageBool,
    /// Neighbours in the open list (0 = none) and the slot in the controller's list.
    prev: StorageU64,
    next: StorageU64,
    index_in_controller: StorageU64,
    pub shares: StorageU256,
    /// What the shares were worth at the request: the most the claim can pay.
    pub assets: StorageU256,
}

impl Request {
    pub fn requested_at(&self) -> u64 {
        self.requested_at.get().as_limbs()[0]
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
    pub shares: StorageU256,
    pub assets: StorageU256,
    by_controller: StorageMap<Address, StorageVec<StorageU64>>,
}

impl OpenRequests {
    /// Records a new request and returns its id (ids start at 1).
    pub fn open(&mut self, controller: Address, shares: U256, assets: U256, now: u64) -> u64 {
        let id = self.last_id.get().as_limbs()[0] + 1;
        self.last_id.set(U64::from(id));
        let tail = self.tail.get().as_limbs()[0];
        let mut list = self.by_controller.setter(controller);
        let index = list.len() as u64;
        list.push(U64::from(id));
        let mut request = self.requests.setter(id);
        request.controller.set(controller);
        request.requested_at.set(U64::from(now));
        request.shares.set(shares);
        request.assets.set(assets);
        request.prev.set(U64::from(tail));
        request.index_in_controller.set(U64::from(index));
        if tail == 0 {
            self.head.set(U64::from(id));
        } else {
            self.requests.setter(tail).next.set(U64::from(id));
        }
        self.tail.set(U64::from(id));
        self.count.set(self.count.get() + U64::from(1));
        self.shares.set(self.shares.get() + shares);
        self.assets.set(self.assets.get() + assets);
        id
    }

    /// Marks `id` paid and unlinks it from both lists; O(1).
    pub fn close(&mut self, id: u64) {
        let (prev, next, controller, index, shares, assets) = {
            let mut request = self.requests.setter(id);
            request.claimed.set(true);
            (
                request.prev.get(),
                request.next.get(),
                request.controller.get(),
                request.index_in_controller.get(),
                request.shares.get(),
                request.assets.get(),
            )
        };
        if prev.is_zero() {
            self.head.set(next);
        } else {
            self.requests.setter(prev.as_limbs()[0]).next.set(next);
        }
        if next.is_zero() {
            self.tail.set(prev);
        } else {
            self.requests.setter(next.as_limbs()[0]).prev.set(prev);
        }
        // Swap-remove from the controller's list; the moved id learns its new slot.
        let moved = {
            let mut list = self.by_controller.setter(controller);
            let last = list.pop().unwrap_or_default();
            if last.as_limbs()[0] != id {
                if let Some(mut slot) = list.setter(index.as_limbs()[0]) {
                    slot.set(last);
                }
            }
            last.as_limbs()[0]
        };
        if moved != id {
            self.requests.setter(moved).index_in_controller.set(index);
        }
        self.count.set(self.count.get() - U64::from(1));
        self.shares.set(self.shares.get() - shares);
        self.assets.set(self.assets.get() - assets);
    }

    pub fn exists(&self, id: u64) -> bool {
        id != 0 && id <= self.last_id.get().as_limbs()[0]
    }

    pub fn count(&self) -> u64 {
        self.count.get().as_limbs()[0]
    }

    /// The oldest open request (0 when none).
    pub fn head(&self) -> u64 {
        self.head.get().as_limbs()[0]
    }

    pub fn of(&self, controller: Address) -> Vec<U256> {
        let list = self.by_controller.getter(controller);
        (0..list.len())
            .map(|i| U256::from(list.get(i).unwrap_or_default()))
            .collect()
    }
}
