//! Requests and claims: the happy path, every revert, and the audit bug classes (value fixed
//! at request while a slash is pending, rewards leaking to leavers, double claim, early
//! claim, a recipient that rejects payment, pause bits).

use crate::support::{
    fakes::{self, AssetCallFailed, InsufficientBalance, ASSET},
    *,
};
use alloy_sol_types::SolCall;
use lrt_common::errors::{EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, ZeroAddress};
use stylus_sdk::alloy_primitives::U256;
use withdrawal_queue::{
    errors::{
        AlreadyClaimed, DelayBelowDeallocation, DelayTooLong, ExternalCallFailed, NotClaimableYet,
        NotController, NotOwnerOrOperator, RequestNotFound, ZeroAssets, ZeroShares,
    },
    events::{
        OperatorSet, RedeemClaimed, RedeemRequest, WithdrawalDelayScheduled, WithdrawalDelaySet,
    },
    WithdrawalQueue,
};

fn one() -> U256 {
    U256::from(1u8)
}

#[test]
fn request_locks_shares_records_their_value_and_numbers_requests_from_one() {
    let mut w = World::new();

    let first = w.request(ALICE, tokens(40));
    let second = w.request(BOB, tokens(10));

    assert_eq!((first, second), (one(), U256::from(2u8)));
    assert_eq!(w.vault.borrow().balance(ALICE), tokens(60));
    assert_eq!(w.vault.borrow().balance(w.vault.borrow().queue), tokens(50));
    let (controller, shares, assets, requested_at, claimable_at, claimed) =
        w.queue.request(first).ok().unwrap();
    assert_eq!(
        (controller, shares, assets),
        (ALICE, tokens(40), tokens(40))
    );
    assert_eq!(
        (requested_at, claimable_at, claimed),
        (START, START + WEEK, false)
    );
    assert_logged(
        &w.chain.take_logs(),
        RedeemRequest {
            controller: ALICE,
            owner: ALICE,
            requestId: one(),
            sender: ALICE,
            shares: tokens(40),
        },
    );
}

#[test]
fn approved_operator_may_request_for_the_owner_and_strangers_may_not() {
    let mut w = World::new();
    w.by(CAROL);
    assert_reverts(
        w.queue.request_redeem(tokens(1), CAROL, ALICE),
        NotOwnerOrOperator {
            owner: ALICE,
            caller: CAROL,
        },
    );

    w.by(ALICE);
    assert!(w.queue.set_operator(CAROL, true));
    assert_logged(
        &w.chain.take_logs(),
        OperatorSet {
            controller: ALICE,
            operator: CAROL,
            approved: true,
        },
    );
    assert!(w.queue.is_operator(ALICE, CAROL));

    w.by(CAROL);
    let id = w.queue.request_redeem(tokens(1), BOB, ALICE).ok().unwrap();
    assert_eq!(
        w.queue.request(id).ok().unwrap().0,
        BOB,
        "the controller, not the operator, is paid"
    );
}

#[test]
fn a_request_enters_the_vault_once_to_lock_and_price_the_shares() {
    // Given a vault where a share is worth 0.75 of the asset
    let mut w = World::new();
    w.vault.borrow_mut().total_assets = tokens(150);
    w.chain.take_calls();
    // When ALICE requests 40 shares
    let id = w.request(ALICE, tokens(40));
    // Then the queue made one call, lockShares, and recorded the value it answered
    let calls = w.chain.take_calls();
    let selectors: Vec<_> = calls.iter().map(|(to, data)| (*to, &data[..4])).collect();
    assert_eq!(
        selectors,
        [(VAULT, &fakes::lockSharesCall::SELECTOR[..])],
        "one call into the vault"
    );
    assert_eq!(w.queue.request(id).ok().unwrap().2, tokens(30));
}

#[test]
fn request_rejects_zero_shares_zero_controller_and_worthless_shares() {
    let mut w = World::new();
    w.by(ALICE);
    assert_reverts(
        w.queue.request_redeem(U256::ZERO, ALICE, ALICE),
        ZeroShares {},
    );
    assert_reverts(
        w.queue.request_redeem(
            tokens(1),
            stylus_sdk::alloy_primitives::Address::ZERO,
            ALICE,
        ),
        ZeroAddress {},
    );
    // Half the assets gone: one share-wei is worth nothing.
    w.vault.borrow_mut().total_assets = tokens(100);
    assert_reverts(
        w.queue.request_redeem(one(), ALICE, ALICE),
        ZeroAssets { shares: one() },
    );
}

#[test]
fn request_of_more_shares_than_owned_reverts_with_the_vaults_insufficient_balance() {
    let mut w = World::new();
    w.by(ALICE);
    assert_reverts(
        w.chain
            .transact(|| w.queue.request_redeem(tokens(101), ALICE, ALICE)),
        InsufficientBalance {
            owner: ALICE,
            balance: tokens(100),
            needed: tokens(101),
        },
    );
    assert_eq!(
        w.queue.backlog().ok().unwrap().0,
        U256::ZERO,
        "nothing recorded"
    );
}

#[test]
fn claim_before_the_delay_reverts() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK - 1);
    assert_reverts(
        w.claim(id),
        NotClaimableYet {
            requestId: id,
            claimableAt: START + WEEK,
        },
    );
}

#[test]
fn anyone_claims_after_the_delay_and_the_controller_is_paid() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);

    assert_eq!(w.claim(id).ok(), Some(tokens(10)));

    assert_eq!(w.paid(ALICE), tokens(10));
    assert_eq!(w.paid(KEEPER), U256::ZERO);
    assert_logged(
        &w.chain.take_logs(),
        RedeemClaimed {
            requestId: id,
            controller: ALICE,
            receiver: ALICE,
            shares: tokens(10),
            assets: tokens(10),
        },
    );
}

#[test]
fn withdrawal_value_is_reduced_by_a_slash_during_the_wait() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    // A 20 % slash while the request waits.
    w.vault.borrow_mut().total_assets = tokens(160);
    w.chain.advance(WEEK);

    assert_eq!(
        w.claim(id).ok(),
        Some(tokens(8)),
        "the leaver shares the slash"
    );
}

#[test]
fn rewards_during_the_wait_are_not_paid_to_the_leaver() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.vault.borrow_mut().total_assets = tokens(300);
    w.chain.advance(WEEK);

    assert_eq!(
        w.claim(id).ok(),
        Some(tokens(10)),
        "paid the value at request"
    );
    assert_eq!(
        w.vault.borrow().total_assets,
        tokens(290),
        "the rest stays with the stakers"
    );
}

#[test]
fn double_claim_reverts() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);
    w.claim(id).ok().unwrap();

    assert_reverts(w.claim(id), AlreadyClaimed { requestId: id });
    assert_eq!(w.paid(ALICE), tokens(10));
}

#[test]
fn unknown_request_reverts() {
    let mut w = World::new();
    for id in [U256::ZERO, one(), U256::MAX] {
        assert_reverts(w.claim(id), RequestNotFound { requestId: id });
    }
    // Ids are u32: one beyond 2^32 is unknown, not request 1 again.
    w.request(ALICE, tokens(1));
    w.chain.advance(WEEK);
    let aliased = (one() << 32) + one();
    assert_reverts(w.claim(aliased), RequestNotFound { requestId: aliased });
    // The next id is unknown until a request takes it.
    let next = U256::from(2u8);
    assert_reverts(w.claim(next), RequestNotFound { requestId: next });
    assert_eq!(
        w.queue.request(aliased).err(),
        Some(RequestNotFound { requestId: aliased }.into())
    );
}

#[test]
fn recipient_that_rejects_payment_does_not_block_the_queue() {
    let mut w = World::new();
    let stuck = w.request(ALICE, tokens(10));
    let fine = w.request(BOB, tokens(10));
    w.vault.borrow_mut().blacklisted.insert(ALICE);
    w.chain.advance(WEEK);

    assert_reverts(w.claim(stuck), AssetCallFailed { asset: ASSET });
    assert_eq!(
        w.claim(fine).ok(),
        Some(tokens(10)),
        "later requests are paid regardless"
    );

    // The controller redirects its own payment.
    w.by(ALICE);
    assert_eq!(w.queue.claim_to(stuck, CAROL).ok(), Some(tokens(10)));
    assert_eq!(w.paid(CAROL), tokens(10));
}

#[test]
fn only_the_controller_or_its_operator_redirects_a_payment() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);
    w.by(CAROL);
    assert_reverts(
        w.queue.claim_to(id, CAROL),
        NotController {
            requestId: id,
            caller: CAROL,
        },
    );
    w.by(ALICE);
    assert_reverts(
        w.queue
            .claim_to(id, stylus_sdk::alloy_primitives::Address::ZERO),
        ZeroAddress {},
    );
    w.queue.set_operator(CAROL, true);
    w.by(CAROL);
    assert_eq!(w.queue.claim_to(id, BOB).ok(), Some(tokens(10)));
}

#[test]
fn withdrawal_delay_is_admin_only_at_most_30_days_and_never_below_the_hub_delay() {
    let mut w = World::new();
    w.by(ALICE);
    assert_reverts(
        w.queue.set_withdrawal_delay(2 * WEEK),
        NotAdmin { caller: ALICE },
    );
    w.by(ADMIN);
    assert_reverts(
        w.queue.set_withdrawal_delay(30 * DAY + 1),
        DelayTooLong {
            delay: 30 * DAY + 1,
        },
    );
    assert_reverts(
        w.queue.set_withdrawal_delay(WEEK - 1),
        DelayBelowDeallocation {
            delay: WEEK - 1,
            deallocationDelay: WEEK,
        },
    );
    assert!(w.queue.set_withdrawal_delay(30 * DAY).is_ok());
    assert_eq!(w.queue.withdrawal_delay(), 30 * DAY);
    assert_logged(&w.chain.take_logs(), WithdrawalDelaySet { delay: 30 * DAY });
}

#[test]
fn constructor_checks_addresses_and_delay() {
    let w = World::new();
    let mut fresh = WithdrawalQueue::from(&w.chain);
    let zero = stylus_sdk::alloy_primitives::Address::ZERO;
    assert_reverts(fresh.constructor(zero, HUB, ADMIN, WEEK), ZeroAddress {});
    assert_reverts(fresh.constructor(VAULT, zero, ADMIN, WEEK), ZeroAddress {});
    assert_reverts(
        fresh.constructor(VAULT, HUB, ADMIN, DAY),
        DelayBelowDeallocation {
            delay: DAY,
            deallocationDelay: WEEK,
        },
    );
    assert_eq!(
        (w.queue.vault(), w.queue.hub(), w.queue.admin()),
        (VAULT, HUB, ADMIN)
    );
}

#[test]
fn pause_request_stops_requests_only() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.by(ADMIN);
    w.queue.set_pauser(PAUSER, true).ok().unwrap();
    w.by(PAUSER);
    w.queue.pause(2).ok().unwrap();
    w.chain.advance(WEEK);

    w.by(BOB);
    assert_reverts(
        w.queue.request_redeem(tokens(1), BOB, BOB),
        EnforcedPause { bit: 2 },
    );
    assert!(w.claim(id).is_ok(), "claims go on");
}

#[test]
fn pause_claim_stops_claims_only_and_admin_resumes_them() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.by(ADMIN);
    w.queue.pause(4).ok().unwrap();
    w.chain.advance(WEEK);

    assert_reverts(w.claim(id), EnforcedPause { bit: 4 });
    w.by(ALICE);
    assert_reverts(w.queue.claim_to(id, ALICE), EnforcedPause { bit: 4 });
    assert!(
        w.queue.request_redeem(tokens(1), ALICE, ALICE).is_ok(),
        "requests go on"
    );

    w.by(ADMIN);
    w.queue.unpause(4).ok().unwrap();
    assert!(w.claim(id).is_ok());
}

#[test]
fn the_queue_refuses_deposit_and_delegate_pause_bits() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.by(ADMIN);
    for bits in [1, 8, 1 | 2, 2 | 4 | 8, 16] {
        assert_reverts(w.queue.pause(bits), InvalidPauseBits { bits });
    }
    assert_eq!(w.queue.paused(), 0, "never reports a pause it ignores");
    assert_reverts(w.queue.unpause(1), InvalidPauseBits { bits: 1 });
    w.queue.pause(2 | 4).ok().unwrap();
    assert_eq!(w.queue.paused(), 6);
    w.queue.unpause(2 | 4).ok().unwrap();
    w.chain.advance(WEEK);
    assert!(w.claim(id).is_ok());
    w.request(BOB, tokens(1));
}

#[test]
fn a_vault_that_gives_no_reason_is_reported_as_external_call_failed() {
    let w = World::new();
    let nowhere = stylus_sdk::alloy_primitives::Address::repeat_byte(0x77);
    let mut other = WithdrawalQueue::from(&w.chain);
    w.by(ADMIN);
    other.constructor(nowhere, HUB, ADMIN, WEEK).ok().unwrap();
    w.by(ALICE);
    assert_reverts(
        other.request_redeem(tokens(1), ALICE, ALICE),
        ExternalCallFailed { target: nowhere },
    );
}

#[test]
fn a_longer_withdrawal_delay_applies_at_once() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.by(ADMIN);
    w.queue.set_withdrawal_delay(2 * WEEK).ok().unwrap();
    assert_logged(&w.chain.take_logs(), WithdrawalDelaySet { delay: 2 * WEEK });
    assert_eq!(w.queue.withdrawal_delay(), 2 * WEEK);
    w.chain.advance(WEEK);
    assert_reverts(
        w.claim(id),
        NotClaimableYet {
            requestId: id,
            claimableAt: START + 2 * WEEK,
        },
    );
}

#[test]
fn a_shorter_withdrawal_delay_applies_only_once_the_old_one_has_elapsed() {
    let mut w = World::with_hub_delay(DAY);
    let early = w.request(ALICE, tokens(10));
    w.by(ADMIN);
    w.queue.set_withdrawal_delay(DAY).ok().unwrap();
    assert_logged(
        &w.chain.take_logs(),
        WithdrawalDelayScheduled {
            delay: DAY,
            effectiveAt: START + WEEK,
        },
    );
    assert_eq!(w.queue.withdrawal_delay(), WEEK, "still the old delay");
    assert_eq!(w.queue.pending_withdrawal_delay(), (DAY, START + WEEK));

    // A leaver arriving after the decrease cannot get out before the old delay has run.
    w.chain.advance(DAY);
    let late = w.request(BOB, tokens(10));
    w.chain.advance(DAY);
    assert_reverts(
        w.claim(late),
        NotClaimableYet {
            requestId: late,
            claimableAt: START + DAY + WEEK,
        },
    );
    w.chain.set_time(START + WEEK - 1);
    assert!(w.claim(early).is_err());
    assert!(w.claim(late).is_err(), "nobody overtakes the early leaver");

    w.chain.set_time(START + WEEK);
    assert_eq!(w.queue.withdrawal_delay(), DAY);
    assert_eq!(w.queue.pending_withdrawal_delay(), (0, 0));
    assert!(w.claim(early).is_ok());
    assert!(w.claim(late).is_ok());
}

#[test]
fn raising_the_delay_again_drops_a_scheduled_decrease() {
    let mut w = World::with_hub_delay(DAY);
    w.by(ADMIN);
    w.queue.set_withdrawal_delay(DAY).ok().unwrap();
    w.queue.set_withdrawal_delay(WEEK).ok().unwrap();
    assert_eq!(w.queue.pending_withdrawal_delay(), (0, 0));
    w.chain.advance(2 * WEEK);
    assert_eq!(w.queue.withdrawal_delay(), WEEK);
}

#[test]
fn views_list_open_requests_and_the_backlog() {
    let mut w = World::new();
    let a1 = w.request(ALICE, tokens(10));
    w.chain.advance(DAY);
    let b1 = w.request(BOB, tokens(20));
    let a2 = w.request(ALICE, tokens(30));
    assert_eq!(w.queue.requests_of(ALICE), vec![a1, a2]);
    assert_eq!(
        w.queue.backlog().ok(),
        Some((U256::from(3u8), tokens(60), tokens(60), START + WEEK))
    );
    assert_eq!(
        w.queue.pending_redeem_request(a1, ALICE).ok(),
        Some(tokens(10))
    );
    assert_eq!(
        w.queue.claimable_redeem_request(a1, ALICE).ok(),
        Some(U256::ZERO)
    );
    assert_eq!(
        w.queue.pending_redeem_request(a1, BOB).ok(),
        Some(U256::ZERO),
        "not BOB's request"
    );

    w.chain.advance(WEEK);
    assert_eq!(
        w.queue.pending_redeem_request(a1, ALICE).ok(),
        Some(U256::ZERO)
    );
    assert_eq!(
        w.queue.claimable_redeem_request(a1, ALICE).ok(),
        Some(tokens(10))
    );
    w.claim(a1).ok().unwrap();

    assert_eq!(w.queue.requests_of(ALICE), vec![a2]);
    assert_eq!(
        w.queue.claimable_redeem_request(a1, ALICE).ok(),
        Some(U256::ZERO),
        "paid"
    );
    assert_eq!(
        w.queue.backlog().ok(),
        Some((U256::from(2u8), tokens(50), tokens(50), START + DAY + WEEK))
    );
    w.claim(b1).ok().unwrap();
    w.claim(a2).ok().unwrap();
    assert_eq!(
        w.queue.backlog().ok(),
        Some((U256::ZERO, U256::ZERO, U256::ZERO, 0))
    );
    assert!(w.queue.requests_of(ALICE).is_empty());
}

#[test]
fn a_claimed_request_still_reports_its_controller_amounts_and_time() {
    let mut w = World::new();
    let id = w.request(ALICE, tokens(10));
    w.chain.advance(WEEK);
    w.claim(id).ok().unwrap();

    assert_eq!(
        w.queue.request(id).ok(),
        Some((ALICE, tokens(10), tokens(10), START, START + WEEK, true))
    );
    assert_eq!(
        w.queue.pending_redeem_request(id, ALICE).ok(),
        Some(U256::ZERO)
    );
}

/// The largest amount a request records, and the largest open total of shares or assets
/// (amounts are stored as two u96 in one slot, and so are the totals).
fn u96_max() -> U256 {
    (U256::from(1u8) << 96) - one()
}

#[test]
fn shares_and_assets_up_to_u96_max_are_recorded_exactly() {
    let mut w = World::new();
    // At 1:1, CAROL's u96::MAX shares are worth u96::MAX assets.
    w.vault
        .borrow_mut()
        .mint(CAROL, u96_max() * U256::from(2u8));
    let id = w.request(CAROL, u96_max());
    let (_, shares, assets, ..) = w.queue.request(id).ok().unwrap();
    assert_eq!((shares, assets), (u96_max(), u96_max()));
    assert_eq!(
        w.queue.backlog().ok().map(|b| (b.1, b.2)),
        Some((u96_max(), u96_max()))
    );
    w.chain.advance(WEEK);
    assert_eq!(w.claim(id).ok(), Some(u96_max()));
    assert_eq!(
        w.queue.request(id).ok().map(|r| (r.1, r.2, r.5)),
        Some((u96_max(), u96_max(), true))
    );
}

#[test]
fn a_request_that_would_take_the_open_totals_above_u96_max_reverts_with_math_overflow() {
    let mut w = World::new();
    w.vault
        .borrow_mut()
        .mint(CAROL, u96_max() * U256::from(2u8));
    let first = w.request(CAROL, u96_max() - one());
    let last = w.request(CAROL, one());
    assert_eq!(
        w.queue.backlog().ok().map(|b| (b.1, b.2)),
        Some((u96_max(), u96_max()))
    );
    w.by(CAROL);
    assert_reverts(
        w.chain
            .transact(|| w.queue.request_redeem(one(), CAROL, CAROL)),
        MathOverflow {},
    );
    assert_eq!(w.queue.backlog().ok().unwrap().0, U256::from(2u8));
    // A claim makes room again.
    w.chain.advance(WEEK);
    assert_eq!(w.claim(last).ok(), Some(one()));
    let again = w.request(CAROL, one());
    assert_eq!(w.queue.requests_of(CAROL), vec![first, again]);
}

#[test]
fn shares_above_u96_revert_with_math_overflow() {
    let mut w = World::new();
    w.vault.borrow_mut().mint(CAROL, u96_max() + one());
    w.by(CAROL);
    assert_reverts(
        w.chain
            .transact(|| w.queue.request_redeem(u96_max() + one(), CAROL, CAROL)),
        MathOverflow {},
    );
    assert_eq!(w.queue.backlog().ok().unwrap().0, U256::ZERO);
}

#[test]
fn assets_above_u96_revert_with_math_overflow() {
    let mut w = World::new();
    w.vault.borrow_mut().mint(CAROL, u96_max());
    // The rate doubles: u96::MAX shares are worth more than u96::MAX assets.
    let doubled = w.vault.borrow().total_assets * U256::from(2u8);
    w.vault.borrow_mut().total_assets = doubled;
    w.by(CAROL);
    assert_reverts(
        w.chain
            .transact(|| w.queue.request_redeem(u96_max(), CAROL, CAROL)),
        MathOverflow {},
    );
    assert_eq!(w.queue.backlog().ok().unwrap().0, U256::ZERO);
}

#[test]
fn requests_of_keeps_its_order_when_claims_swap_the_last_request_into_the_gap() {
    let mut w = World::new();
    let ids: Vec<U256> = (0..6).map(|_| w.request(ALICE, tokens(1))).collect();
    assert_eq!(w.queue.requests_of(ALICE), ids);
    w.chain.advance(WEEK);
    let id = |n: u8| U256::from(n);

    // Each claim moves the controller's last request into the freed place.
    w.claim(id(2)).ok().unwrap();
    assert_eq!(
        w.queue.requests_of(ALICE),
        vec![id(1), id(6), id(3), id(4), id(5)]
    );
    w.claim(id(6)).ok().unwrap();
    w.claim(id(1)).ok().unwrap();
    assert_eq!(w.queue.requests_of(ALICE), vec![id(4), id(5), id(3)]);
    for n in [3, 4, 5] {
        w.claim(id(n)).ok().unwrap();
    }
    assert!(w.queue.requests_of(ALICE).is_empty());
    let again = w.request(ALICE, tokens(1));
    assert_eq!(w.queue.requests_of(ALICE), vec![again]);
}

#[test]
fn the_backlog_finds_the_oldest_open_request_whatever_order_claims_come_in() {
    let mut w = World::new();
    let hour = 3600;
    let mut requested_at = vec![0];
    for _ in 1..=5 {
        requested_at.push(w.chain.now());
        w.request(ALICE, tokens(1));
        w.chain.advance(hour);
    }
    let next_unlock = |w: &World| w.queue.backlog().ok().unwrap().3;
    let id = |n: u8| U256::from(n);
    w.chain.advance(WEEK);

    w.claim(id(5)).ok().unwrap(); // the newest
    requested_at.push(w.chain.now());
    w.request(BOB, tokens(1)); // 6 follows 4, not 5
    w.claim(id(1)).ok().unwrap(); // the oldest
    assert_eq!(next_unlock(&w), requested_at[2] + WEEK);
    w.claim(id(3)).ok().unwrap(); // one in the middle
    w.claim(id(2)).ok().unwrap();
    assert_eq!(next_unlock(&w), requested_at[4] + WEEK);
    w.claim(id(4)).ok().unwrap();
    assert_eq!(next_unlock(&w), requested_at[6] + WEEK);
    assert_eq!(w.queue.backlog().ok().unwrap().0, one());
    w.chain.advance(WEEK);
    w.claim(id(6)).ok().unwrap();
    assert_eq!(next_unlock(&w), 0);
    let seven = w.request(BOB, tokens(1));
    assert_eq!(next_unlock(&w), w.chain.now() + WEEK);
    assert_eq!(seven, id(7));
}
