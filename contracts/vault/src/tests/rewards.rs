use super::*;
use crate::{errors::*, events::RewardsNotified, DEFAULT_VESTING_PERIOD};

const DAY: u64 = DEFAULT_VESTING_PERIOD;

#[test]
fn rewards_vest_linearly_after_the_fee_is_paid_to_the_treasury() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    w.fund(BOB, e18(10));
    w.by(BOB).notify_rewards(e18(10)).unwrap();

    let event = w.last::<RewardsNotified>();
    assert_eq!((event.amount, event.fee), (e18(10), e18(1)));
    assert_eq!(event.vestingEnd, w.chain.vm.block_timestamp() + DAY);
    assert_eq!(
        w.chain.asset_balance(TREASURY),
        e18(1),
        "the fee, in the asset"
    );
    assert_eq!(w.vault.balance_of(TREASURY), U256::ZERO, "no fee shares");
    assert_eq!(
        w.vault.total_assets(),
        Ok(e18(100)),
        "nothing counts at once"
    );
    assert_eq!(w.vault.unvested_rewards(), Ok(e18(9)));

    w.chain.warp(DAY / 2);
    assert_eq!(w.vault.total_assets(), Ok(e18(100) + e18(9) / u(2)));
    w.chain.warp(DAY);
    assert_eq!(w.vault.total_assets(), Ok(e18(109)));
    assert_eq!(w.vault.unvested_rewards(), Ok(U256::ZERO));
}

#[test]
fn dust_pushes_cannot_postpone_the_vesting_of_earlier_rewards() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    w.by(ADMIN).set_protocol_fee(U256::ZERO).unwrap();
    w.fund(BOB, e18(91));
    w.by(BOB).notify_rewards(e18(90)).unwrap();
    // Eleven 1-wei pushes, one every two hours (the attack measured on the devnet).
    for _ in 0..11 {
        w.chain.warp(2 * 3600);
        w.by(BOB).notify_rewards(u(1)).unwrap();
    }

    w.chain.warp(2 * 3600);
    let total = w.vault.total_assets().unwrap();
    assert!(
        total >= e18(190),
        "the 90 pushed a day ago are fully vested: {total}"
    );
    assert!(
        w.vault.unvested_rewards().unwrap() <= u(11),
        "only dust vests on"
    );
}

#[test]
fn a_large_reward_after_a_small_one_still_vests_over_the_whole_period() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    let attacker_shares = w.deposit(BOB, e18(100)).unwrap();
    w.by(ADMIN).set_protocol_fee(U256::ZERO).unwrap();
    w.fund(TREASURY, e18(101));
    w.by(TREASURY).notify_rewards(e18(1)).unwrap();
    w.chain.warp(DAY - 60);
    w.by(TREASURY).notify_rewards(e18(100)).unwrap();
    let before = w.vault.convert_to_assets(attacker_shares).unwrap();

    w.chain.warp(DAY / 10);
    let gained = w.vault.convert_to_assets(attacker_shares).unwrap() - before;
    assert!(
        gained <= e18(51) / u(10),
        "at most a tenth of the half-share of 100 + 1: {gained}"
    );
    assert_eq!(
        w.last::<RewardsNotified>().vestingEnd,
        w.chain.vm.block_timestamp() - DAY / 10 + DAY
    );
}

#[test]
fn the_treasury_takes_exactly_the_fee_of_a_reward_the_size_of_tvl() {
    let mut w = given_vault();
    let max_fee = lrt_common::limits::MAX_FEE_WAD;
    w.by(ADMIN).set_protocol_fee(max_fee).unwrap();
    let alice_shares = w.deposit(ALICE, e18(100)).unwrap();
    w.fund(BOB, e18(100));
    w.by(BOB).notify_rewards(e18(100)).unwrap();
    w.chain.warp(DAY);

    let treasury_value = w.chain.asset_balance(TREASURY)
        + w.vault
            .convert_to_assets(w.vault.balance_of(TREASURY))
            .unwrap();
    assert_eq!(treasury_value, e18(20), "20 %, not a third");
    // The 1,000 virtual shares keep their sliver of the 80 that vested.
    let alice_value = w.vault.convert_to_assets(alice_shares).unwrap();
    assert!(e18(180) - alice_value < u(1_000), "{alice_value}");
}

#[test]
fn reward_drop_cannot_be_sandwiched() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    let attacker_shares = w.deposit(BOB, e18(100)).unwrap();
    let before = w.vault.convert_to_assets(attacker_shares).unwrap();

    w.fund(TREASURY, e18(20));
    w.by(TREASURY).notify_rewards(e18(20)).unwrap();
    let right_after = w.vault.convert_to_assets(attacker_shares).unwrap();
    assert!(
        right_after <= before,
        "no jump in the block of the drop: {before} -> {right_after}"
    );

    w.chain.warp(DAY / 10);
    let after_a_tenth = w.vault.convert_to_assets(attacker_shares).unwrap();
    assert!(
        after_a_tenth - before <= e18(1),
        "at most a tenth of the holders' share vested"
    );
}

#[test]
fn a_new_drop_re_vests_what_is_left_and_never_accelerates() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    w.by(ADMIN).set_protocol_fee(U256::ZERO).unwrap();
    w.fund(BOB, e18(20));
    w.by(BOB).notify_rewards(e18(10)).unwrap();
    w.chain.warp(DAY / 2);
    let mid = w.vault.total_assets().unwrap();
    w.by(BOB).notify_rewards(e18(10)).unwrap();
    assert_eq!(w.vault.total_assets(), Ok(mid));
    assert_eq!(w.vault.unvested_rewards(), Ok(e18(15)));
}

#[test]
fn rewards_of_zero_or_with_no_shareholders_revert() {
    let mut w = given_vault();
    w.fund(BOB, e18(1));
    assert_eq!(
        w.by(BOB).notify_rewards(e18(1)),
        Err(NoShareholders {}.into())
    );
    w.deposit(ALICE, e18(1)).unwrap();
    assert_eq!(
        w.by(BOB).notify_rewards(U256::ZERO),
        Err(ZeroAmount {}.into())
    );
}

#[test]
fn rewards_revert_when_the_pull_fails() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1)).unwrap();
    w.chain.mint_asset(BOB, e18(1));
    assert_eq!(
        w.by(BOB).notify_rewards(e18(1)),
        Err(AssetCallFailed { asset: ASSET }.into())
    );
}

#[test]
fn fee_and_vesting_period_stay_within_the_hard_limits() {
    let mut w = given_vault();
    let max_fee = lrt_common::limits::MAX_FEE_WAD;
    assert_eq!(w.vault.protocol_fee_wad(), crate::DEFAULT_PROTOCOL_FEE_WAD);
    assert_eq!(w.vault.vesting_period(), DAY);
    let too_high = w.by(ADMIN).set_protocol_fee(max_fee + u(1));
    assert_eq!(
        too_high,
        Err(FeeTooHigh {
            feeWad: max_fee + u(1),
            maxFeeWad: max_fee
        }
        .into())
    );
    assert_eq!(w.by(ADMIN).set_protocol_fee(max_fee), Ok(()));
    assert!(matches!(
        w.by(BOB).set_protocol_fee(u(0)),
        Err(VaultError::NotAdmin(_))
    ));

    let max = lrt_common::limits::MAX_DELAY;
    assert_eq!(
        w.by(ADMIN).set_vesting_period(max + 1),
        Err(InvalidVestingPeriod { period: max + 1 }.into())
    );
    assert_eq!(
        w.by(ADMIN).set_vesting_period(0),
        Err(InvalidVestingPeriod { period: 0 }.into())
    );
    assert_eq!(w.by(ADMIN).set_vesting_period(max), Ok(()));
    assert_eq!(w.vault.vesting_period(), max);
    assert!(matches!(
        w.by(BOB).set_vesting_period(1),
        Err(VaultError::NotAdmin(_))
    ));
}
