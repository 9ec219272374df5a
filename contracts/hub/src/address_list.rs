//! A short unordered set of addresses; `insert` stops at `MAX_LINKS`, which bounds every loop
//! over such a list (only the vault registry grows past it, through `push`).
//!
//! Kept as a length and a map rather than the SDK's `StorageVec`, whose `len` unwraps a
//! conversion and so links the `Debug` formatting machinery (over 1 KB of WASM).

use alloc::{vec, vec::Vec};

use lrt_common::limits::MAX_LINKS;
use stylus_sdk::{
    alloy_primitives::{Address, U256, U64},
    prelude::*,
    storage::{StorageAddress, StorageMap, StorageU64},
};

#[storage]
pub struct AddressList {
    len: StorageU64,
    items: StorageMap<U256, StorageAddress>,
}

impl AddressList {
    pub fn len(&self) -> usize {
        self.len.get().as_limbs()[0] as usize
    }

    pub fn get(&self, index: usize) -> Address {
        self.items.get(U256::from(index))
    }

    pub fn to_vec(&self) -> Vec<Address> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    pub fn contains(&self, item: Address) -> bool {
        self.position(item).is_some()
    }

    /// Adds `item`, which the caller knows is absent (the hub's lists mirror each other, so
    /// one `contains` answers for both); `false` when the list is full.
    pub fn insert(&mut self, item: Address) -> bool {
        if self.len() >= MAX_LINKS as usize {
            return false;
        }
        self.push(item);
        true
    }

    /// Appends `item` without the `MAX_LINKS` bound or a duplicate check.
    pub fn push(&mut self, item: Address) {
        let len = self.len();
        self.items.setter(U256::from(len)).set(item);
        self.len.set(U64::from(len + 1));
    }

    /// Removes `item` if present (order is not kept).
    pub fn remove(&mut self, item: Address) {
        if let Some(index) = self.position(item) {
            self.remove_at(index);
        }
    }

    /// Swap-removes the entry at `index`; the last entry takes its place.
    pub fn remove_at(&mut self, index: usize) {
        let len = self.len();
        if index >= len {
            return;
        }
        let last = self.get(len - 1);
        self.items.delete(U256::from(len - 1));
        if index < len - 1 {
            self.items.setter(U256::from(index)).set(last);
        }
        self.len.set(U64::from(len - 1));
    }

    fn position(&self, item: Address) -> Option<usize> {
        (0..self.len()).find(|&i| self.get(i) == item)
    }
}
