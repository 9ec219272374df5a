//! The hub's deallocation delay plan, and how long a copy of it stays good for claims.
//!
//! The hub raises its delay only `DEALLOCATION_RAISE_NOTICE` (30 days) after the admin asks,
//! and lowers it only once the delay in force has elapsed. So from a plan read at `read_at`,
//! until `read_at + DEALLOCATION_RAISE_NOTICE` the delay in force at any time `t` is at most
//! the plan's value at `t`: a raise set after the read applies no sooner than that, a cut only
//! lowers it, and setting the delay in force again (dropping what was pending) keeps it.
//!
//! One exception: a cut already pending at the read can be dropped later, so the higher value
//! then stays in force past the cut's date. A copy of a plan with a pending cut is therefore
//! good only until the cut's date; the claim after it reads the hub again.

use lrt_common::limits::DEALLOCATION_RAISE_NOTICE;

/// The hub's deallocation-delay plan (`deallocationDelayPlan()`): `before` in force until
/// `effective_at`, `after` from then on.
pub use lrt_common::plan::Plan as HubPlan;

/// Until when (exclusive) `plan`, read at `read_at`, bounds the hub's delay from above (see
/// the module docs).
pub fn valid_until(plan: &HubPlan, read_at: u64) -> u64 {
    let notice_ends = read_at.saturating_add(DEALLOCATION_RAISE_NOTICE);
    let cut_pending = read_at < plan.effective_at && plan.after < plan.before;
    if cut_pending {
        notice_ends.min(plan.effective_at)
    } else {
        notice_ends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    #[test]
    fn a_plan_without_a_pending_cut_is_good_for_the_whole_notice() {
        let raise = HubPlan {
            before: DAY,
            after: 7 * DAY,
            effective_at: 1_000 + 20 * DAY,
        };
        assert_eq!(valid_until(&raise, 1_000), 1_000 + 30 * DAY);
        let settled = HubPlan {
            before: 7 * DAY,
            after: DAY,
            effective_at: 500,
        };
        assert_eq!(valid_until(&settled, 1_000), 1_000 + 30 * DAY);
    }

    #[test]
    fn a_plan_with_a_pending_cut_is_good_only_until_the_cut() {
        let cut = HubPlan {
            before: 7 * DAY,
            after: DAY,
            effective_at: 1_000 + 3 * DAY,
        };
        assert_eq!(valid_until(&cut, 1_000), 1_000 + 3 * DAY);
        assert_eq!(cut.committed(1_000), 7 * DAY);
        assert_eq!(cut.committed(1_000 + 3 * DAY), DAY);
    }

    #[test]
    fn a_pending_raise_is_committed_before_it_applies() {
        let raise = HubPlan {
            before: DAY,
            after: 7 * DAY,
            effective_at: 1_000,
        };
        assert_eq!((raise.at(999), raise.committed(999)), (DAY, 7 * DAY));
        assert_eq!(raise.at(1_000), 7 * DAY);
    }
}
