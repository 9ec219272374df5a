//! Slashing: who may slash, how much, and what it can never do (DESIGN.md §2 and the audit
//! bug classes: unauthorised or replayed slash, slash above allocation, dust rounding to zero,
//! escape through exit, collateral damage to undelegated vaults, pause blocking slashing).

use crate::support::*;
use hub::errors::{
    AvsNotRegistered, InvalidFraction, NotSlasher, OperatorNotSlashable, SlashIdUsed,
};
use hub::events::{OperatorSlashed, VaultSlashFailed, VaultSlashed};
use stylus_sdk::alloy_primitives::U256;

#[test]
fn slash_books_delegation_times_allocation_times_fraction_owed_to_the_sink() {
    let mut w = World::with_stake();

    let moved = w
        .slash(AVS, SLASHER, OPERATOR, pct(10), id(1))
        .ok()
        .unwrap();

    // 1000 × 50 % × 40 % × 10 % = 20 tokens.
    assert_eq!(moved, tokens(20));
    assert_eq!(
        w.vaults[&VAULT_A].borrow().slashes,
        vec![(tokens(20), SINK)]
    );
    assert_eq!(w.assets(VAULT_A), tokens(980));
    let logs = w.chain.take_logs();
    assert_logged(
        &logs,
        VaultSlashed {
            slashId: id(1),
            vault: VAULT_A,
            operator: OPERATOR,
            assets: tokens(20),
            recipient: SINK,
        },
    );
    assert_logged(
        &logs,
        OperatorSlashed {
            avs: AVS,
            operator: OPERATOR,
            slashId: id(1),
            fractionWad: pct(10),
            totalAssets: tokens(20),
        },
    );
}

#[test]
fn unauthorised_slash_reverts_for_strangers_operators_and_the_avs_itself() {
    let mut w = World::with_stake();
    for caller in [STRANGER, OPERATOR, AVS, SLASHER_2, CURATOR, ADMIN] {
        assert_reverts(
            w.slash(AVS, caller, OPERATOR, pct(10), id(1)),
            NotSlasher { avs: AVS, caller },
        );
    }
    assert_eq!(w.assets(VAULT_A), tokens(1000));
}

#[test]
fn slash_for_an_unregistered_avs_reverts() {
    let mut w = World::with_stake();
    assert_reverts(
        w.slash(STRANGER, SLASHER, OPERATOR, pct(10), id(1)),
        AvsNotRegistered { avs: STRANGER },
    );
}

#[test]
fn replayed_slash_id_reverts_but_another_avs_may_use_the_same_id() {
    let mut w = World::with_stake();
    w.join(OPERATOR, AVS_2);
    w.allocate(OPERATOR, AVS_2, pct(10));
    w.slash(AVS, SLASHER, OPERATOR, pct(10), id(7))
        .ok()
        .unwrap();

    assert_reverts(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(7)),
        SlashIdUsed {
            avs: AVS,
            slashId: id(7),
        },
    );
    assert!(
        w.slash(AVS_2, SLASHER_2, OPERATOR, pct(10), id(7)).is_ok(),
        "ids are per AVS: no cross-AVS griefing"
    );
}

#[test]
fn slash_is_bounded_by_the_allocation() {
    let mut w = World::with_stake();

    let moved = w
        .slash(AVS, SLASHER, OPERATOR, pct(100), id(1))
        .ok()
        .unwrap();

    // Everything AVS can reach: 1000 × 50 % × 40 %; the other 800 tokens stay.
    assert_eq!(moved, tokens(200));
    assert_eq!(w.assets(VAULT_A), tokens(800));
}

#[test]
fn slash_fraction_must_be_above_zero_and_at_most_one_hundred_percent() {
    let mut w = World::with_stake();
    let too_much = pct(100) + U256::from(1u8);
    assert_reverts(
        w.slash(AVS, SLASHER, OPERATOR, too_much, id(1)),
        InvalidFraction {
            fractionWad: too_much,
        },
    );
    assert_reverts(
        w.slash(AVS, SLASHER, OPERATOR, U256::ZERO, id(1)),
        InvalidFraction {
            fractionWad: U256::ZERO,
        },
    );
}

#[test]
fn dust_slash_still_moves_one_wei() {
    let mut w = World::with_stake();
    w.vaults[&VAULT_A].borrow_mut().total_assets = U256::from(3u8);

    let moved = w
        .slash(AVS, SLASHER, OPERATOR, U256::from(1u8), id(1))
        .ok()
        .unwrap();

    // 3 wei × 50 % × 40 % × 1e-18 rounds up, never down to zero.
    assert_eq!(moved, U256::from(1u8));
    assert_eq!(w.assets(VAULT_A), U256::from(2u8));
}

#[test]
fn slash_after_exit_works_within_the_delay_and_not_after() {
    let mut w = World::with_stake();
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();

    w.chain.advance(WEEK - 1);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(50), id(1)).ok(),
        Some(tokens(100))
    );

    w.chain.advance(1);
    assert_reverts(
        w.slash(AVS, SLASHER, OPERATOR, pct(50), id(2)),
        OperatorNotSlashable {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn ejected_operator_stays_slashable_for_the_delay() {
    let mut w = World::with_stake();
    w.by(AVS);
    w.hub.eject_operator(OPERATOR).ok().unwrap();
    w.chain.advance(DAY);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(200))
    );
}

#[test]
fn operator_waiting_for_acceptance_is_not_slashable() {
    let mut w = World::open();
    w.delegate(VAULT_A, OPERATOR, pct(50));
    w.by(OPERATOR);
    w.hub.opt_in(AVS).ok().unwrap();
    assert_reverts(
        w.slash(AVS, SLASHER, OPERATOR, pct(50), id(1)),
        OperatorNotSlashable {
            operator: OPERATOR,
            avs: AVS,
        },
    );
}

#[test]
fn vault_not_delegated_to_the_operator_loses_nothing() {
    let mut w = World::with_stake();
    w.join(OPERATOR_2, AVS);
    w.delegate(VAULT_B, OPERATOR_2, pct(100));
    w.allocate(OPERATOR_2, AVS, pct(100));
    w.chain.take_calls();

    w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1))
        .ok()
        .unwrap();

    assert_eq!(w.assets(VAULT_B), tokens(1000));
    assert!(w.vaults[&VAULT_B].borrow().slashes.is_empty());
    assert!(
        w.chain.take_calls().iter().all(|(to, _)| *to != VAULT_B),
        "the other vault is not even called"
    );
}

#[test]
fn operator_with_nothing_allocated_to_the_avs_loses_nothing() {
    let mut w = World::with_stake();
    w.join(OPERATOR, AVS_2);

    let moved = w
        .slash(AVS_2, SLASHER_2, OPERATOR, pct(100), id(1))
        .ok()
        .unwrap();

    assert_eq!(moved, U256::ZERO);
    assert_eq!(w.assets(VAULT_A), tokens(1000));
}

#[test]
fn slash_reaches_every_vault_delegated_to_the_operator() {
    let mut w = World::with_stake();
    w.delegate(VAULT_B, OPERATOR, pct(25));

    let moved = w
        .slash(AVS, SLASHER, OPERATOR, pct(100), id(1))
        .ok()
        .unwrap();

    // A: 1000 × 50 % × 40 % = 200; B: 1000 × 25 % × 40 % = 100.
    assert_eq!(moved, tokens(300));
    assert_eq!(w.assets(VAULT_A), tokens(800));
    assert_eq!(w.assets(VAULT_B), tokens(900));
}

#[test]
fn pending_undelegation_stays_slashable_at_the_larger_value() {
    let mut w = World::with_stake();
    w.delegate(VAULT_A, OPERATOR, pct(10));
    w.allocate(OPERATOR, AVS, pct(0));
    w.chain.advance(WEEK - 1);

    // Still 50 % × 40 % until the delay has passed.
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(200))
    );
}

#[test]
fn decrease_stops_being_slashable_once_the_delay_passed() {
    let mut w = World::with_stake();
    w.delegate(VAULT_A, OPERATOR, pct(10));
    w.chain.advance(WEEK);

    // 1000 × 10 % × 40 %.
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(40))
    );
}

#[test]
fn pause_never_blocks_slashing() {
    let mut w = World::with_stake();
    w.by(ADMIN);
    w.hub.pause(8).ok().unwrap();
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(200))
    );
}

#[test]
fn circuit_breaker_limits_what_an_avs_takes_from_a_vault_in_any_24_hours() {
    let mut w = World::with_stake();
    w.by(ADMIN);
    w.hub.set_slash_cap(AVS, pct(3)).ok().unwrap();

    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(1)).ok(),
        Some(tokens(20))
    );
    w.chain.advance(23 * HOUR);
    // 3 % of the 1000 the vault held before the window's slashes, 20 already taken.
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(2)).ok(),
        Some(tokens(10))
    );
    assert_eq!(w.hub.slashed_in_window(VAULT_A, AVS), tokens(30));
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(3)).ok(),
        Some(U256::ZERO),
        "nothing left under the cap today"
    );

    // Both slashes leave the window at most 4 h after they are 24 h old.
    w.chain.advance(DAY + 4 * HOUR);
    assert_eq!(w.hub.slashed_in_window(VAULT_A, AVS), U256::ZERO);
    assert!(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(4))
            .ok()
            .unwrap()
            > U256::ZERO
    );
}

#[test]
fn circuit_breaker_is_on_by_default_at_half_a_vault_per_day() {
    let mut w = World::open();
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(100));
    w.allocate(OPERATOR, AVS, pct(100));

    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(500))
    );
    assert_eq!(w.assets(VAULT_A), tokens(500));
}

#[test]
fn a_failing_vault_is_skipped_and_the_others_are_slashed() {
    let mut w = World::with_stake();
    w.delegate(VAULT_B, OPERATOR, pct(25));
    w.vaults.get(&VAULT_A).unwrap().borrow_mut().broken = true;

    let booked = w
        .slash(AVS, SLASHER, OPERATOR, pct(10), id(1))
        .ok()
        .unwrap();

    // B: 1000 × 25 % × 40 % × 10 %.
    assert_eq!(booked, tokens(10));
    assert_eq!(w.assets(VAULT_B), tokens(990));
    assert_logged(
        &w.chain.take_logs(),
        VaultSlashFailed {
            slashId: id(1),
            vault: VAULT_A,
            reason: b"broken".to_vec().into(),
            assets: U256::ZERO,
        },
    );
}

#[test]
fn exposure_shows_slashable_assets_now_and_after_pending_changes() {
    let mut w = World::with_stake();
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(200), tokens(200)))
    );

    w.allocate(OPERATOR, AVS, pct(10));
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(200), tokens(50)))
    );

    w.chain.advance(WEEK);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(50), tokens(50)))
    );
    assert_eq!(
        w.hub.exposure(VAULT_B, OPERATOR, AVS).ok(),
        Some((U256::ZERO, U256::ZERO))
    );
}

#[test]
fn exposure_of_an_exited_operator_ends_with_its_window() {
    let mut w = World::with_stake();
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(200), U256::ZERO))
    );
    w.chain.advance(WEEK);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((U256::ZERO, U256::ZERO))
    );
}
