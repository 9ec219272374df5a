//! A u64 setting (a WAD fraction or a delay) whose changes take effect after a delay.
//!
//! Until `effective_at` the old value stays in force; from then on the new one. Fractions use
//! it with two delays: an increase waits the allocation delay (not yet slashable), a decrease
//! the deallocation delay (still slashable until then). Delays use it so a shorter delay only
//! applies once the old one has run out.

use alloc::{vec, vec::Vec};

use stylus_sdk::{alloy_primitives::U64, prelude::*, storage::StorageU64};

use crate::wad::keep;

#[storage]
pub struct Scheduled {
    before: StorageU64,
    after: StorageU64,
    effective_at: StorageU64,
}

impl Scheduled {
    /// The value in force at `now`.
    pub fn at(&self, now: u64) -> u64 {
        if now >= self.effective_at() {
            self.after()
        } else {
            self.before.get().as_limbs()[0]
        }
    }

    /// The value once the pending change has applied.
    pub fn after(&self) -> u64 {
        self.after.get().as_limbs()[0]
    }

    /// When the pending change applies (0 when the last change was immediate).
    pub fn effective_at(&self) -> u64 {
        self.effective_at.get().as_limbs()[0]
    }

    /// The larger of the value in force and the pending one: what a 100 % sum must count,
    /// since either may be slashable at some point.
    pub fn committed(&self, now: u64) -> u64 {
        self.at(now).max(self.after())
    }

    /// Schedules `target`: a value at or above the one in force waits `rise_delay`, a lower one
    /// `fall_delay`. The value in force until then is the one in force now. Returns when
    /// `target` applies.
    pub fn set(&mut self, target: u64, now: u64, rise_delay: u64, fall_delay: u64) -> u64 {
        let current = self.at(now);
        let delay = if target >= current {
            rise_delay
        } else {
            fall_delay
        };
        // An immediate change records no date, as if nothing were pending.
        let effective_at = if delay == 0 {
            0
        } else {
            now.saturating_add(delay)
        };
        self.store(current, target, effective_at);
        effective_at.max(now)
    }

    /// A slash of `fraction_wad` consumes it: the value in force and the pending one both
    /// keep `1 − fraction` (rounded down, so what is left never grows).
    pub fn consume(&mut self, fraction_wad: u64, now: u64) {
        let before = keep(self.at(now), fraction_wad);
        let after = keep(self.after(), fraction_wad);
        let effective_at = self.effective_at();
        self.store(before, after, effective_at);
    }

    fn store(&mut self, before: u64, after: u64, effective_at: u64) {
        self.before.set(U64::from(before));
        self.after.set(U64::from(after));
        self.effective_at.set(U64::from(effective_at));
    }
}
