//! A WAD fraction whose decreases wait out the deallocation delay.
//!
//! Increases take effect at once; a decrease keeps the old value in force (and slashable)
//! until `effective_at`, so stake cannot leave ahead of a pending slash. Only decreases are
//! ever pending, so the value in force is always the larger of old and new: the one that is
//! slashable and the one the 100 % sums count.

use alloc::{vec, vec::Vec};

use stylus_sdk::{alloy_primitives::U64, prelude::*, storage::StorageU64};

#[storage]
pub struct DelayedFraction {
    before: StorageU64,
    after: StorageU64,
    effective_at: StorageU64,
}

impl DelayedFraction {
    /// The value in force at `now`.
    pub fn at(&self, now: u64) -> u64 {
        if now >= self.effective_at.get().as_limbs()[0] {
            self.after.get().as_limbs()[0]
        } else {
            self.before.get().as_limbs()[0]
        }
    }

    /// The value once every pending decrease has applied.
    pub fn after(&self) -> u64 {
        self.after.get().as_limbs()[0]
    }

    /// When the pending decrease applies (0 when none was ever scheduled).
    pub fn effective_at(&self) -> u64 {
        self.effective_at.get().as_limbs()[0]
    }

    /// Sets the target and returns when it takes effect. A new decrease restarts the delay,
    /// which only ever lengthens the time the larger value stays slashable.
    pub fn set(&mut self, target: u64, now: u64, delay: u64) -> u64 {
        let current = self.at(now);
        let (before, effective_at) = if target >= current {
            (target, 0)
        } else {
            (current, now.saturating_add(delay))
        };
        self.before.set(U64::from(before));
        self.after.set(U64::from(target));
        self.effective_at.set(U64::from(effective_at));
        effective_at.max(now)
    }
}
