//! A list of request ids (one controller's open requests) packed four u64 words to a slot,
//! its length being word 0.
//!
//! The SDK's `StorageVec` keeps its length in a slot of its own, so every push or removal
//! touches two slots (a cold read and a write each, or 20,000 gas each for a new
//! controller's first request). Here a controller with at most three open requests, the
//! common case, touches one slot; the list reads and changes like a vector with
//! swap-removal, and every freed word is zeroed so an emptied list leaves zero slots (an
//! SSTORE refund).

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{U256, U64},
    prelude::*,
    storage::{StorageMap, StorageU64},
};

/// Four consecutive words of the list: one storage slot.
#[storage]
pub struct Quad {
    w0: StorageU64,
    w1: StorageU64,
    w2: StorageU64,
    w3: StorageU64,
}

/// Word `i` (0 = the length, `1 + n` = element `n`) lives in quad `i / 4`.
#[storage]
pub struct IdList {
    quads: StorageMap<u64, Quad>,
}

impl IdList {
    fn word(&self, i: u64) -> u64 {
        let quad = self.quads.getter(i / 4);
        let word = match i % 4 {
            0 => quad.w0.get(),
            1 => quad.w1.get(),
            2 => quad.w2.get(),
            _ => quad.w3.get(),
        };
        word.as_limbs()[0]
    }

    fn set_word(&mut self, i: u64, value: u64) {
        let mut quad = self.quads.setter(i / 4);
        let word = match i % 4 {
            0 => &mut quad.w0,
            1 => &mut quad.w1,
            2 => &mut quad.w2,
            _ => &mut quad.w3,
        };
        word.set(U64::from(value));
    }

    pub fn len(&self) -> u64 {
        self.word(0)
    }

    /// Appends `id`; returns its position (0-based).
    pub fn push(&mut self, id: u64) -> u64 {
        let len = self.len();
        self.set_word(1 + len, id);
        self.set_word(0, len + 1);
        len
    }

    /// Removes the element at `position` by moving the last element there; returns the id
    /// that moved (the removed one itself when it was last).
    pub fn swap_remove(&mut self, position: u64) -> u64 {
        let last = self.len() - 1;
        let moved = self.word(1 + last);
        self.set_word(1 + position, moved);
        self.set_word(1 + last, 0);
        self.set_word(0, last);
        moved
    }

    pub fn ids(&self) -> Vec<U256> {
        (0..self.len())
            .map(|n| U256::from(self.word(1 + n)))
            .collect()
    }
}
