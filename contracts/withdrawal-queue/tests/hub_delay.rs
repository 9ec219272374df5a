//! The hub's deallocation delay as claims see it: a raise applies 30 days after the hub's
//! admin sets it, so the queue keeps a copy of the hub's plan for claims and reads the hub
//! again only when the copy has run out.

use crate::support::*;
use stylus_sdk::alloy_primitives::U256;
use withdrawal_queue::errors::{DelayBelowDeallocation, ExternalCallFailed, NotClaimableYet};

#[test]
fn a_hub_raise_postpones_claims_once_it_applies_and_not_before() {
    let mut w = World::new();
    w.hub_sets_delay(2 * WEEK);
    let early = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);
    assert!(w.claim(early).is_ok(), "the raise is not in force yet");

    w.chain.set_time(START + RAISE_NOTICE);
    let late = w.request(BOB, tokens(10));
    w.chain.advance(WEEK);
    assert_reverts(
        w.claim(late),
        NotClaimableYet {
            requestId: late,
            claimableAt: START + RAISE_NOTICE + 2 * WEEK,
        },
    );
    w.chain.advance(WEEK - 1);
    assert!(w.claim(late).is_err());
    w.chain.advance(1);
    assert!(w.claim(late).is_ok());
}

#[test]
fn claims_use_the_copy_of_the_hub_plan_without_calling_the_hub() {
    let mut w = World::new();
    assert_eq!(w.hub_reads(), 1, "the constructor read the plan");
    let a = w.request(ALICE, tokens(10));
    let b = w.request(BOB, tokens(10));
    w.chain.advance(WEEK);
    assert!(w.claim(a).is_ok());
    assert_eq!(w.queue.request(b).ok().map(|r| r.4), Some(START + WEEK));
    assert!(w.claim(b).is_ok());
    assert_eq!(w.hub_reads(), 1);
}

#[test]
fn a_raise_scheduled_while_a_request_waits_spares_it_and_applies_from_its_date() {
    let mut w = World::new();
    let waiting = w.request(ALICE, tokens(10));
    let refresher = w.request(BOB, tokens(1));
    w.chain.advance(DAY);
    w.hub_sets_delay(3 * WEEK);
    let applies_at = START + DAY + RAISE_NOTICE;
    w.chain.set_time(START + WEEK);
    assert!(
        w.claim(waiting).is_ok(),
        "30 days' notice: the waiting leaver is out"
    );

    // A claim after the constructor's copy ran out reads the pending raise.
    w.chain.set_time(START + RAISE_NOTICE);
    assert!(w.claim(refresher).is_ok());
    assert_eq!(w.hub_reads(), 2);

    // The raise is in force from its date, without another read of the hub.
    w.chain.set_time(applies_at - WEEK);
    let before_the_raise = w.request(BOB, tokens(1));
    w.chain.set_time(applies_at);
    assert_reverts(
        w.claim(before_the_raise),
        NotClaimableYet {
            requestId: before_the_raise,
            claimableAt: applies_at - WEEK + 3 * WEEK,
        },
    );
    w.chain.set_time(applies_at - WEEK + 3 * WEEK);
    assert!(w.claim(before_the_raise).is_ok());
    assert_eq!(w.hub_reads(), 2);
}

#[test]
fn a_claim_after_the_copy_ran_out_reads_the_hub_again_and_sees_its_new_plan() {
    let mut w = World::new();
    w.hub_sets_delay(2 * WEEK);
    w.chain.set_time(START + RAISE_NOTICE - WEEK);
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);
    // The copy read at START ran out now, exactly when the raise applies.
    assert_eq!(w.hub_reads(), 1);
    assert_reverts(
        w.claim(id),
        NotClaimableYet {
            requestId: id,
            claimableAt: START + RAISE_NOTICE + WEEK,
        },
    );
    assert_eq!(w.hub_reads(), 2);
    w.chain.advance(WEEK);
    assert!(w.claim(id).is_ok());
}

#[test]
fn a_withdrawal_delay_below_the_hubs_pending_raise_is_refused() {
    let mut w = World::new();
    w.hub_sets_delay(3 * WEEK);
    w.by(ADMIN);
    assert_reverts(
        w.queue.set_withdrawal_delay(2 * WEEK),
        DelayBelowDeallocation {
            delay: 2 * WEEK,
            deallocationDelay: 3 * WEEK,
        },
    );
    assert!(w.queue.set_withdrawal_delay(3 * WEEK).is_ok());
}

#[test]
fn an_admin_raising_lowering_and_raising_in_one_block_shortens_no_wait() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.hub_sets_delay(3 * WEEK);
    w.hub_sets_delay(DAY);
    w.hub_sets_delay(2 * WEEK);
    assert_eq!(
        w.hub.borrow().delay,
        HubDelay {
            before: WEEK,
            after: 2 * WEEK,
            effective_at: START + RAISE_NOTICE
        }
    );
    w.chain.advance(WEEK - 1);
    assert!(w.claim(id).is_err(), "the cut to a day never applied");
    w.chain.advance(1);
    assert!(w.claim(id).is_ok());

    w.chain.set_time(START + RAISE_NOTICE);
    let late = w.request(BOB, tokens(10));
    w.chain.advance(2 * WEEK - 1);
    assert!(w.claim(late).is_err(), "the last raise applies on its date");
    w.chain.advance(1);
    assert!(w.claim(late).is_ok());
}

#[test]
fn a_hub_cut_pending_when_the_plan_was_read_is_read_again_once_it_is_due() {
    let day = |n: u64| START + n * DAY;
    // The hub's delay ends above the withdrawal delay (one week) because it rose after the
    // queue's delay was set: two weeks from day 30.
    let mut w = World::new();
    w.hub_sets_delay(2 * WEEK);
    w.chain.set_time(day(20));
    let early = w.request(ALICE, tokens(10));
    w.chain.set_time(day(35));
    w.hub_sets_delay(DAY);
    // The copy from the constructor ran out on day 30: this claim reads the pending cut.
    assert!(w.claim(early).is_ok());
    assert_eq!(w.hub_reads(), 2);
    w.chain.set_time(day(36));
    let late = w.request(BOB, tokens(10));
    // The admin drops the cut the day before it was due: two weeks stay in force.
    w.chain.set_time(day(48));
    w.hub_sets_delay(2 * WEEK);
    w.chain.set_time(day(49));
    assert_reverts(
        w.claim(late),
        NotClaimableYet {
            requestId: late,
            claimableAt: day(50),
        },
    );
    assert_eq!(w.hub_reads(), 3, "the copy was good only until the cut");
    w.chain.set_time(day(50));
    assert!(w.claim(late).is_ok());
}

#[test]
fn a_hub_plan_that_does_not_fit_u64_or_is_short_is_external_call_failed() {
    let mut w = World::new();
    let mut above_u64 = (U256::from(u64::MAX) + U256::from(1u8))
        .to_be_bytes::<32>()
        .to_vec();
    above_u64.extend([0u8; 64]);
    let exact = [[0u8; 24].as_slice(), &u64::MAX.to_be_bytes()]
        .concat()
        .repeat(3);
    for (answer, decodes) in [(above_u64, false), (vec![0u8; 95], false), (exact, true)] {
        w.hub.borrow_mut().garbled = Some(answer);
        w.by(ADMIN);
        let result = w.chain.transact(|| w.queue.set_withdrawal_delay(2 * WEEK));
        if decodes {
            // u64::MAX as the hub's delay: far above any withdrawal delay.
            assert_reverts(
                result,
                DelayBelowDeallocation {
                    delay: 2 * WEEK,
                    deallocationDelay: u64::MAX,
                },
            );
        } else {
            assert_reverts(result, ExternalCallFailed { target: HUB });
        }
    }
}

#[test]
fn what_a_claim_reads_besides_the_request_packs_into_two_slots() {
    let w = World::new();
    // The roles take slots 0-2. Solidity packing: the first field at the low-order end.
    let config = w.chain.vm.get_storage(U256::from(3u8));
    let mut expected = [0u8; 32];
    expected[7..11].copy_from_slice(&(WEEK as u32).to_be_bytes());
    expected[11..31].copy_from_slice(VAULT.as_slice());
    assert_eq!(
        config.0, expected,
        "paused | vault | withdrawal delay | lower delay"
    );

    let delays = w.chain.vm.get_storage(U256::from(4u8));
    let mut expected = [0u8; 32];
    expected[..8].copy_from_slice(&(START + RAISE_NOTICE).to_be_bytes());
    expected[16..20].copy_from_slice(&(WEEK as u32).to_be_bytes());
    expected[20..24].copy_from_slice(&(WEEK as u32).to_be_bytes());
    assert_eq!(
        delays.0, expected,
        "lowered at | hub before | hub after | hub effective at | copy valid until"
    );
}
