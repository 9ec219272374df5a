//! The attacks that drained vaults before slashing was bounded (issue "Slashing that cannot
//! drain a vault"), each replayed against the hub: none of them may take more than the
//! exposure the hub reported, from a vault whose curator did not consent.

use crate::support::*;
use hub::{errors::NotJoined, events::VaultSlashed};
use stylus_sdk::alloy_primitives::{address, Address, U256};

/// A vault of 2,000 tokens delegating 10 % to OPERATOR, who allocates 50 % to AVS (approved
/// by the curator for the whole vault), the allocation delay elapsed: 100 tokens exposed.
fn observed_setup() -> World {
    let mut w = World::new();
    w.vaults[&VAULT_A].borrow_mut().total_assets = tokens(2000);
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(10));
    w.approve(VAULT_A, AVS, pct(100), false);
    w.allocate(OPERATOR, AVS, pct(50));
    w.chain.advance(DAY);
    w
}

#[test]
fn forty_full_slashes_take_the_reported_exposure_once_and_leave_none() {
    let mut w = observed_setup();
    let (exposed, _) = w.hub.exposure(VAULT_A, OPERATOR, AVS).ok().unwrap();
    assert_eq!(exposed, tokens(100));

    let mut taken = U256::ZERO;
    for i in 0..40u8 {
        taken += w.slash(AVS, SLASHER, OPERATOR, pct(100), id(i)).ok().unwrap();
        w.chain.advance(HOUR);
    }

    assert_eq!(taken, tokens(100));
    assert_eq!(w.assets(VAULT_A), tokens(1900));
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((U256::ZERO, U256::ZERO))
    );
    assert_eq!(w.hub.allocation(OPERATOR, AVS).0, U256::ZERO, "the slash consumed it");
}

#[test]
fn partial_slashes_consume_the_allocation_as_magnitudes() {
    let mut w = observed_setup();
    let mut taken = U256::ZERO;
    for i in 0..60u8 {
        taken += w.slash(AVS, SLASHER, OPERATOR, pct(30), id(i)).ok().unwrap();
    }
    assert!(taken <= tokens(100), "took {taken}");
    // Each slash keeps 70 % of what was left: 50 % × 0.7.
    w.slash(AVS, SLASHER, OPERATOR, pct(1), id(200)).ok().unwrap();
    let (allocation, _, _) = w.hub.allocation(OPERATOR, AVS);
    assert!(allocation < pct(1));
}

#[test]
fn dust_slashes_cannot_walk_a_small_vault_down() {
    let mut w = observed_setup();
    w.vaults[&VAULT_A].borrow_mut().total_assets = U256::from(1000u16);
    let (exposed, _) = w.hub.exposure(VAULT_A, OPERATOR, AVS).ok().unwrap();
    assert_eq!(exposed, U256::from(50u8));

    let mut taken = U256::ZERO;
    for i in 0..200u8 {
        // One wei of a WAD: every loss rounds up to a whole wei.
        taken += w
            .slash(AVS, SLASHER, OPERATOR, U256::from(1u8), id(i))
            .ok()
            .unwrap();
    }
    assert!(taken >= U256::from(1u8), "a dust slash still takes a wei");
    assert!(taken <= exposed, "took {taken} of {exposed}");
}

#[test]
fn an_operator_that_is_its_own_avs_takes_nothing_without_the_curators_consent() {
    let mut w = World::new();
    let rogue = address!("00000000000000000000000000000000000000bb");
    w.vaults[&VAULT_A].borrow_mut().total_assets = tokens(2000);
    w.delegate(VAULT_A, OPERATOR, pct(5));
    w.by(rogue);
    w.hub
        .register_avs("".into(), OPERATOR, OPERATOR, false)
        .ok()
        .unwrap();
    w.join(OPERATOR, rogue);
    w.allocate(OPERATOR, rogue, pct(100));
    w.chain.advance(DAY);

    let mut taken = U256::ZERO;
    for i in 0..60u8 {
        taken += w.slash(rogue, OPERATOR, OPERATOR, pct(100), id(i)).ok().unwrap();
    }

    assert_eq!(taken, U256::ZERO);
    assert_eq!(w.assets(VAULT_A), tokens(2000));
    assert_eq!(w.hub.exposure(VAULT_A, OPERATOR, rogue).ok(), Some((U256::ZERO, U256::ZERO)));
}

#[test]
fn slashed_assets_go_to_the_sink_unless_the_curator_approved_redistribution() {
    let mut w = observed_setup();
    w.slash(AVS, SLASHER, OPERATOR, pct(10), id(1)).ok().unwrap();
    w.approve(VAULT_A, AVS, pct(100), true);
    w.slash(AVS, SLASHER, OPERATOR, pct(10), id(2)).ok().unwrap();

    let slashes = w.vaults[&VAULT_A].borrow().slashes.clone();
    assert_eq!(slashes[0].1, SINK);
    assert_eq!(slashes[1].1, BURN, "the AVS's recipient, with consent");
    assert_logged(
        &w.chain.take_logs(),
        VaultSlashed {
            slashId: id(2),
            vault: VAULT_A,
            operator: OPERATOR,
            assets: slashes[1].0,
            recipient: BURN,
        },
    );
}

#[test]
fn the_curators_approval_caps_what_the_avs_may_ever_take() {
    let mut w = observed_setup();
    w.approve(VAULT_A, AVS, pct(1), false);
    // A cut waits the deallocation delay, like an undelegation.
    w.chain.advance(WEEK);
    // min(10 % × 50 %, 1 %) of 2,000.
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(20), tokens(20)))
    );
    let mut taken = U256::ZERO;
    for i in 0..10u8 {
        taken += w.slash(AVS, SLASHER, OPERATOR, pct(50), id(i)).ok().unwrap();
    }
    assert!(taken <= tokens(20));
}

#[test]
fn a_revoked_approval_stays_slashable_for_the_deallocation_delay() {
    let mut w = observed_setup();
    w.approve(VAULT_A, AVS, U256::ZERO, false);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(100), U256::ZERO))
    );
    w.chain.advance(WEEK);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(U256::ZERO)
    );
}

#[test]
fn an_allocation_raise_is_slashable_only_after_the_allocation_delay() {
    let mut w = World::new();
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(50));
    w.approve(VAULT_A, AVS, pct(100), false);
    w.allocate(OPERATOR, AVS, pct(40));
    assert_eq!(w.hub.allocation_delay(), DAY);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((U256::ZERO, tokens(200))),
        "pending"
    );
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(U256::ZERO)
    );
    w.chain.advance(DAY);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(10), id(2)).ok(),
        Some(tokens(20))
    );
}

#[test]
fn an_ejected_operator_cannot_keep_or_restore_its_allocation() {
    let mut w = World::open();
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(100));
    w.allocate(OPERATOR, AVS, pct(60));
    w.by(AVS);
    w.hub.eject_operator(OPERATOR).ok().unwrap();

    w.by(OPERATOR);
    assert_reverts(
        w.hub.allocate(AVS, pct(60)),
        NotJoined {
            operator: OPERATOR,
            avs: AVS,
        },
    );
    w.chain.advance(DAY);
    // Lowering is allowed but cannot move the end of the exit window.
    w.hub.allocate(AVS, U256::ZERO).ok().unwrap();
    assert_eq!(w.hub.allocation(OPERATOR, AVS).2, START + WEEK);

    w.chain.advance(WEEK);
    assert_eq!(w.hub.allocation(OPERATOR, AVS).0, U256::ZERO);
    w.join(OPERATOR, AVS);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((U256::ZERO, U256::ZERO)),
        "rejoining exposes nothing without a new allocation"
    );
}

#[test]
fn reducing_risk_is_never_paused() {
    let mut w = observed_setup();
    w.by(ADMIN);
    w.hub.pause(8).ok().unwrap();
    w.by(CURATOR);
    w.hub.delegate(VAULT_A, OPERATOR, U256::ZERO).ok().unwrap();
    w.hub
        .set_avs_approval(VAULT_A, AVS, U256::ZERO, false)
        .ok()
        .unwrap();
    w.by(OPERATOR);
    w.hub.allocate(AVS, U256::ZERO).ok().unwrap();
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok(),
        Some((tokens(100), U256::ZERO))
    );
}

#[test]
fn a_shorter_deallocation_delay_applies_only_after_the_old_one() {
    let mut w = observed_setup();
    w.by(ADMIN);
    w.hub.set_deallocation_delay(HOUR).ok().unwrap();
    assert_eq!(w.hub.deallocation_delay(), WEEK);
    w.chain.advance(WEEK);
    assert_eq!(w.hub.deallocation_delay(), HOUR);
}

#[test]
fn the_sink_is_the_burn_address_until_governance_moves_it() {
    let mut w = World::new();
    assert_eq!(w.hub.slash_sink(), SINK);
    let treasury: Address = address!("00000000000000000000000000000000000000f1");
    w.by(STRANGER);
    assert!(w.hub.set_slash_sink(treasury).is_err());
    w.by(ADMIN);
    w.hub.set_slash_sink(treasury).ok().unwrap();
    assert_eq!(w.hub.slash_sink(), treasury);
}
