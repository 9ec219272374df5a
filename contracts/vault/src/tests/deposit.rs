use super::*;
use crate::{
    errors::*,
    events::{Deposit, Transfer},
};
use lrt_common::pause::{ALL, CLAIM, DELEGATE, DEPOSIT, REQUEST};

#[test]
fn first_deposit_mints_one_share_per_asset_and_pulls_the_assets() {
    let mut w = given_vault();
    let shares = w.deposit(ALICE, e18(10)).unwrap();
    assert_eq!(shares, e18(10));
    assert_eq!(w.vault.balance_of(ALICE), e18(10));
    assert_eq!(w.vault.total_supply(), e18(10));
    assert_eq!(w.vault.total_assets().unwrap(), e18(10));
    assert_eq!(w.chain.asset_balance(crate::testing::VAULT), e18(10));
    assert_eq!(w.chain.asset_balance(ALICE), U256::ZERO);
    let event = w.last::<Deposit>();
    assert_eq!(
        (event.sender, event.owner, event.assets, event.shares),
        (ALICE, ALICE, e18(10), e18(10))
    );
    assert_eq!(w.last::<Transfer>().from, Address::ZERO);
}

#[test]
fn deposit_of_zero_reverts_with_zero_shares() {
    let mut w = given_vault();
    assert_eq!(w.deposit(ALICE, U256::ZERO), Err(ZeroShares {}.into()));
}

#[test]
fn deposit_worth_less_than_a_share_reverts_instead_of_minting_nothing() {
    let mut w = given_vault();
    w.deposit(ALICE, u(1)).unwrap();
    // Vested rewards make one share worth several wei.
    w.fund(BOB, e18(1));
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    w.chain.warp(2 * crate::DEFAULT_VESTING_PERIOD);
    assert_eq!(w.deposit(BOB, u(1)), Err(ZeroShares {}.into()));
}

#[test]
fn deposit_with_min_shares_reverts_below_the_callers_floor() {
    let mut w = given_vault();
    w.fund(ALICE, e18(1));
    let err = w
        .by(ALICE)
        .deposit_with_min_shares(e18(1), ALICE, e18(1) + u(1));
    assert_eq!(
        err,
        Err(SlippageExceeded {
            shares: e18(1),
            minShares: e18(1) + u(1)
        }
        .into())
    );
    assert_eq!(
        w.by(ALICE).deposit_with_min_shares(e18(1), ALICE, e18(1)),
        Ok(e18(1))
    );
}

#[test]
fn mint_charges_assets_rounded_up() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(3)).unwrap();
    w.fund(BOB, e18(1));
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    w.chain.warp(crate::DEFAULT_VESTING_PERIOD);
    w.fund(BOB, e18(10));
    let preview = w.vault.preview_mint(u(7)).unwrap();
    let assets = w.by(BOB).mint(u(7), BOB).unwrap();
    assert_eq!(assets, preview);
    assert_eq!(w.vault.balance_of(BOB), u(7));
    // 7 shares at a rate above 1 cost more than 7 wei, and never less than their value.
    assert!(assets > u(7));
    assert!(w.vault.convert_to_assets(u(7)).unwrap() <= assets);
}

#[test]
fn mint_of_zero_shares_reverts() {
    let mut w = given_vault();
    assert_eq!(
        w.by(ALICE).mint(U256::ZERO, ALICE),
        Err(ZeroShares {}.into())
    );
}

#[test]
fn deposit_to_the_zero_address_reverts() {
    let mut w = given_vault();
    w.fund(ALICE, e18(1));
    assert_eq!(
        w.by(ALICE).deposit(e18(1), Address::ZERO),
        Err(ZeroAddress {}.into())
    );
}

#[test]
fn deposit_reverts_when_the_asset_transfer_fails() {
    let mut w = given_vault();
    w.chain.mint_asset(ALICE, e18(1));
    assert_eq!(
        w.by(ALICE).deposit(e18(1), ALICE),
        Err(AssetCallFailed { asset: ASSET }.into())
    );
    w.chain.approve_asset(ALICE, U256::MAX);
    w.chain.revert_next_transfer();
    assert_eq!(
        w.by(ALICE).deposit(e18(1), ALICE),
        Err(AssetCallFailed { asset: ASSET }.into())
    );
}

#[test]
fn tvl_cap_counts_a_deposit_once_against_the_pre_mint_total() {
    let mut w = given_vault();
    w.by(ADMIN).set_caps(e18(100), U256::MAX).unwrap();
    assert_eq!(
        w.deposit(ALICE, e18(100)),
        Ok(e18(100)),
        "exactly the cap fits in an empty vault"
    );
    let err = w.deposit(BOB, u(1));
    assert_eq!(
        err,
        Err(TvlCapExceeded {
            totalAssets: e18(100),
            assets: u(1),
            tvlCap: e18(100)
        }
        .into())
    );
    assert_eq!(w.vault.max_deposit(BOB), Ok(U256::ZERO));
}

#[test]
fn per_deposit_cap_rejects_a_larger_deposit_and_mint() {
    let mut w = given_vault();
    w.by(ADMIN).set_caps(U256::MAX, e18(5)).unwrap();
    assert_eq!(
        w.deposit(ALICE, e18(6)),
        Err(DepositCapExceeded {
            assets: e18(6),
            perDepositCap: e18(5)
        }
        .into())
    );
    w.fund(ALICE, e18(6));
    assert!(matches!(
        w.by(ALICE).mint(e18(6), ALICE),
        Err(VaultError::DepositCapExceeded(_))
    ));
    assert_eq!(w.deposit(ALICE, e18(5)), Ok(e18(5)));
    assert_eq!(w.vault.max_deposit(ALICE), Ok(e18(5)));
}

#[test]
fn zero_caps_close_deposits() {
    let mut w = given_vault();
    w.by(ADMIN).set_caps(U256::ZERO, U256::MAX).unwrap();
    assert!(matches!(
        w.deposit(ALICE, u(1)),
        Err(VaultError::TvlCapExceeded(_))
    ));
    assert_eq!(w.vault.max_mint(ALICE), Ok(U256::ZERO));
}

#[test]
fn unlimited_caps_report_unlimited_room() {
    let w = given_vault();
    assert_eq!(w.vault.max_deposit(ALICE), Ok(U256::MAX));
    assert_eq!(w.vault.max_mint(ALICE), Ok(U256::MAX));
}

#[test]
fn pause_actually_stops_deposit_and_mint_until_the_admin_unpauses() {
    let mut w = given_vault();
    w.by(ADMIN).set_pauser(BOB, true).unwrap();
    w.by(BOB).pause(DEPOSIT).unwrap();
    w.fund(ALICE, e18(2));
    assert_eq!(
        w.by(ALICE).deposit(e18(1), ALICE),
        Err(EnforcedPause { bit: DEPOSIT }.into())
    );
    assert_eq!(
        w.by(ALICE)
            .deposit_with_min_shares(e18(1), ALICE, U256::ZERO),
        Err(EnforcedPause { bit: DEPOSIT }.into())
    );
    assert_eq!(
        w.by(ALICE).mint(e18(1), ALICE),
        Err(EnforcedPause { bit: DEPOSIT }.into())
    );
    assert_eq!(w.vault.max_deposit(ALICE), Ok(U256::ZERO));
    assert_eq!(w.vault.max_mint(ALICE), Ok(U256::ZERO));
    assert_eq!(w.chain.asset_balance(ALICE), e18(2), "nothing was pulled");

    assert!(matches!(
        w.by(BOB).unpause(DEPOSIT),
        Err(VaultError::NotAdmin(_))
    ));
    w.by(ADMIN).unpause(DEPOSIT).unwrap();
    assert_eq!(w.by(ALICE).deposit(e18(1), ALICE), Ok(e18(1)));
}

#[test]
fn direct_withdraw_and_redeem_are_disabled_and_say_so() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1)).unwrap();
    assert_eq!(w.vault.max_withdraw(ALICE), U256::ZERO);
    assert_eq!(w.vault.max_redeem(ALICE), U256::ZERO);
    assert_eq!(
        w.by(ALICE).withdraw(u(1), ALICE, ALICE),
        Err(DirectRedemptionDisabled {}.into())
    );
    assert_eq!(
        w.by(ALICE).redeem(u(1), ALICE, ALICE),
        Err(DirectRedemptionDisabled {}.into())
    );
}

#[test]
fn previews_round_in_the_vaults_favour() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(3)).unwrap();
    w.fund(BOB, e18(1));
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    w.chain.warp(crate::DEFAULT_VESTING_PERIOD / 3);
    let assets = u(1_000_003);
    let down = w.vault.preview_deposit(assets).unwrap();
    let up = w.vault.preview_withdraw(assets).unwrap();
    assert_eq!(up, down + u(1));
    assert!(w.vault.preview_redeem(down).unwrap() <= assets);
    assert!(w.vault.preview_mint(up).unwrap() >= assets);
    assert_eq!(w.vault.convert_to_shares(assets), Ok(down));
}

#[test]
fn the_vault_refuses_pause_bits_it_does_not_enforce() {
    let mut w = given_vault();
    for bits in [REQUEST, CLAIM, DELEGATE, DEPOSIT | REQUEST, ALL] {
        assert_eq!(
            w.by(ADMIN).pause(bits),
            Err(InvalidPauseBits { bits }.into()),
            "bits {bits}"
        );
    }
    assert_eq!(
        w.vault.paused(),
        0,
        "the vault never reports a pause it ignores"
    );
    assert_eq!(
        w.by(ADMIN).unpause(CLAIM),
        Err(InvalidPauseBits { bits: CLAIM }.into())
    );
}

#[test]
fn a_fee_on_transfer_asset_is_refused_with_asset_shortfall() {
    let mut w = given_vault();
    w.chain.charge_fee_on_transfer(u(7));
    w.fund(ALICE, e18(1));
    assert_eq!(
        w.by(ALICE).deposit(e18(1), ALICE),
        Err(AssetShortfall {
            expected: e18(1),
            received: e18(1) - u(7)
        }
        .into())
    );
    // The unit-test token keeps what a reverted call moved; top the balance up.
    w.fund(ALICE, e18(1));
    assert_eq!(
        w.by(ALICE).mint(e18(1), ALICE),
        Err(AssetShortfall {
            expected: e18(1),
            received: e18(1) - u(7)
        }
        .into())
    );
}

#[test]
fn a_rebasing_down_asset_is_refused_with_asset_shortfall() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.chain.rebase_vault_down_on_transfer(e18(2));
    w.fund(BOB, e18(1));
    assert_eq!(
        w.by(BOB).deposit(e18(1), BOB),
        Err(AssetShortfall {
            expected: e18(1),
            received: U256::ZERO
        }
        .into())
    );
    w.fund(BOB, e18(1));
    assert_eq!(
        w.by(BOB).notify_rewards(e18(1)),
        Err(AssetShortfall {
            expected: e18(1) - e18(1) / u(10),
            received: U256::ZERO
        }
        .into()),
        "rewards are checked the same way"
    );
}

#[test]
fn deposits_with_nothing_vesting_leave_the_vesting_clock_unwritten() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.chain.warp(3600);
    w.deposit(BOB, e18(10)).unwrap();
    w.fund(BOB, e18(10));
    w.by(BOB).mint(e18(1), BOB).unwrap();
    assert_eq!(w.vault.vest_last.get(), alloy_primitives::U64::ZERO);

    w.by(BOB).notify_rewards(e18(1)).unwrap();
    w.chain.warp(3600);
    w.deposit(ALICE, e18(1)).unwrap();
    let now = w.chain.vm.block_timestamp();
    assert_eq!(
        w.vault.vest_last.get(),
        alloy_primitives::U64::from(now),
        "while rewards vest, a deposit books them"
    );
}
