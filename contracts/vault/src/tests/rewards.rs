use super::*;
use crate::{errors::*, events::RewardsNotified, DEFAULT_VESTING_PERIOD};

const DAY: u64 = DEFAULT_VESTING_PERIOD;

#[test]
fn rewards_vest_linearly_after_the_fee_is_minted_to_the_treasury() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    w.fund(BOB, e18(10));
    w.by(BOB).notify_rewards(e18(10)).unwrap();

    let event = w.last::<RewardsNotified>();
    assert_eq!(
        (event.amount, event.fee, event.feeShares),
        (e18(10), e18(1), e18(1))
    );
    assert_eq!(w.vault.balance_of(TREASURY), e18(1));
    assert_eq!(
        w.vault.total_assets(),
        Ok(e18(101)),
        "only the fee counts at once"
    );
    assert_eq!(w.vault.unvested_rewards(), Ok(e18(9)));

    w.chain.warp(DAY / 2);
    assert_eq!(w.vault.total_assets(), Ok(e18(101) + e18(9) / u(2)));
    w.chain.warp(DAY);
    assert_eq!(w.vault.total_assets(), Ok(e18(110)));
    assert_eq!(w.vault.unvested_rewards(), Ok(U256::ZERO));
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
