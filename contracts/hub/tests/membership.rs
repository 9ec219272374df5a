//! Two-sided opt-in between operators and AVSs, and exits from either side.

use crate::support::*;
use hub::{
    errors::{
        AlreadyOptedIn, AvsNotRegistered, NoPendingOptIn, NotAllowlisted, NotJoined,
        OperatorNotRegistered,
    },
    events::{AllocationSet, OperatorExited, OperatorJoined, OptInRequested},
};
use stylus_sdk::alloy_primitives::U256;

const NONE: u8 = 0;
const REQUESTED: u8 = 1;
const ACTIVE: u8 = 2;
const EXITING: u8 = 3;

#[test]
fn opt_in_waits_for_the_avs_to_accept() {
    let mut w = World::open();
    w.by(OPERATOR);
    w.hub.opt_in(AVS).ok().unwrap();
    assert_eq!(w.hub.membership(OPERATOR, AVS), (REQUESTED, 0, false));
    assert_logged(
        &w.chain.take_logs(),
        OptInRequested {
            operator: OPERATOR,
            avs: AVS,
        },
    );

    w.by(AVS);
    w.hub.accept_operator(OPERATOR).ok().unwrap();
    assert_eq!(w.hub.membership(OPERATOR, AVS).0, ACTIVE);
    assert_logged(
        &w.chain.take_logs(),
        OperatorJoined {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn allowlisted_operator_joins_at_once() {
    let mut w = World::open();
    w.by(AVS);
    w.hub.set_avs_allowlist(OPERATOR, true).ok().unwrap();
    w.by(OPERATOR);
    w.hub.opt_in(AVS).ok().unwrap();
    assert_eq!(w.hub.membership(OPERATOR, AVS), (ACTIVE, 0, true));
}

#[test]
fn allowlist_only_avs_turns_away_everyone_else() {
    let mut w = World::open();
    w.by(AVS);
    w.hub
        .register_avs("m".into(), SLASHER, BURN, true)
        .ok()
        .unwrap();
    w.by(OPERATOR);
    assert_reverts(
        w.hub.opt_in(AVS),
        NotAllowlisted {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn opt_in_needs_a_registered_operator_and_avs_and_happens_once() {
    let mut w = World::open();
    w.by(STRANGER);
    assert_reverts(
        w.hub.opt_in(AVS),
        OperatorNotRegistered { operator: STRANGER },
    );
    w.by(OPERATOR);
    assert_reverts(w.hub.opt_in(STRANGER), AvsNotRegistered { avs: STRANGER });
    w.hub.opt_in(AVS).ok().unwrap();
    assert_reverts(
        w.hub.opt_in(AVS),
        AlreadyOptedIn {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn accept_needs_a_waiting_request_from_a_registered_avs() {
    let mut w = World::open();
    w.by(AVS);
    assert_reverts(
        w.hub.accept_operator(OPERATOR),
        NoPendingOptIn {
            operator: OPERATOR,
            avs: AVS,
        },
    );
    w.by(STRANGER);
    assert_reverts(
        w.hub.accept_operator(OPERATOR),
        AvsNotRegistered { avs: STRANGER },
    );
}

#[test]
fn withdrawing_a_request_leaves_no_exit_window() {
    let mut w = World::open();
    w.by(OPERATOR);
    w.hub.opt_in(AVS).ok().unwrap();
    w.hub.opt_out(AVS).ok().unwrap();
    assert_eq!(w.hub.membership(OPERATOR, AVS), (NONE, 0, false));
    assert!(w.hub.opt_in(AVS).is_ok(), "may ask again at once");
}

#[test]
fn opt_out_starts_the_exit_window_and_schedules_the_allocation_to_zero() {
    let mut w = World::with_stake();
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();

    assert_eq!(
        w.hub.membership(OPERATOR, AVS),
        (EXITING, START + WEEK, false)
    );
    assert_eq!(
        w.hub.allocation(OPERATOR, AVS),
        (pct(40), U256::ZERO, START + WEEK)
    );
    let logs = w.chain.take_logs();
    assert_logged(
        &logs,
        OperatorExited {
            operator: OPERATOR,
            avs: AVS,
            ejected: false,
            slashableUntil: START + WEEK,
        },
    );
    assert_logged(
        &logs,
        AllocationSet {
            operator: OPERATOR,
            avs: AVS,
            fractionWad: U256::ZERO,
            effectiveAt: START + WEEK,
        },
    );

    w.chain.advance(WEEK);
    assert_eq!(w.hub.membership(OPERATOR, AVS).0, NONE);
    assert_eq!(w.hub.allocation(OPERATOR, AVS).0, U256::ZERO);
}

#[test]
fn avs_ejects_an_operator_with_the_same_window() {
    let mut w = World::with_stake();
    w.by(AVS);
    w.hub.eject_operator(OPERATOR).ok().unwrap();
    assert_eq!(
        w.hub.membership(OPERATOR, AVS),
        (EXITING, START + WEEK, false)
    );
    assert_logged(
        &w.chain.take_logs(),
        OperatorExited {
            operator: OPERATOR,
            avs: AVS,
            ejected: true,
            slashableUntil: START + WEEK,
        },
    );
    w.by(STRANGER);
    assert_reverts(
        w.hub.eject_operator(OPERATOR),
        AvsNotRegistered { avs: STRANGER },
    );
}

#[test]
fn leaving_twice_or_without_joining_reverts() {
    let mut w = World::with_stake();
    w.by(OPERATOR_2);
    assert_reverts(
        w.hub.opt_out(AVS),
        NotJoined {
            operator: OPERATOR_2,
            avs: AVS,
        },
    );
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();
    assert_reverts(
        w.hub.opt_out(AVS),
        NotJoined {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn rejoining_waits_until_the_exit_window_closed() {
    let mut w = World::with_stake();
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();
    assert_reverts(
        w.hub.opt_in(AVS),
        AlreadyOptedIn {
            operator: OPERATOR,
            avs: AVS,
        },
    );
    w.chain.advance(WEEK);
    assert!(w.hub.opt_in(AVS).is_ok());
}
