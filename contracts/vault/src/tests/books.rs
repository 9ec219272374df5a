//! The 128-bit books (see `packed`): every way past 2^128 reverts with `MathOverflow` and
//! changes nothing, right up to the boundary the vault still works, and the slots a deposit
//! skips (caps, vesting) come back whenever they matter.

use super::*;
use crate::{errors::*, packed::MAX_AMOUNT, testing::VAULT, DEFAULT_VESTING_PERIOD};

fn overflow<T>() -> Result<T, VaultError> {
    Err(MathOverflow {}.into())
}

#[test]
fn deposits_fill_the_books_to_2_pow_128_minus_1_and_not_one_wei_more() {
    let mut w = given_vault();
    assert_eq!(w.deposit(ALICE, MAX_AMOUNT - u(1)), Ok(MAX_AMOUNT - u(1)));
    w.fund(BOB, u(2));
    assert_eq!(w.tx(BOB, |v| v.deposit(u(2), BOB)), overflow());
    assert_eq!(w.tx(BOB, |v| v.mint(u(2), BOB)), overflow());

    assert_eq!(w.deposit(BOB, u(1)), Ok(u(1)), "the last wei fits");
    assert_eq!(w.vault.total_assets(), Ok(MAX_AMOUNT));
    assert_eq!(w.vault.total_supply(), MAX_AMOUNT);
    assert_eq!(w.chain.asset_balance(VAULT), MAX_AMOUNT);
}

#[test]
fn a_deposit_worth_more_than_2_pow_128_reverts_before_pulling_anything() {
    let mut w = given_vault();
    let huge = MAX_AMOUNT + u(1);
    w.fund(ALICE, huge);
    assert_eq!(w.tx(ALICE, |v| v.deposit(huge, ALICE)), overflow());
    assert_eq!(w.chain.asset_balance(ALICE), huge);
    assert_eq!(w.vault.total_assets(), Ok(U256::ZERO));
}

#[test]
fn shares_past_2_pow_128_revert_even_when_the_assets_fit() {
    let mut w = given_vault();
    let half = U256::from(1u8) << 127;
    w.deposit(ALICE, half).unwrap();
    w.by(HUB).slash(half >> 1, BURN).unwrap();
    // Half a unit of assets per share now: 3 · 2^125 assets mint about 3 · 2^126 shares,
    // which lift the supply past 2^128 while the assets stay below it.
    let assets = (half >> 2) * u(3);
    w.fund(BOB, assets);
    let shares = w.vault.preview_deposit(assets).unwrap();
    assert!(shares + half > MAX_AMOUNT && assets + (half >> 1) < MAX_AMOUNT);
    assert_eq!(w.tx(BOB, |v| v.deposit(assets, BOB)), overflow());
    assert_eq!(w.vault.total_supply(), half);
}

#[test]
fn rewards_cannot_promise_books_past_2_pow_128_so_vesting_always_settles() {
    let mut w = given_vault();
    w.deposit(ALICE, MAX_AMOUNT - e18(1)).unwrap();
    w.fund(BOB, e18(3));
    assert_eq!(
        w.tx(BOB, |v| v.notify_rewards(e18(3))),
        overflow(),
        "2.7 net would vest past the boundary"
    );
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    let vesting = w.vault.unvested_rewards().unwrap();
    assert_eq!(vesting, e18(1) - e18(1) / u(10), "net of the 10 % fee");
    w.fund(BOB, vesting);
    assert_eq!(
        w.tx(BOB, |v| v.deposit(e18(1), BOB)),
        overflow(),
        "a deposit cannot take the room vesting rewards will fill"
    );

    w.chain.warp(DEFAULT_VESTING_PERIOD);
    let filled = MAX_AMOUNT - e18(1) / u(10);
    assert_eq!(w.vault.total_assets(), Ok(filled));
    let room = MAX_AMOUNT - filled;
    w.fund(BOB, room);
    assert!(w.by(BOB).deposit(room, BOB).is_ok(), "settles, then fills");
    assert_eq!(w.vault.total_assets(), Ok(MAX_AMOUNT));
    assert_eq!(w.vault.unvested_rewards(), Ok(U256::ZERO));
}

#[test]
fn caps_read_back_as_set_below_2_pow_128_minus_1_or_unlimited() {
    let mut w = given_vault();
    let largest = MAX_AMOUNT - u(1);
    w.by(ADMIN).set_caps(largest, u(7)).unwrap();
    assert_eq!(
        (w.vault.tvl_cap(), w.vault.per_deposit_cap()),
        (largest, u(7))
    );
    for cap in [MAX_AMOUNT, MAX_AMOUNT + u(1), U256::MAX - u(1)] {
        assert_eq!(w.tx(ADMIN, |v| v.set_caps(cap, u(1))), overflow());
        assert_eq!(w.tx(ADMIN, |v| v.set_caps(u(1), cap)), overflow());
    }
    assert_eq!(
        (w.vault.tvl_cap(), w.vault.per_deposit_cap()),
        (largest, u(7))
    );

    w.by(ADMIN).set_caps(U256::MAX, U256::MAX).unwrap();
    assert_eq!(
        (w.vault.tvl_cap(), w.vault.per_deposit_cap()),
        (U256::MAX, U256::MAX)
    );
}

#[test]
fn caps_lifted_back_to_unlimited_stop_binding() {
    let mut w = given_vault();
    w.by(ADMIN).set_caps(e18(1), e18(1)).unwrap();
    assert!(matches!(
        w.deposit(ALICE, e18(2)),
        Err(VaultError::DepositCapExceeded(_))
    ));
    w.by(ADMIN).set_caps(U256::MAX, U256::MAX).unwrap();
    assert_eq!(w.deposit(ALICE, e18(2)), Ok(e18(2)));
    assert_eq!(w.vault.max_deposit(ALICE), Ok(U256::MAX - e18(2)));

    w.by(ADMIN).set_caps(U256::MAX, e18(1)).unwrap();
    assert!(
        matches!(
            w.deposit(ALICE, e18(2)),
            Err(VaultError::DepositCapExceeded(_))
        ),
        "one cap alone binds again"
    );
}

#[test]
fn once_rewards_are_settled_deposits_stop_reading_the_vesting_clock_until_the_next_reward() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(10)).unwrap();
    w.fund(BOB, e18(1));
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    assert_ne!(w.vault.vest_end.get(), alloy_primitives::U64::ZERO);

    w.chain.warp(DEFAULT_VESTING_PERIOD + 1);
    w.deposit(BOB, e18(1)).unwrap();
    assert_eq!(
        w.vault.vest_end.get(),
        alloy_primitives::U64::ZERO,
        "nothing vests any more"
    );
    let settled = e18(11) + e18(1) - e18(1) / u(10);
    assert_eq!(w.vault.total_assets(), Ok(settled));

    w.fund(BOB, e18(1));
    w.by(BOB).notify_rewards(e18(1)).unwrap();
    w.chain.warp(DEFAULT_VESTING_PERIOD / 2);
    assert_eq!(
        w.vault.total_assets(),
        Ok(settled + (e18(1) - e18(1) / u(10)) / u(2)),
        "the next reward vests on a fresh line"
    );
}
