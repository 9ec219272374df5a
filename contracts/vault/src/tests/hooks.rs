use super::*;
use crate::{
    errors::*,
    events::{SharesLocked, SlashPaid, Slashed, Withdraw},
    testing::VAULT,
    DEFAULT_VESTING_PERIOD,
};
use lrt_common::pause::DEPOSIT;

#[test]
fn only_the_hub_can_slash() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    assert_eq!(
        w.by(ALICE).slash(e18(1), BURN),
        Err(NotHub { caller: ALICE }.into())
    );
    assert_eq!(
        w.by(ADMIN).slash(e18(1), BURN),
        Err(NotHub { caller: ADMIN }.into())
    );
}

#[test]
fn slash_books_the_loss_at_once_and_owes_it_to_the_recipient_even_while_paused() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.by(ADMIN).pause(DEPOSIT).unwrap();
    assert_eq!(w.by(HUB).slash(e18(2), BURN), Ok(e18(2)));
    assert_eq!(w.vault.total_assets(), Ok(e18(8)));
    assert!(w.vault.convert_to_assets(e18(1)).unwrap() < e18(1));
    assert_eq!(w.chain.asset_balance(BURN), U256::ZERO, "paid later");
    assert_eq!(w.vault.slash_owed(BURN), e18(2));
    assert_eq!(w.vault.total_slash_owed(), e18(2));
    let event = w.last::<Slashed>();
    assert_eq!(
        (event.recipient, event.requested, event.booked),
        (BURN, e18(2), e18(2))
    );

    assert_eq!(w.by(BOB).pay_slashed(BURN), Ok(e18(2)));
    assert_eq!(w.chain.asset_balance(BURN), e18(2));
    assert_eq!(w.vault.slash_owed(BURN), U256::ZERO);
    assert_eq!(w.vault.total_slash_owed(), U256::ZERO);
    assert_eq!(w.last::<SlashPaid>().assets, e18(2));
    assert_eq!(
        w.by(BOB).pay_slashed(BURN),
        Err(ZeroAmount {}.into()),
        "paid once"
    );
}

#[test]
fn a_token_that_refuses_transfers_cannot_stop_the_slash() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.chain.revert_next_transfer();
    assert_eq!(
        w.by(HUB).slash(e18(3), BURN),
        Ok(e18(3)),
        "booking moves no token"
    );
    assert_eq!(w.vault.slash_owed(BURN), e18(3));
    assert_eq!(w.vault.total_assets(), Ok(e18(7)));
    // The refusal only fails the payout, which reverts and can be retried later.
    assert!(w.by(BOB).pay_slashed(BURN).is_err());
}

#[test]
fn dust_slash_still_moves_a_non_zero_amount() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1000)).unwrap();
    // The hub rounds `vault assets x fraction` up with mul_div(.., Up): 1 wei for any dust.
    let dust = lrt_common::math::mul_div(
        e18(1000),
        u(1),
        e18(1) * e18(1),
        lrt_common::math::Rounding::Up,
    )
    .unwrap();
    assert_eq!(dust, u(1));
    assert_eq!(w.by(HUB).slash(dust, BURN), Ok(u(1)));
    assert_eq!(w.vault.slash_owed(BURN), u(1));
    assert_eq!(w.vault.total_assets(), Ok(e18(1000) - u(1)));
}

#[test]
fn slash_is_capped_at_what_the_vault_holds() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(3)).unwrap();
    assert_eq!(w.by(HUB).slash(e18(5), BURN), Ok(e18(3)));
    assert_eq!(w.vault.total_assets(), Ok(U256::ZERO));
    assert_eq!(
        w.by(HUB).slash(e18(1), BURN),
        Ok(U256::ZERO),
        "an empty vault loses nothing"
    );
}

#[test]
fn slash_rejects_a_zero_amount_or_recipient() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(3)).unwrap();
    assert_eq!(w.by(HUB).slash(U256::ZERO, BURN), Err(ZeroAmount {}.into()));
    assert_eq!(
        w.by(HUB).slash(u(1), Address::ZERO),
        Err(ZeroAddress {}.into())
    );
}

#[test]
fn a_payout_reverts_when_the_asset_transfer_fails() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(3)).unwrap();
    w.by(HUB).slash(u(1), BURN).unwrap();
    w.chain.revert_next_transfer();
    assert_eq!(
        w.by(BOB).pay_slashed(BURN),
        Err(AssetCallFailed { asset: ASSET }.into())
    );
}

#[test]
fn queue_locks_shares_without_an_allowance_and_nobody_else_can() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(4)).unwrap();
    assert_eq!(
        w.by(BOB).lock_shares(ALICE, e18(1)),
        Err(NotWithdrawalQueue { caller: BOB }.into())
    );
    assert_eq!(w.by(QUEUE).lock_shares(ALICE, e18(1)), Ok(e18(1)));
    assert_eq!(
        (w.vault.balance_of(ALICE), w.vault.balance_of(QUEUE)),
        (e18(3), e18(1))
    );
    assert_eq!(w.last::<SharesLocked>().shares, e18(1));
    assert_eq!(
        w.by(QUEUE).lock_shares(ALICE, U256::ZERO),
        Err(ZeroShares {}.into())
    );
    assert!(matches!(
        w.by(QUEUE).lock_shares(ALICE, e18(4)),
        Err(VaultError::InsufficientBalance(_))
    ));
}

#[test]
fn locking_answers_what_convert_to_assets_answers_rounded_down() {
    // Given a rate that is no round number: rewards vesting, then a slash
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.fund(BOB, e18(3));
    w.by(BOB).notify_rewards(e18(3)).unwrap();
    w.chain.warp(DEFAULT_VESTING_PERIOD / 3);
    w.by(HUB).slash(u(7), BURN).unwrap();
    for shares in [u(1), u(999), e18(1) / u(3), e18(4) + u(1)] {
        // When the queue locks shares
        let price = w.vault.convert_to_assets(shares).unwrap();
        let locked = w.by(QUEUE).lock_shares(ALICE, shares).unwrap();
        // Then it learns their value as convertToAssets prices it, to the wei
        assert_eq!(locked, price, "{shares} shares");
        assert_eq!(locked, w.vault.convert_to_assets(shares).unwrap());
    }
    assert_ne!(
        w.vault.convert_to_assets(e18(1)).unwrap(),
        e18(1),
        "the rate moved"
    );
}

#[test]
fn redeem_locked_pays_the_lesser_of_the_cap_and_the_value_and_burns() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.by(QUEUE).lock_shares(ALICE, e18(4)).unwrap();
    w.by(ADMIN).pause(DEPOSIT).unwrap();

    let paid = w.by(QUEUE).redeem_locked(e18(2), e18(1), ALICE).unwrap();
    assert_eq!(paid, e18(1), "capped by the value at request");
    let worth = w.vault.convert_to_assets(e18(2)).unwrap();
    let paid = w.by(QUEUE).redeem_locked(e18(2), e18(5), ALICE).unwrap();
    assert_eq!(paid, worth, "capped by today's value");
    assert_eq!(w.chain.asset_balance(ALICE), e18(1) + worth);
    assert_eq!(w.vault.balance_of(QUEUE), U256::ZERO);
    assert_eq!(w.vault.total_supply(), e18(6));
    let event = w.last::<Withdraw>();
    assert_eq!(
        (event.owner, event.receiver, event.shares),
        (QUEUE, ALICE, e18(2))
    );
    assert_eq!(w.vault.total_assets().unwrap() + e18(1) + worth, e18(10));
    assert_eq!(
        w.chain.asset_balance(VAULT),
        w.vault.total_assets().unwrap()
    );
}

#[test]
fn redeem_locked_guards() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.by(QUEUE).lock_shares(ALICE, e18(1)).unwrap();
    assert_eq!(
        w.by(ALICE).redeem_locked(u(1), u(1), ALICE),
        Err(NotWithdrawalQueue { caller: ALICE }.into())
    );
    assert_eq!(
        w.by(QUEUE).redeem_locked(u(1), u(1), Address::ZERO),
        Err(ZeroAddress {}.into())
    );
    assert_eq!(
        w.by(QUEUE).redeem_locked(U256::ZERO, u(1), ALICE),
        Err(ZeroShares {}.into())
    );
    assert_eq!(
        w.by(QUEUE).redeem_locked(e18(2), e18(2), ALICE),
        Err(InsufficientBalance {
            owner: QUEUE,
            balance: e18(1),
            needed: e18(2)
        }
        .into()),
        "the queue's balance reads as its shares alone"
    );
}

#[test]
fn only_the_wired_queue_may_lock_or_redeem_and_that_follows_a_re_wiring() {
    // Given shares locked in the queue, shares sent to it directly, and BOB, a depositor,
    // proposed as the next queue
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.deposit(BOB, e18(2)).unwrap();
    w.by(QUEUE).lock_shares(ALICE, e18(3)).unwrap();
    w.by(ALICE).transfer(QUEUE, e18(1)).unwrap();
    assert_eq!(w.vault.balance_of(QUEUE), e18(4));
    w.chain.set_backlog(QUEUE, U256::ZERO);
    w.by(ADMIN).propose_wiring(HUB, BOB).unwrap();
    w.chain.warp(crate::wiring::WIRING_DELAY);

    // When the re-wiring applies
    w.by(ADMIN).execute_wiring().unwrap();

    // Then the old queue keeps its shares but may no longer lock or redeem them
    assert_eq!(w.vault.balance_of(QUEUE), e18(4));
    assert_eq!(
        w.by(QUEUE).lock_shares(ALICE, u(1)),
        Err(NotWithdrawalQueue { caller: QUEUE }.into())
    );
    assert_eq!(
        w.by(QUEUE).redeem_locked(u(1), u(1), ALICE),
        Err(NotWithdrawalQueue { caller: QUEUE }.into())
    );
    // And the new one may, its own shares counting as locked
    assert_eq!(w.vault.balance_of(BOB), e18(2));
    assert_eq!(w.by(BOB).lock_shares(ALICE, e18(1)), Ok(e18(1)));
    assert_eq!(w.vault.balance_of(BOB), e18(3));
    assert_eq!(w.by(BOB).redeem_locked(e18(3), e18(3), BOB), Ok(e18(3)));
    let holders = [ALICE, BOB, QUEUE].map(|a| w.vault.balance_of(a));
    assert_eq!(holders, [e18(5), U256::ZERO, e18(4)]);
    assert_eq!(w.vault.total_supply(), e18(9));
    // And shares moving in and out of the new queue leave it the queue
    w.by(ALICE).transfer(BOB, e18(2)).unwrap();
    w.by(BOB).transfer(ALICE, e18(1)).unwrap();
    assert_eq!(w.vault.balance_of(BOB), e18(1));
    assert_eq!(w.by(BOB).redeem_locked(e18(1), e18(1), BOB), Ok(e18(1)));
}

#[test]
fn slash_during_the_wait_hits_locked_shares_too() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.by(QUEUE).lock_shares(ALICE, e18(5)).unwrap();
    let at_request = w.vault.convert_to_assets(e18(5)).unwrap();
    w.by(HUB).slash(e18(5), BURN).unwrap();
    let paid = w
        .by(QUEUE)
        .redeem_locked(e18(5), at_request, ALICE)
        .unwrap();
    // Half the backing is gone; only the 1e3 virtual assets soften the loss.
    assert!(
        paid < at_request && paid < e18(5) / u(2) + u(1_000),
        "paid {paid}"
    );
}

#[test]
fn owed_slash_amounts_survive_every_admin_setter() {
    // Given 3 stETH owed to the sink
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.by(HUB).slash(e18(3), BURN).unwrap();
    // When the admin changes every setting it may change at once
    w.by(ADMIN).set_treasury(BOB).unwrap();
    w.by(ADMIN).set_protocol_fee(U256::ZERO).unwrap();
    w.by(ADMIN).set_caps(e18(1_000), e18(100)).unwrap();
    w.by(ADMIN).set_vesting_period(3_600).unwrap();
    // Then what the vault owes is unchanged and is paid in full
    assert_eq!(w.vault.slash_owed(BURN), e18(3));
    assert_eq!(w.vault.total_slash_owed(), e18(3));
    assert_eq!(w.by(BOB).pay_slashed(BURN), Ok(e18(3)));
    assert_eq!(w.vault.total_slash_owed(), U256::ZERO);
}

#[test]
fn re_pointing_only_the_hub_leaves_the_queue_its_rights() {
    // Given a re-wiring that keeps the queue and moves the hub
    let mut w = given_vault();
    w.deposit(ALICE, e18(2)).unwrap();
    w.by(ADMIN).propose_wiring(BOB, QUEUE).unwrap();
    w.chain.warp(crate::wiring::WIRING_DELAY);
    // When it applies
    w.by(ADMIN).execute_wiring().unwrap();
    // Then the queue still locks and redeems
    assert_eq!(w.by(QUEUE).lock_shares(ALICE, e18(1)), Ok(e18(1)));
    assert_eq!(w.vault.balance_of(QUEUE), e18(1));
    assert_eq!(w.by(QUEUE).redeem_locked(e18(1), e18(1), ALICE), Ok(e18(1)));
}
