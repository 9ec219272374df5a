//! A u64 setting (a WAD fraction or a delay) whose changes take effect after a delay.
//!
//! Until `effective_at` the old value stays in force; from then on the new one. Fractions use
//! it with two delays: an increase waits the allocation delay (not yet slashable), a decrease
//! the deallocation delay (still slashable until then). Delays use it so a shorter delay only
//! applies once the old one has run out (and a longer deallocation delay only after
//! `DEALLOCATION_RAISE_NOTICE`).
//!
//! [`Plan`] holds the rules; [`Scheduled`] stores one in a slot of its own. The curator's
//! approval stores its plan beside the circuit breaker's record instead (see `approval`).

use alloc::{vec, vec::Vec};

use stylus_sdk::{alloy_primitives::U64, prelude::*, storage::StorageU64};

use crate::wad::keep;

pub use lrt_common::plan::Plan;

/// What a slash of `fraction_wad` leaves: the value in force and the pending one both keep
/// `1 − fraction` (rounded down, so what is left never grows). Once `effective_at` has
/// passed `before` is never read again and stays as it was (an approval then writes one
/// slot, not two).
pub fn consumed(plan: &Plan, fraction_wad: u64, now: u64) -> Plan {
    let before = if now >= plan.effective_at {
        plan.before
    } else {
        keep(plan.before, fraction_wad)
    };
    Plan {
        before,
        after: keep(plan.after, fraction_wad),
        effective_at: plan.effective_at,
    }
}

#[storage]
pub struct Scheduled {
    before: StorageU64,
    after: StorageU64,
    effective_at: StorageU64,
}

impl Scheduled {
    pub fn plan(&self) -> Plan {
        Plan {
            before: self.before.get().as_limbs()[0],
            after: self.after(),
            effective_at: self.effective_at(),
        }
    }

    /// The value in force at `now`.
    pub fn at(&self, now: u64) -> u64 {
        self.plan().at(now)
    }

    /// The value once the pending change has applied.
    pub fn after(&self) -> u64 {
        self.after.get().as_limbs()[0]
    }

    /// When the pending change applies (0 when the last change was immediate).
    pub fn effective_at(&self) -> u64 {
        self.effective_at.get().as_limbs()[0]
    }

    pub fn committed(&self, now: u64) -> u64 {
        self.plan().committed(now)
    }

    /// Schedules `target` (see [`Plan::scheduled`]); returns when it applies.
    pub fn set(&mut self, target: u64, now: u64, rise_delay: u64, fall_delay: u64) -> u64 {
        let plan = self.plan().scheduled(target, now, rise_delay, fall_delay);
        self.store(plan);
        plan.effective_at.max(now)
    }

    /// A slash of `fraction_wad` consumes it (see [`consumed`]).
    pub fn consume(&mut self, fraction_wad: u64, now: u64) {
        let plan = consumed(&self.plan(), fraction_wad, now);
        self.store(plan);
    }

    fn store(&mut self, plan: Plan) {
        self.before.set(U64::from(plan.before));
        self.after.set(U64::from(plan.after));
        self.effective_at.set(U64::from(plan.effective_at));
    }
}
