//! The circuit breaker's bookkeeping: the latest bucket lives in the approval's record and
//! earlier ones in a map, which must add up to what a plain seven-bucket count would say.

use std::collections::HashMap;

use crate::support::*;
use proptest::prelude::*;
use stylus_sdk::alloy_primitives::U256;

const BUCKET: u64 = 4 * HOUR;

/// [`World::with_stake`] where AVS may take a whole vault a day, so only the bucket count
/// limits it (200 tokens exposed, 1000 held).
fn uncapped() -> World {
    let mut w = World::with_stake();
    w.by(ADMIN);
    w.hub.set_slash_cap(AVS, pct(100)).ok().unwrap();
    w
}

#[test]
fn slashes_in_several_buckets_of_one_day_all_count_until_each_is_a_day_old() {
    let mut w = uncapped();
    let mut taken = Vec::new();
    // Slashes at +0 h, +5 h, +5 h, +13 h and +23 h: four buckets, one of them twice.
    for (i, wait) in [0, 5, 0, 8, 10].into_iter().enumerate() {
        w.chain.advance(wait * HOUR);
        let booked = w
            .slash(AVS, SLASHER, OPERATOR, pct(5), id(i as u8))
            .ok()
            .unwrap();
        assert!(booked > U256::ZERO);
        taken.push((w.chain.now(), booked));
    }
    let in_window = |now: u64, taken: &[(u64, U256)]| -> U256 {
        taken
            .iter()
            .filter(|(at, _)| at / BUCKET + 6 >= now / BUCKET)
            .map(|(_, booked)| *booked)
            .sum()
    };
    let total: U256 = taken.iter().map(|(_, booked)| *booked).sum();
    assert_eq!(w.hub.slashed_in_window(VAULT_A, AVS), total);
    // Each slash leaves the window once its bucket is seven buckets old.
    for _ in 0..12 {
        w.chain.advance(3 * HOUR);
        let now = w.chain.now();
        assert_eq!(
            w.hub.slashed_in_window(VAULT_A, AVS),
            in_window(now, &taken)
        );
    }
    assert_eq!(w.hub.slashed_in_window(VAULT_A, AVS), U256::ZERO);
}

#[test]
fn one_bucket_counts_at_most_u128_max_and_clips_the_rest_like_the_cap() {
    // Given a vault of 2^200 wei, wholly delegated, allocated and approved, with no daily cap
    let mut w = World::open();
    w.vaults[&VAULT_A].borrow_mut().total_assets = U256::from(1u8) << 200;
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(100));
    w.allocate(OPERATOR, AVS, pct(100));
    w.by(ADMIN);
    w.hub.set_slash_cap(AVS, pct(100)).ok().unwrap();
    let bucket_max = U256::from(u128::MAX);

    // When the AVS slashes it whole, the bucket takes u128::MAX wei and no more
    let first = w
        .slash(AVS, SLASHER, OPERATOR, pct(50), id(1))
        .ok()
        .unwrap();
    assert_eq!(first, bucket_max);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(50), id(2)).ok(),
        Some(U256::ZERO),
        "the bucket is full"
    );
    // Then the next bucket takes as much again, and the window counts both exactly
    w.chain.advance(BUCKET);
    assert_eq!(
        w.slash(AVS, SLASHER, OPERATOR, pct(50), id(3)).ok(),
        Some(bucket_max)
    );
    assert_eq!(
        w.hub.slashed_in_window(VAULT_A, AVS),
        bucket_max * U256::from(2u8)
    );
}

#[test]
fn a_slash_that_takes_exactly_its_fraction_leaves_the_routes_rounding_factor_whole() {
    // Given 10^30 wei, 10 % delegated, 50 % of it allocated: 5 × 10^28 exposed, no rounding
    let mut w = World::open();
    w.vaults[&VAULT_A].borrow_mut().total_assets = tokens(1_000_000_000_000);
    w.join(OPERATOR, AVS);
    w.delegate(VAULT_A, OPERATOR, pct(10));
    w.allocate(OPERATOR, AVS, pct(50));

    // When 1 % is slashed: exactly 5 × 10^26 wei
    let booked = w.slash(AVS, SLASHER, OPERATOR, pct(1), id(1)).ok().unwrap();
    assert_eq!(booked, tokens(500_000_000));

    // Then what is left is exposed in full: (10^30 − 5 × 10^26) × 10 % × 49.5 %, to the wei
    let left = tokens(1_000_000_000_000) - booked;
    let expected = left * U256::from(495u16) / U256::from(10_000u16);
    assert_eq!(
        w.hub.exposure(VAULT_A, OPERATOR, AVS).ok().unwrap().0,
        expected
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the spacing of the slashes, the window holds what a count per bucket says.
    #[test]
    fn the_window_sums_the_seven_latest_buckets(
        steps in prop::collection::vec((0u64..30 * HOUR, 1u64..=10), 1..24),
    ) {
        let mut w = uncapped();
        let mut buckets: HashMap<u64, U256> = HashMap::new();
        for (i, (wait, percent)) in steps.into_iter().enumerate() {
            w.chain.advance(wait);
            let now = w.chain.now();
            let booked = w
                .slash(AVS, SLASHER, OPERATOR, pct(percent), id(i as u8))
                .ok()
                .unwrap();
            *buckets.entry(now / BUCKET).or_default() += booked;
            let bucket = now / BUCKET;
            let expected: U256 = (bucket - 6..=bucket)
                .map(|b| buckets.get(&b).copied().unwrap_or_default())
                .sum();
            prop_assert_eq!(w.hub.slashed_in_window(VAULT_A, AVS), expected);
        }
    }
}
