//! A u64 setting whose change takes effect at a set time: the hub's delegated and allocated
//! fractions and its delays, and the withdrawal queue's copy of the hub's deallocation-delay
//! plan. The rules of when a change may apply are the callers' (the hub's `scheduled`, the
//! queue's `hub_plan`); this is only the value over time.

/// `before` until `effective_at`, `after` from then on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Plan {
    pub before: u64,
    pub after: u64,
    pub effective_at: u64,
}

impl Plan {
    /// The value in force at `now`.
    pub fn at(&self, now: u64) -> u64 {
        if now >= self.effective_at {
            self.after
        } else {
            self.before
        }
    }

    /// The larger of the value in force and the pending one: what must be covered now, since
    /// either may be in force at some point (a 100 % sum of fractions, a withdrawal delay).
    pub fn committed(&self, now: u64) -> u64 {
        self.at(now).max(self.after)
    }

    /// `target` scheduled: a value at or above the one in force waits `rise_delay`, a lower one
    /// `fall_delay`. The value in force until then is the one in force now.
    pub fn scheduled(&self, target: u64, now: u64, rise_delay: u64, fall_delay: u64) -> Plan {
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
        Plan {
            before: current,
            after: target,
            effective_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_holds_its_old_value_until_the_change_applies() {
        let plan = Plan {
            before: 7,
            after: 3,
            effective_at: 100,
        };
        assert_eq!((plan.at(99), plan.at(100)), (7, 3));
        assert_eq!((plan.committed(99), plan.committed(100)), (7, 3));
    }

    #[test]
    fn a_rise_waits_the_rise_delay_and_a_fall_the_fall_delay() {
        let settled = Plan {
            before: 5,
            after: 5,
            effective_at: 0,
        };
        let rise = settled.scheduled(9, 1_000, 30, 7);
        assert_eq!((rise.before, rise.after, rise.effective_at), (5, 9, 1_030));
        let fall = settled.scheduled(2, 1_000, 30, 7);
        assert_eq!((fall.before, fall.after, fall.effective_at), (5, 2, 1_007));
        let at_once = settled.scheduled(9, 1_000, 0, 7);
        assert_eq!((at_once.at(1_000), at_once.effective_at), (9, 0));
    }
}
