//! The audit bug classes that concern the vault.

use std::rc::Rc;

use super::*;
use crate::testing::VAULT;

#[test]
fn first_depositor_inflation_via_donation_leaves_the_attacker_at_a_loss() {
    let mut w = given_vault();
    let attacker = BOB;
    w.deposit(attacker, u(1)).unwrap();
    w.fund(attacker, e18(10));
    w.chain.donate(attacker, VAULT, e18(10));

    let victim_shares = w.deposit(ALICE, e18(1)).unwrap();
    assert_eq!(victim_shares, e18(1), "a donation does not move the rate");
    assert_eq!(w.vault.convert_to_assets(victim_shares), Ok(e18(1)));
    let attacker_value = w
        .vault
        .convert_to_assets(w.vault.balance_of(attacker))
        .unwrap();
    assert!(
        attacker_value <= u(1),
        "the 10 ETH donation is simply lost to the attacker"
    );
}

#[test]
fn first_depositor_inflation_via_rewards_leaves_the_attacker_at_a_loss() {
    let mut w = given_vault();
    let attacker = BOB;
    w.deposit(attacker, u(1)).unwrap();
    w.fund(attacker, e18(10));
    w.by(attacker).notify_rewards(e18(10)).unwrap();
    w.chain.warp(crate::DEFAULT_VESTING_PERIOD);

    let victim_shares = w.deposit(ALICE, e18(1)).unwrap();
    let victim_value = w.vault.convert_to_assets(victim_shares).unwrap();
    // The inflated price makes one share worth ~9 / 1001 ETH, so the victim's rounding loss is
    // below one share: the virtual offset's bound, a thousandth of what the attacker burnt
    // (which mostly accrues to the virtual shares, not to the attacker).
    assert!(
        e18(1) - victim_value <= e18(10) / u(1_000),
        "victim loses at most a thousandth of the attacker's spend: {victim_value}"
    );
    let attacker_value = w
        .vault
        .convert_to_assets(w.vault.balance_of(attacker))
        .unwrap();
    assert!(
        attacker_value < e18(10) / u(1_000),
        "the attacker recovers less than a thousandth of the 10 ETH it pushed"
    );
}

#[test]
fn donation_does_not_move_the_rate_or_total_assets() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(5)).unwrap();
    w.fund(BOB, e18(5));
    w.chain.donate(BOB, VAULT, e18(5));
    assert_eq!(w.vault.total_assets(), Ok(e18(5)));
    assert_eq!(w.vault.convert_to_assets(e18(1)), Ok(e18(1)));
}

#[test]
fn reentrant_deposit_from_the_token_sees_consistent_books() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    w.fund(TREASURY, e18(30));
    w.by(TREASURY).notify_rewards(e18(30)).unwrap();
    w.chain.warp(crate::DEFAULT_VESTING_PERIOD / 3);
    w.fund(BOB, e18(7));
    w.fund(ALICE, e18(50));
    let rate_before = w.vault.convert_to_assets(e18(1)).unwrap();

    // The malicious token re-enters deposit (as BOB) in the middle of ALICE's transferFrom.
    w.chain
        .on_transfer_from(Rc::new(|chain: &crate::testing::Chain| {
            let outer_sender = chain.vm.msg_sender();
            chain.vm.set_sender(BOB);
            let mut inner = Vault::from(chain);
            assert!(inner.deposit(e18(7), BOB).is_ok());
            chain.vm.set_sender(outer_sender);
        }));
    let alice_shares = w.by(ALICE).deposit(e18(50), ALICE).unwrap();

    let total = w.vault.total_assets().unwrap();
    let unvested = w.vault.unvested_rewards().unwrap();
    assert_eq!(
        w.chain.asset_balance(VAULT),
        total + unvested,
        "every pulled wei is booked once"
    );
    let supply = w.vault.total_supply();
    let holders = [ALICE, BOB, TREASURY].map(|a| w.vault.balance_of(a));
    assert_eq!(holders.iter().fold(U256::ZERO, |a, b| a + b), supply);
    assert!(
        w.vault.convert_to_assets(e18(1)).unwrap() >= rate_before,
        "nobody diluted"
    );
    let alice_value = w.vault.convert_to_assets(alice_shares).unwrap();
    assert!(alice_value <= e18(50) && e18(50) - alice_value < u(10));
}
