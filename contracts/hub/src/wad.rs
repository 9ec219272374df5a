//! `assets × f₁ × … × fₙ / WADⁿ` for fractions of at most one WAD, rounded either way.
//!
//! The shared `mul_div` divides a 512-bit product by a 256-bit denominator; that general
//! division alone costs the hub about a third of its 24 KB budget. Here the denominator is
//! always a power of WAD (< 2⁶⁰), so multiplying and dividing limb by limb is exact and small.

use stylus_sdk::alloy_primitives::U256;

pub const WAD: u64 = 1_000_000_000_000_000_000;

/// `ceil(assets × Π fractions / WAD^n)`, exact. Fractions above WAD are the caller's bug and
/// are clamped to WAD, so the result never exceeds `assets`.
pub fn scale_up(assets: U256, fractions: &[u64]) -> U256 {
    scale(assets, fractions, true)
}

/// `floor(assets × Π fractions / WAD^n)`, exact.
pub fn scale_down(assets: U256, fractions: &[u64]) -> U256 {
    scale(assets, fractions, false)
}

#[inline(never)]
fn scale(assets: U256, fractions: &[u64], round_up: bool) -> U256 {
    // 256 bits of assets plus under 60 bits per fraction: four fractions fit in 512 bits.
    let [a0, a1, a2, a3] = *assets.as_limbs();
    let mut limbs = [a0, a1, a2, a3, 0, 0, 0, 0];
    for &fraction in fractions {
        let mut carry = 0u128;
        for limb in limbs.iter_mut() {
            let product = *limb as u128 * fraction.min(WAD) as u128 + carry;
            *limb = product as u64;
            carry = product >> 64;
        }
    }
    let mut inexact = false;
    for _ in fractions {
        let mut remainder = 0u128;
        for limb in limbs.iter_mut().rev() {
            let current = (remainder << 64) | *limb as u128;
            *limb = (current / WAD as u128) as u64;
            remainder = current % WAD as u128;
        }
        inexact |= remainder != 0;
    }
    // The quotient is at most `assets`, so the upper limbs are zero and adding one for an
    // inexact division cannot pass `assets` either.
    let quotient = U256::from_limbs([limbs[0], limbs[1], limbs[2], limbs[3]]);
    quotient + U256::from((inexact && round_up) as u8)
}

/// `floor(value × (1 − fraction))`: what a slash of `fraction` leaves of a fraction.
pub fn keep(value: u64, fraction: u64) -> u64 {
    // Both are at most WAD < 2^60, so the product fits in 128 bits.
    (value as u128 * (WAD - fraction.min(WAD)) as u128 / WAD as u128) as u64
}

/// `ceil(part × WAD / whole)`, at most WAD (and WAD when `whole` is zero): the share of
/// `whole` that `part` is, never rounded below the exact share.
pub fn share_up(part: U256, whole: U256) -> u64 {
    if whole.is_zero() || part >= whole {
        return WAD;
    }
    // Keep the top 64 bits of `whole` (rounded down) and of `part` (rounded up), so the
    // division runs on u128 instead of linking a 256-bit divider; the share only grows.
    let shift = whole.bit_len().saturating_sub(64);
    let whole = (whole >> shift).as_limbs()[0] as u128;
    let part = (part >> shift).as_limbs()[0] as u128 + u128::from(shift > 0);
    // `whole` kept its top bit, so it is not zero; dividing by a `NonZero` leaves no
    // division-by-zero panic (and its location) in the program.
    let Some(whole) = core::num::NonZeroU128::new(whole) else {
        return WAD;
    };
    // Below 2^125: `part` < 2^65 and WAD < 2^60.
    ((part * WAD as u128 + whole.get() - 1) / whole).min(WAD as u128) as u64
}

/// `part × WAD ≤ whole × fraction`, exact: whether `part` is at most `fraction` of `whole`.
pub fn within_share(part: U256, whole: U256, fraction: u64) -> bool {
    times(part, WAD) <= times(whole, fraction)
}

/// `value × factor` as 320 bits, most significant limb first (so arrays compare as numbers).
fn times(value: U256, factor: u64) -> [u64; 5] {
    let mut product = [0u64; 5];
    let mut carry = 0u128;
    for (i, &limb) in value.as_limbs().iter().enumerate() {
        let wide = limb as u128 * factor as u128 + carry;
        product[4 - i] = wide as u64;
        carry = wide >> 64;
    }
    product[0] = carry as u64;
    product
}

#[cfg(test)]
mod tests {
    use super::*;
    use lrt_common::math::{mul_div, Rounding};
    use proptest::prelude::*;

    #[test]
    fn full_fractions_return_the_assets() {
        assert_eq!(scale_up(U256::MAX, &[WAD, WAD, WAD]), U256::MAX);
        assert_eq!(scale_up(U256::from(7u8), &[WAD]), U256::from(7u8));
    }

    #[test]
    fn dust_rounds_up_to_one_wei() {
        assert_eq!(scale_up(U256::from(1u8), &[1, 1, 1]), U256::from(1u8));
        assert_eq!(scale_up(U256::from(1u8), &[0, WAD, WAD]), U256::ZERO);
    }

    #[test]
    fn half_of_an_odd_amount_rounds_up() {
        assert_eq!(scale_up(U256::from(3u8), &[WAD / 2]), U256::from(2u8));
        assert_eq!(scale_down(U256::from(3u8), &[WAD / 2]), U256::from(1u8));
    }

    #[test]
    fn within_share_is_exact_at_the_boundary() {
        let whole = U256::from(1_000u16) * U256::from(WAD);
        let part = U256::from(10u8) * U256::from(WAD);
        assert!(within_share(part, whole, WAD / 100));
        assert!(!within_share(part + U256::from(1u8), whole, WAD / 100));
        // 320-bit products: no overflow at the top of the range.
        assert!(within_share(U256::MAX, U256::MAX, WAD));
        assert!(!within_share(U256::MAX, U256::MAX, WAD - 1));
        assert!(within_share(U256::ZERO, U256::ZERO, 0));
    }

    proptest! {
        #[test]
        fn within_share_agrees_with_wide_products(
            part in any::<[u64; 3]>(), whole in any::<[u64; 3]>(), f in 0..=WAD,
        ) {
            // Three limbs of each, so the products fit in the shared 256-bit type.
            let part = U256::from_limbs([part[0], part[1], part[2], 0]);
            let whole = U256::from_limbs([whole[0], whole[1], whole[2], 0]);
            let expected = part * U256::from(WAD) <= whole * U256::from(f);
            prop_assert_eq!(within_share(part, whole, f), expected);
        }

        #[test]
        fn agrees_with_the_shared_mul_div(
            assets in any::<[u64; 4]>(),
            a in 0..=WAD, b in 0..=WAD, c in 0..=WAD,
        ) {
            let assets = U256::from_limbs(assets);
            let wad = U256::from(WAD);
            let product = U256::from(a) * U256::from(b) * U256::from(c);
            let expected = mul_div(assets, product, wad * wad * wad, Rounding::Up).unwrap();
            prop_assert_eq!(scale_up(assets, &[a, b, c]), expected);
            let expected_two = mul_div(assets, U256::from(a) * U256::from(b), wad * wad, Rounding::Up).unwrap();
            prop_assert_eq!(scale_up(assets, &[a, b]), expected_two);
        }
    }
}
