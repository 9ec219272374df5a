//! A list of request ids (one controller's open requests) packed eight u32 words to a slot
//! (an octet), its length being word 0.
//!
//! The SDK's `StorageVec` keeps its length in a slot of its own, so every push or removal
//! touches two slots (a cold read and a write each, or 20,000 gas each for a new
//! controller's first request). Here a controller with at most seven open requests, the
//! common case, touches one slot.
//!
//! Removal fills the gap with the last id, like `Vec::swap_remove`, and zeroes the freed word
//! so an emptied list leaves zero slots (an SSTORE refund). Each open request remembers the
//! octet that holds its id, not its word: removal finds the id among the eight words of that
//! slot, which it reads anyway. So the id that fills the gap needs to learn its new place only
//! when it comes from another octet (lists longer than seven); a controller with two to seven
//! open requests claims any of them without writing another request's slot (5,000 gas less
//! than keeping exact places).
//!
//! Ids are u32 (see `request`), and so is the length: the list holds distinct nonzero ids.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::U256,
    prelude::*,
    storage::{StorageMap, StorageU256},
};

/// Word `i` (0 = the length, `1 + n` = element `n`) is word `i % 8` of octet `i / 8`, word
/// `w` of an octet being its bits `32 w ..= 32 w + 31` (Solidity's packing of eight u32).
/// Word indices are u64: `1 + n` may exceed u32 by one.
#[storage]
pub struct IdList {
    octets: StorageMap<u64, StorageU256>,
}

impl IdList {
    fn word(&self, i: u64) -> u32 {
        word_of(self.octets.get(i / 8), i % 8)
    }

    fn set_word(&mut self, i: u64, value: u32) {
        let mut octet = self.octets.setter(i / 8);
        let words = octet.get();
        octet.set(with_word(words, i % 8, value));
    }

    pub fn len(&self) -> u32 {
        self.word(0)
    }

    /// Appends `id`; returns the octet that holds it.
    pub fn push(&mut self, id: u32) -> u32 {
        let first = self.octets.get(0);
        let len = word_of(first, 0);
        let at = 1 + u64::from(len);
        // Below u32::MAX before the push: the list holds distinct nonzero u32 ids.
        let mut first = with_word(first, 0, len + 1);
        if at < 8 {
            first = with_word(first, at, id);
        } else {
            self.set_word(at, id);
        }
        self.octets.setter(0).set(first);
        // At most (1 + u32::MAX) / 8.
        (at / 8) as u32
    }

    /// Removes `id`, held by octet `octet`, moving the last id into its word. Returns the id
    /// that moved and its new octet when it changed octet (its request must learn it).
    pub fn remove(&mut self, id: u32, octet: u32) -> Option<(u32, u32)> {
        let octet = u64::from(octet);
        let first = self.octets.get(0);
        let (home, from) = match octet {
            // Word 0 of octet 0 is the length, which may equal an id.
            0 => (first, 1),
            _ => (self.octets.get(octet), 0),
        };
        let Some(word) = (from..8).find(|&w| word_of(home, w) == id) else {
            // Every open request's id is in the octet it recorded (`push` and this keep it so).
            lrt_common::broken_invariant()
        };
        let at = octet * 8 + word;
        let len = word_of(first, 0);
        // The last id's word: `1 + (len - 1)`, len ≥ 1 as `id` is listed.
        let last = u64::from(len);
        let first = with_word(first, 0, len - 1);
        if last < 8 {
            // The whole list is in the first slot: one read, one write.
            let moved = word_of(first, last);
            let first = with_word(with_word(first, at, moved), last, 0);
            self.octets.setter(0).set(first);
            return None;
        }
        self.octets.setter(0).set(first);
        let moved = self.word(last);
        self.set_word(at, moved);
        self.set_word(last, 0);
        (at != last && last / 8 != octet).then_some((moved, octet as u32))
    }

    pub fn ids(&self) -> Vec<U256> {
        (0..self.len())
            .map(|n| U256::from(self.word(1 + u64::from(n))))
            .collect()
    }
}

fn word_of(words: U256, w: u64) -> u32 {
    // Word w is half of limb w / 2; the cast keeps its 32 bits.
    // `% 4` keeps the index provably in range: no bounds check (and panic location) remains.
    (words.as_limbs()[(w / 2 % 4) as usize] >> (32 * (w % 2))) as u32
}

fn with_word(words: U256, w: u64, value: u32) -> U256 {
    let mut limbs = *words.as_limbs();
    let shift = 32 * (w % 2);
    let limb = &mut limbs[(w / 2 % 4) as usize];
    *limb = (*limb & !(0xffff_ffff << shift)) | (u64::from(value) << shift);
    U256::from_limbs(limbs)
}

#[cfg(test)]
mod tests {
    use stylus_sdk::testing::TestVM;

    use super::*;

    /// Each id's octet, as the requests would remember it.
    struct Listed {
        list: IdList,
        octet_of: std::collections::HashMap<u32, u32>,
        model: Vec<u32>,
    }

    impl Listed {
        fn push(&mut self, id: u32) {
            let octet = self.list.push(id);
            assert_eq!(octet as usize, (1 + self.model.len()) / 8);
            self.octet_of.insert(id, octet);
            self.model.push(id);
        }

        fn remove(&mut self, id: u32) {
            let moved = self.list.remove(id, self.octet_of[&id]);
            let place = self.model.iter().position(|&x| x == id).unwrap();
            let last = *self.model.last().unwrap();
            self.model.swap_remove(place);
            let crossed = last != id && (1 + self.model.len()) / 8 != (1 + place) / 8;
            assert_eq!(moved, crossed.then_some((last, ((1 + place) / 8) as u32)));
            if let Some((moved, octet)) = moved {
                self.octet_of.insert(moved, octet);
            }
            self.octet_of.remove(&id);
            let ids: Vec<U256> = self.model.iter().map(|&id| U256::from(id)).collect();
            assert_eq!(self.list.ids(), ids);
        }
    }

    #[test]
    fn a_list_across_several_slots_removes_by_id_like_vec_swap_remove() {
        let vm = TestVM::new();
        let mut listed = Listed {
            list: IdList::from(&vm),
            octet_of: Default::default(),
            model: Vec::new(),
        };
        // 20 ids span three slots (the length and 7 ids, then 8, then 5).
        for id in 1..=20 {
            listed.push(id);
        }
        for id in [1, 20, 9, 14, 2, 19, 3, 8, 15, 7] {
            listed.remove(id);
        }
        let left = listed.model.clone();
        for id in left {
            listed.remove(id);
        }
        assert_eq!(listed.list.len(), 0);
        // Every freed word was zeroed: an emptied list leaves no storage behind.
        for octet in 0..3u64 {
            assert_eq!(listed.list.octets.get(octet), U256::ZERO);
        }
        // The length word (2) equals the id removed: removal must not mistake it for the id.
        listed.push(2);
        listed.push(1);
        listed.remove(2);
        listed.push(u32::MAX);
        listed.remove(1);
        assert_eq!(listed.list.ids(), vec![U256::from(u32::MAX)]);
    }

    #[test]
    fn words_pack_low_bytes_first_as_solidity_packs_eight_u32() {
        let vm = TestVM::new();
        let mut list = IdList::from(&vm);
        for id in [0xa1, 0xa2, 0xa3] {
            list.push(id);
        }
        let expected = U256::from(3u8)
            | (U256::from(0xa1u8) << 32)
            | (U256::from(0xa2u8) << 64)
            | (U256::from(0xa3u8) << 96);
        assert_eq!(list.octets.get(0), expected);
    }
}
