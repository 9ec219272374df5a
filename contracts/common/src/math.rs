//! Full-precision fixed-point arithmetic shared by all contracts.

use alloy_primitives::{Uint, U256};

use crate::errors::MathOverflow;

type U512 = Uint<512, 8>;

/// Which way an inexact division goes. Pick the one that favours the protocol.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero (floor).
    Down,
    /// Away from zero (ceiling).
    Up,
}

/// `a * b / denom` with a 512-bit intermediate, so only a result above `U256::MAX` or a zero
/// denominator fails — never silently.
pub fn mul_div(a: U256, b: U256, denom: U256, rounding: Rounding) -> Result<U256, MathOverflow> {
    if denom.is_zero() {
        return Err(MathOverflow {});
    }
    let product: U512 = a.widening_mul(b);
    let limbs = product.as_limbs();
    let high = U256::from_limbs([limbs[4], limbs[5], limbs[6], limbs[7]]);
    let low = U256::from_limbs([limbs[0], limbs[1], limbs[2], limbs[3]]);
    if high >= denom {
        return Err(MathOverflow {});
    }
    // Binary long division of high:low. ruint's generic 512-bit division costs ~8 KB of WASM;
    // this loop costs a few hundred bytes and at most 256 cheap steps. `high < denom` keeps
    // the remainder below `denom` and the quotient within 256 bits.
    let mut remainder = high;
    let mut quotient = U256::ZERO;
    let steps = if high.is_zero() { low.bit_len() } else { 256 };
    for i in (0..steps).rev() {
        let carry = remainder.bit(255);
        remainder = (remainder << 1) | U256::from(low.bit(i) as u8);
        quotient <<= 1;
        if carry || remainder >= denom {
            remainder = remainder.wrapping_sub(denom);
            quotient |= U256::from(1u8);
        }
    }
    if rounding == Rounding::Up && !remainder.is_zero() {
        quotient = quotient
            .checked_add(U256::from(1u8))
            .ok_or(MathOverflow {})?;
    }
    Ok(quotient)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn u(x: u128) -> U256 {
        U256::from(x)
    }

    #[test]
    fn exact_division_is_the_same_both_ways() {
        assert_eq!(mul_div(u(6), u(7), u(3), Rounding::Down), Ok(u(14)));
        assert_eq!(mul_div(u(6), u(7), u(3), Rounding::Up), Ok(u(14)));
    }

    #[test]
    fn inexact_division_rounds_as_asked() {
        assert_eq!(mul_div(u(10), u(1), u(3), Rounding::Down), Ok(u(3)));
        assert_eq!(mul_div(u(10), u(1), u(3), Rounding::Up), Ok(u(4)));
        assert_eq!(mul_div(u(1), u(1), u(2), Rounding::Down), Ok(u(0)));
        assert_eq!(mul_div(u(1), u(1), u(2), Rounding::Up), Ok(u(1)));
    }

    #[test]
    fn product_above_256_bits_still_divides_exactly() {
        let max = U256::MAX;
        assert_eq!(mul_div(max, max, max, Rounding::Down), Ok(max));
        assert_eq!(mul_div(max, u(3), u(3), Rounding::Up), Ok(max));
        assert_eq!(
            mul_div(max, max - u(1), max, Rounding::Down),
            Ok(max - u(1))
        );
    }

    #[test]
    fn zero_denominator_is_an_error() {
        assert_eq!(
            mul_div(u(1), u(1), U256::ZERO, Rounding::Down),
            Err(MathOverflow {})
        );
    }

    #[test]
    fn result_above_u256_is_an_error() {
        assert_eq!(
            mul_div(U256::MAX, u(2), u(1), Rounding::Down),
            Err(MathOverflow {})
        );
    }

    #[test]
    fn rounding_up_past_u256_max_is_an_error() {
        // 7 * b / 4 with b = (4 * MAX + 3) / 7 has floor MAX and remainder 3 (MAX = 1 mod 7).
        let b = U256::from(
            (U512::from(U256::MAX) * U512::from(4u8) + U512::from(3u8)) / U512::from(7u8),
        );
        assert_eq!(mul_div(u(7), b, u(4), Rounding::Down), Ok(U256::MAX));
        assert_eq!(mul_div(u(7), b, u(4), Rounding::Up), Err(MathOverflow {}));
    }

    fn any_u256() -> impl Strategy<Value = U256> {
        prop_oneof![
            any::<u64>().prop_map(U256::from),
            any::<u128>().prop_map(U256::from),
            any::<[u64; 4]>().prop_map(U256::from_limbs),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn matches_u512_reference(a in any_u256(), b in any_u256(), d in any_u256()) {
            prop_assume!(!d.is_zero());
            let exact: U512 = a.widening_mul(b);
            let d512 = U512::from(d);
            let floor = exact / d512;
            let ceil = (exact + d512 - U512::from(1u8)) / d512;
            let fits = |x: U512| (x <= U512::from(U256::MAX)).then(|| U256::from(x));
            prop_assert_eq!(mul_div(a, b, d, Rounding::Down).ok(), fits(floor));
            prop_assert_eq!(mul_div(a, b, d, Rounding::Up).ok(), fits(ceil));
        }

        #[test]
        fn up_is_down_or_down_plus_one(a in any::<u128>(), b in any::<u128>(), d in 1..u128::MAX) {
            let down = mul_div(u(a), u(b), u(d), Rounding::Down).unwrap();
            let up = mul_div(u(a), u(b), u(d), Rounding::Up).unwrap();
            let exact = (u(a) * u(b)) % u(d) == U256::ZERO;
            prop_assert_eq!(up, if exact { down } else { down + u(1) });
        }

        #[test]
        fn round_trip_never_gains(x in any::<u128>(), num in 1..u128::MAX, den in 1..u128::MAX) {
            // Converting there and back with vault-favouring rounding never returns more.
            let there = mul_div(u(x), u(num), u(den), Rounding::Down).unwrap();
            let back = mul_div(there, u(den), u(num), Rounding::Down).unwrap();
            prop_assert!(back <= u(x));
        }
    }
}
