//! A list of request ids (one controller's open requests) packed eight u32 words to a slot,
//! its length being word 0.
//!
//! The SDK's `StorageVec` keeps its length in a slot of its own, so every push or removal
//! touches two slots (a cold read and a write each, or 20,000 gas each for a new
//! controller's first request). Here a controller with at most seven open requests, the
//! common case, touches one slot; the list reads and changes like a vector with
//! swap-removal, and every freed word is zeroed so an emptied list leaves zero slots (an
//! SSTORE refund). Ids are u32 (see `request`), and so is the length: the list holds
//! distinct ids.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{U256, U32},
    prelude::*,
    storage::{StorageMap, StorageU32},
};

/// Eight consecutive words of the list: one storage slot.
#[storage]
pub struct Octet {
    w0: StorageU32,
    w1: StorageU32,
    w2: StorageU32,
    w3: StorageU32,
    w4: StorageU32,
    w5: StorageU32,
    w6: StorageU32,
    w7: StorageU32,
}

impl Octet {
    fn get(&self, i: u64) -> u32 {
        let word = match i % 8 {
            0 => self.w0.get(),
            1 => self.w1.get(),
            2 => self.w2.get(),
            3 => self.w3.get(),
            4 => self.w4.get(),
            5 => self.w5.get(),
            6 => self.w6.get(),
            _ => self.w7.get(),
        };
        // A U32 has one limb, below 2^32.
        word.as_limbs()[0] as u32
    }

    fn set(&mut self, i: u64, value: u32) {
        let word = match i % 8 {
            0 => &mut self.w0,
            1 => &mut self.w1,
            2 => &mut self.w2,
            3 => &mut self.w3,
            4 => &mut self.w4,
            5 => &mut self.w5,
            6 => &mut self.w6,
            _ => &mut self.w7,
        };
        word.set(U32::from(value));
    }
}

/// Word `i` (0 = the length, `1 + n` = element `n`) lives in octet `i / 8`. Indices are
/// u64: `1 + n` may exceed u32 by one.
#[storage]
pub struct IdList {
    octets: StorageMap<u64, Octet>,
}

impl IdList {
    fn word(&self, i: u64) -> u32 {
        self.octets.getter(i / 8).get(i)
    }

    fn set_word(&mut self, i: u64, value: u32) {
        self.octets.setter(i / 8).set(i, value);
    }

    pub fn len(&self) -> u32 {
        self.word(0)
    }

    /// Appends `id`; returns its position (0-based).
    pub fn push(&mut self, id: u32) -> u32 {
        let len = self.len();
        self.set_word(1 + u64::from(len), id);
        self.set_word(0, len + 1);
        len
    }

    /// Removes the element at `position` by moving the last element there; returns the id
    /// that moved (the removed one itself when it was last).
    pub fn swap_remove(&mut self, position: u32) -> u32 {
        let last = self.len() - 1;
        let moved = self.word(1 + u64::from(last));
        self.set_word(1 + u64::from(position), moved);
        self.set_word(1 + u64::from(last), 0);
        self.set_word(0, last);
        moved
    }

    pub fn ids(&self) -> Vec<U256> {
        (0..self.len())
            .map(|n| U256::from(self.word(1 + u64::from(n))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use stylus_sdk::testing::TestVM;

    use super::*;

    #[test]
    fn a_list_across_several_slots_pushes_and_swap_removes_like_a_vec() {
        let vm = TestVM::new();
        let mut list = IdList::from(&vm);
        let mut model: Vec<u32> = Vec::new();
        // 20 ids span three slots (the length and 7 ids, then 8, then 5).
        for id in 1..=20 {
            assert_eq!(list.push(id), model.len() as u32);
            model.push(id);
        }
        for position in [0, 13, 17, 5, 7, 7, 13, 0] {
            let moved = list.swap_remove(position);
            assert_eq!(moved, *model.last().unwrap());
            model.swap_remove(position as usize);
            let ids: Vec<U256> = model.iter().map(|&id| U256::from(id)).collect();
            assert_eq!(list.ids(), ids);
        }
        while !model.is_empty() {
            list.swap_remove(0);
            model.swap_remove(0);
        }
        assert_eq!(list.len(), 0);
        // Every freed word was zeroed: an emptied list leaves no storage behind.
        for octet in 0..3u64 {
            let key = list.octets.getter(octet);
            assert_eq!((0..8).map(|i| key.get(i)).max(), Some(0));
        }
        assert_eq!(list.push(u32::MAX), 0);
        assert_eq!(list.ids(), vec![U256::from(u32::MAX)]);
    }
}
