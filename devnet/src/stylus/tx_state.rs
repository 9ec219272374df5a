//! What Nitro's StateDB keeps about Stylus besides accounts (go-ethereum's
//! `statedb_arbitrum.go`): the WASM pages the transaction's programs hold open,
//! and the programs the block ran recently. Neither is chain state nor undone
//! by a revert.

use std::collections::VecDeque;

use revm::primitives::B256;

use super::params::memory_gas;

/// The transaction's Stylus pages (`openWasmPages`, `everWasmPages`): reset for
/// every transaction, so its first two pages are free however many programs it calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TxPages {
    /// Pages held by the programs running now (callers of this frame included).
    pub open: u16,
    /// The most pages ever open at once in this transaction.
    pub ever: u16,
}

impl TxPages {
    /// Gas to open `new` more pages now (Nitro's `MemoryModel.GasCost(new, open, ever)`).
    pub fn cost(&self, new: u16) -> u64 {
        memory_gas(new, self.open, self.ever)
    }

    /// Opens `new` pages (`AddStylusPages`).
    pub fn add(&mut self, new: u16) {
        self.open = self.open.saturating_add(new);
        self.ever = self.ever.max(self.open);
    }
}

/// The block's recently run programs (Nitro's `RecentWasms`, ArbOS 60+): a
/// least-recently-used set of code hashes, kept across the transactions of
/// one block and discarded with it. A program found here pays only its cached
/// entry cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecentPrograms {
    /// Oldest first.
    order: VecDeque<B256>,
    /// Set by the first insert (`BlockCacheSize` then), as Nitro sizes its LRU.
    capacity: Option<usize>,
}

impl RecentPrograms {
    /// Records that `code_hash` runs now; true if it was already among the
    /// `retain` most recent (it then becomes the most recent).
    pub fn insert(&mut self, code_hash: B256, retain: u16) -> bool {
        // geth's BasicLRU treats a capacity below one as one.
        let capacity = *self.capacity.get_or_insert((retain as usize).max(1));
        if let Some(at) = self.order.iter().position(|&h| h == code_hash) {
            self.order.remove(at);
            self.order.push_back(code_hash);
            return true;
        }
        self.order.push_back(code_hash);
        if self.order.len() > capacity {
            self.order.pop_front();
        }
        false
    }
}

/// The Stylus part of one transaction's context (revm's `chain` slot).
#[derive(Clone, Debug, Default)]
pub struct StylusTx {
    pub pages: TxPages,
    pub recent: RecentPrograms,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(n: u8) -> B256 {
        B256::repeat_byte(n)
    }

    #[test]
    fn a_program_is_recent_from_its_second_run() {
        let mut recent = RecentPrograms::default();
        assert!(!recent.insert(hash(1), 32));
        assert!(recent.insert(hash(1), 32));
    }

    #[test]
    fn the_least_recently_run_program_leaves_a_full_cache() {
        let mut recent = RecentPrograms::default();
        for n in 1..=3 {
            recent.insert(hash(n), 3);
        }
        // Running 1 again makes 2 the least recent, so 4 evicts 2, not 1.
        assert!(recent.insert(hash(1), 3));
        assert!(!recent.insert(hash(4), 3));
        assert!(recent.insert(hash(1), 3));
        assert!(!recent.insert(hash(2), 3));
    }

    #[test]
    fn pages_opened_by_a_caller_are_not_free_again_for_its_callee() {
        let mut pages = TxPages::default();
        assert_eq!(pages.cost(2), 0);
        pages.add(2);
        // Two more pages on top of two open: both beyond the free two.
        assert_eq!(pages.cost(2), memory_gas(2, 2, 2));
        assert_eq!(pages.cost(2), 2 * 1000);
    }
}
