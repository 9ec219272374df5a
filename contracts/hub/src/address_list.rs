//! A short unordered set of addresses; `MAX_LINKS` bounds every loop over it.

use alloc::{vec, vec::Vec};

use lrt_common::limits::MAX_LINKS;
use stylus_sdk::{
    alloy_primitives::Address,
    prelude::*,
    storage::{StorageAddress, StorageVec},
};

#[storage]
pub struct AddressList {
    items: StorageVec<StorageAddress>,
}

impl AddressList {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn get(&self, index: usize) -> Address {
        self.items.get(index).unwrap_or_default()
    }

    pub fn to_vec(&self) -> Vec<Address> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }

    pub fn contains(&self, item: Address) -> bool {
        self.position(item).is_some()
    }

    /// Adds `item` unless present; `false` when the list is full.
    pub fn insert(&mut self, item: Address) -> bool {
        if self.position(item).is_some() {
            return true;
        }
        if self.len() >= MAX_LINKS as usize {
            return false;
        }
        self.items.push(item);
        true
    }

    /// Removes `item` if present (order is not kept).
    pub fn remove(&mut self, item: Address) {
        if let Some(index) = self.position(item) {
            self.remove_at(index);
        }
    }

    /// Swap-removes the entry at `index`; the last entry takes its place.
    pub fn remove_at(&mut self, index: usize) {
        if let Some(last) = self.items.pop() {
            if let Some(mut slot) = self.items.setter(index) {
                slot.set(last);
            }
        }
    }

    fn position(&self, item: Address) -> Option<usize> {
        (0..self.len()).find(|&i| self.get(i) == item)
    }
}
