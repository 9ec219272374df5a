use super::*;
use crate::{
    errors::*,
    events::{Approval, Transfer},
};

#[test]
fn metadata_mirrors_the_constructor_and_the_asset() {
    let w = given_vault();
    assert_eq!(w.vault.name(), "Restaked ETH");
    assert_eq!(w.vault.symbol(), "rstETH");
    assert_eq!(w.vault.decimals(), 18);
    assert_eq!(w.vault.asset(), ASSET);
}

#[test]
fn transfer_moves_shares_and_emits_transfer() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(5)).unwrap();
    assert_eq!(w.by(ALICE).transfer(BOB, e18(2)), Ok(true));
    assert_eq!(
        (w.vault.balance_of(ALICE), w.vault.balance_of(BOB)),
        (e18(3), e18(2))
    );
    let event = w.last::<Transfer>();
    assert_eq!((event.from, event.to, event.value), (ALICE, BOB, e18(2)));
}

#[test]
fn transfer_beyond_the_balance_reverts() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1)).unwrap();
    let err = w.by(ALICE).transfer(BOB, e18(1) + u(1));
    assert_eq!(
        err,
        Err(InsufficientBalance {
            owner: ALICE,
            balance: e18(1),
            needed: e18(1) + u(1)
        }
        .into())
    );
}

#[test]
fn transfer_to_the_zero_address_reverts() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1)).unwrap();
    assert_eq!(
        w.by(ALICE).transfer(Address::ZERO, u(1)),
        Err(ZeroAddress {}.into())
    );
}

#[test]
fn transfer_from_spends_a_finite_allowance_but_not_an_infinite_one() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(5)).unwrap();
    w.by(ALICE).approve(BOB, e18(2)).unwrap();
    assert_eq!(w.last::<Approval>().value, e18(2));
    assert_eq!(w.by(BOB).transfer_from(ALICE, BOB, e18(1)), Ok(true));
    assert_eq!(w.vault.allowance(ALICE, BOB), e18(1));

    w.by(ALICE).approve(BOB, U256::MAX).unwrap();
    w.by(BOB).transfer_from(ALICE, BOB, e18(1)).unwrap();
    assert_eq!(w.vault.allowance(ALICE, BOB), U256::MAX);
    assert_eq!(w.vault.balance_of(BOB), e18(2));
}

#[test]
fn transfer_from_beyond_the_allowance_reverts() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(5)).unwrap();
    let err = w.by(BOB).transfer_from(ALICE, BOB, u(1));
    assert_eq!(
        err,
        Err(InsufficientAllowance {
            spender: BOB,
            allowance: U256::ZERO,
            needed: u(1)
        }
        .into())
    );
}

#[test]
fn approving_the_zero_address_reverts() {
    let mut w = given_vault();
    assert_eq!(
        w.by(ALICE).approve(Address::ZERO, u(1)),
        Err(ZeroAddress {}.into())
    );
}
