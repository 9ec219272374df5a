//! Delegation by each vault's curator and allocation by operators: limits, delays, links.

use crate::support::*;
use alloy_sol_types::SolEvent;
use hub::{
    errors::{
        AvsNotRegistered, InvalidFraction, NotCurator, NotJoined, OperatorNotRegistered,
        OverAllocated, TooManyLinks, VaultNotRegistered,
    },
    events::{AllocationSet, DelegationSet, VaultSlashed},
};
use lrt_common::errors::{EnforcedPause, InvalidPauseBits};
use stylus_sdk::alloy_primitives::{Address, U256};

#[test]
fn curator_delegates_and_the_increase_applies_at_once() {
    let mut w = World::open();
    w.delegate(VAULT_A, OPERATOR, pct(30));
    assert_eq!(w.hub.delegation(VAULT_A, OPERATOR), (pct(30), pct(30), 0));
    assert_eq!(w.hub.vault_operators(VAULT_A), vec![OPERATOR]);
    assert_logged(
        &w.chain.take_logs(),
        DelegationSet {
            vault: VAULT_A,
            operator: OPERATOR,
            fractionWad: pct(30),
            effectiveAt: START,
        },
    );
}

#[test]
fn only_the_live_curator_of_a_registered_vault_delegates() {
    let mut w = World::open();
    w.by(STRANGER);
    assert_reverts(
        w.hub.delegate(VAULT_A, OPERATOR, pct(1)),
        NotCurator {
            vault: VAULT_A,
            caller: STRANGER,
        },
    );
    let unknown = Address::repeat_byte(0x99);
    assert_reverts(
        w.hub.delegate(unknown, OPERATOR, pct(1)),
        VaultNotRegistered { vault: unknown },
    );

    w.vaults[&VAULT_A].borrow_mut().curator = STRANGER;
    assert!(
        w.hub.delegate(VAULT_A, OPERATOR, pct(1)).is_ok(),
        "curator is read from the vault each time"
    );
    w.by(CURATOR);
    assert_reverts(
        w.hub.delegate(VAULT_A, OPERATOR, pct(2)),
        NotCurator {
            vault: VAULT_A,
            caller: CURATOR,
        },
    );
}

#[test]
fn delegation_needs_a_registered_operator_a_valid_fraction_and_a_working_vault() {
    let mut w = World::open();
    w.by(CURATOR);
    assert_reverts(
        w.hub.delegate(VAULT_A, STRANGER, pct(1)),
        OperatorNotRegistered { operator: STRANGER },
    );
    let too_much = pct(100) + U256::from(1u8);
    assert_reverts(
        w.hub.delegate(VAULT_A, OPERATOR, too_much),
        InvalidFraction {
            fractionWad: too_much,
        },
    );
    w.vaults[&VAULT_A].borrow_mut().broken = true;
    assert_eq!(
        w.hub
            .delegate(VAULT_A, OPERATOR, pct(1))
            .err()
            .map(Vec::from),
        Some(b"broken".to_vec()),
        "the vault's own revert reason comes back"
    );
}

#[test]
fn delegations_of_a_vault_never_exceed_one_hundred_percent() {
    let mut w = World::open();
    w.delegate(VAULT_A, OPERATOR, pct(70));
    w.by(CURATOR);
    assert_reverts(
        w.chain
            .transact(|| w.hub.delegate(VAULT_A, OPERATOR_2, pct(31))),
        OverAllocated { totalWad: pct(101) },
    );
    assert!(w.hub.delegate(VAULT_A, OPERATOR_2, pct(30)).is_ok());
}

#[test]
fn a_decrease_frees_room_only_after_the_delay() {
    let mut w = World::open();
    w.delegate(VAULT_A, OPERATOR, pct(100));
    w.delegate(VAULT_A, OPERATOR, pct(20));
    assert_eq!(
        w.hub.delegation(VAULT_A, OPERATOR),
        (pct(100), pct(20), START + WEEK)
    );
    assert_logged(
        &w.chain.take_logs(),
        DelegationSet {
            vault: VAULT_A,
            operator: OPERATOR,
            fractionWad: pct(20),
            effectiveAt: START + WEEK,
        },
    );
    w.by(CURATOR);
    assert_reverts(
        w.chain
            .transact(|| w.hub.delegate(VAULT_A, OPERATOR_2, pct(80))),
        OverAllocated { totalWad: pct(180) },
    );
    w.chain.advance(WEEK);
    assert!(w.hub.delegate(VAULT_A, OPERATOR_2, pct(80)).is_ok());
}

#[test]
fn raising_again_cancels_a_pending_decrease() {
    let mut w = World::open();
    w.delegate(VAULT_A, OPERATOR, pct(60));
    w.delegate(VAULT_A, OPERATOR, pct(10));
    w.delegate(VAULT_A, OPERATOR, pct(60));
    assert_eq!(w.hub.delegation(VAULT_A, OPERATOR), (pct(60), pct(60), 0));
}

#[test]
fn a_vault_delegates_to_at_most_32_operators_and_stale_links_make_room() {
    let mut w = World::open();
    let operators: Vec<Address> = (0..33u8).map(|i| Address::repeat_byte(0x80 + i)).collect();
    for operator in &operators {
        w.by(*operator);
        w.hub.register_operator("o".into()).ok().unwrap();
    }
    for operator in &operators[..32] {
        w.delegate(VAULT_A, *operator, pct(1));
    }
    w.by(CURATOR);
    assert_reverts(
        w.chain
            .transact(|| w.hub.delegate(VAULT_A, operators[32], pct(1))),
        TooManyLinks { owner: VAULT_A },
    );

    w.delegate(VAULT_A, operators[0], U256::ZERO);
    w.chain.advance(WEEK);
    assert!(
        w.hub.delegate(VAULT_A, operators[32], pct(1)).is_ok(),
        "the undelegated operator's slot was freed"
    );
    let mut linked = w.hub.vault_operators(VAULT_A);
    let mut expected = operators[1..].to_vec();
    linked.sort();
    expected.sort();
    assert_eq!(linked, expected, "every other link survives the removal");
}

#[test]
fn an_operator_takes_delegations_from_at_most_32_vaults() {
    let mut w = World::open();
    let vaults: Vec<Address> = (0..31u8).map(|i| Address::repeat_byte(0x40 + i)).collect();
    let hub_address = stylus_sdk::stylus_core::AccountAccess::contract_address(&w.chain.vm);
    for vault in &vaults {
        w.chain
            .deploy(*vault, FakeVault::new(hub_address, CURATOR, tokens(1)));
        w.by(ADMIN);
        w.hub.register_vault(*vault).ok().unwrap();
    }
    w.delegate(VAULT_A, OPERATOR, pct(1));
    for vault in &vaults {
        w.delegate(*vault, OPERATOR, pct(1));
    }
    w.by(CURATOR);
    assert_reverts(
        w.chain
            .transact(|| w.hub.delegate(VAULT_B, OPERATOR, pct(1))),
        TooManyLinks { owner: OPERATOR },
    );

    // Once one vault's undelegation has taken effect, its slot serves another vault.
    w.delegate(vaults[0], OPERATOR, U256::ZERO);
    w.chain.advance(WEEK);
    w.by(CURATOR);
    assert!(w.hub.delegate(VAULT_B, OPERATOR, pct(1)).is_ok());
    assert!(!w.hub.vault_operators(vaults[0]).contains(&OPERATOR));
}

#[test]
fn operator_allocates_only_to_avss_it_joined_and_never_above_one_hundred_percent() {
    let mut w = World::open();
    w.by(OPERATOR);
    assert_reverts(
        w.hub.allocate(AVS, pct(10)),
        NotJoined {
            operator: OPERATOR,
            avs: AVS,
        },
    );
    w.by(STRANGER);
    assert_reverts(
        w.hub.allocate(AVS, pct(10)),
        OperatorNotRegistered { operator: STRANGER },
    );
    w.join(OPERATOR, AVS);
    w.join(OPERATOR, AVS_2);
    w.allocate(OPERATOR, AVS, pct(60));
    assert_logged(
        &w.chain.take_logs(),
        AllocationSet {
            operator: OPERATOR,
            avs: AVS,
            fractionWad: pct(60),
            effectiveAt: START,
        },
    );
    w.by(OPERATOR);
    let too_much = pct(100) + U256::from(1u8);
    assert_reverts(
        w.hub.allocate(AVS, too_much),
        InvalidFraction {
            fractionWad: too_much,
        },
    );
    assert_reverts(
        w.chain.transact(|| w.hub.allocate(AVS_2, pct(41))),
        OverAllocated { totalWad: pct(101) },
    );
    assert!(w.hub.allocate(AVS_2, pct(40)).is_ok());
    assert_eq!(w.hub.operator_avss(OPERATOR), vec![AVS, AVS_2]);
}

#[test]
fn an_exited_operator_may_still_lower_but_not_raise_its_allocation() {
    let mut w = World::with_stake();
    w.by(OPERATOR);
    w.hub.opt_out(AVS).ok().unwrap();
    assert_reverts(
        w.hub.allocate(AVS, pct(50)),
        NotJoined {
            operator: OPERATOR,
            avs: AVS,
        },
    );
    assert!(w.hub.allocate(AVS, U256::ZERO).is_ok());
}

#[test]
fn delegate_pause_stops_raises_of_delegations_allocations_and_approvals_only() {
    let mut w = World::with_stake();
    w.by(ADMIN);
    w.hub.pause(8).ok().unwrap();
    w.by(CURATOR);
    assert_reverts(
        w.hub.delegate(VAULT_A, OPERATOR, pct(60)),
        EnforcedPause { bit: 8 },
    );
    assert_reverts(
        w.hub.set_avs_approval(VAULT_B, STRANGER, pct(1), false),
        AvsNotRegistered { avs: STRANGER },
    );
    w.by(OPERATOR);
    assert_reverts(w.hub.allocate(AVS, pct(50)), EnforcedPause { bit: 8 });
    // Reducing risk is never paused: the curator undelegates, the operator deallocates.
    assert!(w.hub.allocate(AVS, pct(10)).is_ok());
    w.by(CURATOR);
    assert!(w.hub.delegate(VAULT_A, OPERATOR, pct(1)).is_ok());
    assert!(w.hub.set_avs_approval(VAULT_A, AVS, pct(5), false).is_ok());
    assert_reverts(
        w.hub.set_avs_approval(VAULT_A, AVS, pct(100), false),
        EnforcedPause { bit: 8 },
    );
    w.by(OPERATOR);
    // Membership and slashing go on.
    w.hub.opt_in(AVS_2).ok().unwrap();
    assert!(w.slash(AVS, SLASHER, OPERATOR, pct(1), id(1)).is_ok());

    w.by(ADMIN);
    // The hub enforces only DELEGATE; it refuses to report other bits as paused.
    assert_reverts(w.hub.pause(1 | 2 | 4), InvalidPauseBits { bits: 7 });
    w.hub.unpause(8).ok().unwrap();
    assert!(w.hub.paused() & 8 == 0);
    w.delegate(VAULT_A, OPERATOR, pct(60));
}

#[test]
fn a_finished_delegation_is_passed_by_in_a_slash_and_dropped_at_the_vaults_next_delegation() {
    // Given vaults A and B delegating to OPERATOR, and A's undelegation in effect
    let mut w = World::with_stake();
    w.delegate(VAULT_B, OPERATOR, pct(25));
    w.delegate(VAULT_A, OPERATOR, U256::ZERO);
    w.chain.advance(WEEK);
    // And another vault linking to OPERATOR meanwhile (its list is far from full)
    w.delegate(VAULT_B, OPERATOR_2, pct(10));

    // When AVS slashes OPERATOR, only B loses: 1000 × 25 % × 40 %
    w.chain.take_logs();
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(100), id(1)).ok(),
        Some(tokens(100))
    );
    assert_eq!(w.assets(VAULT_A), tokens(1000));
    let slashed: Vec<_> = w
        .chain
        .take_logs()
        .into_iter()
        .filter(|(topics, _)| topics[0] == VaultSlashed::SIGNATURE_HASH)
        .collect();
    assert_eq!(slashed.len(), 1, "one VaultSlashed, for B");

    // Then A's next delegation drops the finished link
    w.delegate(VAULT_A, OPERATOR_2, pct(10));
    assert_eq!(w.hub.vault_operators(VAULT_A), vec![OPERATOR_2]);
}
