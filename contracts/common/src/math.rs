//! Full-precision fixed-point arithmetic shared by all contracts.

use alloy_primitives::U256;

use crate::errors::MathOverflow;

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
///
/// Works on raw limbs with rolled loops: ruint's generic 512-bit division costs ~8 KB of WASM
/// and even `U256` shifts and compares unroll into ~3 KB; this stays a few hundred bytes at
/// the price of 256 cheap division steps.
pub fn mul_div(a: U256, b: U256, denom: U256, rounding: Rounding) -> Result<U256, MathOverflow> {
    let d = denom.as_limbs();
    let (low, high) = widening_mul(a.as_limbs(), b.as_limbs());
    // Also rejects a zero denominator. `high < denom` keeps the remainder below `denom` and
    // the quotient within 256 bits.
    if !less_than(&high, d) {
        return Err(MathOverflow {});
    }
    let (quotient, inexact) = match (high, d) {
        ([0, 0, 0, 0], [d0, d1, 0, 0]) if *d1 >> 63 == 0 => {
            let (quotient, remainder) =
                divide_by_small(&low, u128::from(*d0) | u128::from(*d1) << 64);
            (quotient, remainder != 0)
        }
        _ => {
            let (quotient, remainder) = divide_wide(&low, high, d);
            (quotient, remainder != [0; 4])
        }
    };
    let quotient = U256::from_limbs(quotient);
    if rounding == Rounding::Up && inexact {
        return quotient.checked_add(U256::from(1u8)).ok_or(MathOverflow {});
    }
    Ok(quotient)
}

/// `n / d` and `n % d` for `d < 2^127`: the common case (a 128-bit balance times a 128-bit
/// total over a total), about ten times cheaper than [`divide_wide`] because the remainder,
/// below `d`, stays in a `u128` with room for the next bit, and each quotient limb builds up
/// in a local.
fn divide_by_small(n: &Limbs, d: u128) -> (Limbs, u128) {
    let mut remainder: u128 = 0;
    let mut quotient: Limbs = [0; 4];
    for k in (0..4).rev() {
        // Leading zero limbs shift nothing into the remainder (a 2^135 product skips 64 steps).
        if remainder == 0 && n[k] == 0 {
            continue;
        }
        let mut q = 0u64;
        for bit in (0..64).rev() {
            remainder = remainder << 1 | u128::from(n[k] >> bit & 1);
            q <<= 1;
            if remainder >= d {
                remainder -= d;
                q |= 1;
            }
        }
        quotient[k] = q;
    }
    (quotient, remainder)
}

/// `(high · 2^256 + low) / d` and its remainder, given `high < d`.
fn divide_wide(low: &Limbs, high: Limbs, d: &Limbs) -> (Limbs, Limbs) {
    let mut remainder = high;
    let mut quotient: Limbs = [0; 4];
    for i in (0..256).rev() {
        let carry = shift_in(&mut remainder, (low[i / 64] >> (i % 64)) & 1);
        // With the carry the true remainder is 2^256 + `remainder` > `denom`; the wrapping
        // subtraction still lands on the right value, which is below `denom`.
        if carry != 0 || !less_than(&remainder, d) {
            subtract(&mut remainder, d);
            quotient[i / 64] |= 1 << (i % 64);
        }
    }
    (quotient, remainder)
}

/// Little-endian 64-bit limbs of a 256-bit number.
type Limbs = [u64; 4];

/// Schoolbook product as (low, high) halves.
fn widening_mul(a: &Limbs, b: &Limbs) -> (Limbs, Limbs) {
    let mut product = [0u64; 8];
    for (i, &x) in a.iter().enumerate() {
        // Row i adds into product[i..i + 5]; a window of the array keeps the indices
        // provably in range (an index check would leave a panic location in the data segment).
        let Some(row) = product.get_mut(i..i + 5) else {
            continue;
        };
        let mut carry = 0u64;
        for (slot, &y) in row.iter_mut().zip(b) {
            // (2^64 - 1)^2 + 2 (2^64 - 1) = 2^128 - 1: never overflows u128.
            let t = u128::from(x) * u128::from(y) + u128::from(*slot) + u128::from(carry);
            *slot = t as u64;
            carry = (t >> 64) as u64;
        }
        if let Some(top) = row.last_mut() {
            *top = carry;
        }
    }
    let [l0, l1, l2, l3, h0, h1, h2, h3] = product;
    ([l0, l1, l2, l3], [h0, h1, h2, h3])
}

fn less_than(a: &Limbs, b: &Limbs) -> bool {
    for i in (0..4).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}

/// `x = x << 1 | bit`; returns the bit shifted out at the top.
fn shift_in(x: &mut Limbs, bit: u64) -> u64 {
    let mut carry = bit;
    for limb in x.iter_mut() {
        let out = *limb >> 63;
        *limb = (*limb << 1) | carry;
        carry = out;
    }
    carry
}

/// `x = x - y` modulo 2^256.
fn subtract(x: &mut Limbs, y: &Limbs) {
    let mut borrow = false;
    for (limb, &sub) in x.iter_mut().zip(y) {
        let (once, b1) = limb.overflowing_sub(sub);
        let (twice, b2) = once.overflowing_sub(u64::from(borrow));
        *limb = twice;
        borrow = b1 | b2;
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::Uint;

    use super::*;

    type U512 = Uint<512, 8>;
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

    /// Around 2^127, where `mul_div` switches between its two divisions.
    fn near_2_pow_127() -> impl Strategy<Value = U256> {
        (-3i64..=3).prop_map(|delta| {
            let at = U256::from(1u8) << 127;
            match delta < 0 {
                true => at - U256::from(delta.unsigned_abs()),
                false => at + U256::from(delta as u64),
            }
        })
    }

    fn any_u256() -> impl Strategy<Value = U256> {
        prop_oneof![
            any::<u64>().prop_map(U256::from),
            any::<u128>().prop_map(U256::from),
            any::<[u64; 4]>().prop_map(U256::from_limbs),
            near_2_pow_127(),
        ]
    }

    #[test]
    fn denominators_on_both_sides_of_2_pow_127_divide_exactly() {
        let p127 = U256::from(1u8) << 127;
        for d in [p127 - u(1), p127, p127 + u(1)] {
            for n in [d - u(1), d, d + u(1), U256::MAX / d * d, U256::MAX] {
                let floor = n / d;
                let inexact = n % d != U256::ZERO;
                assert_eq!(mul_div(n, u(1), d, Rounding::Down), Ok(floor));
                let up = if inexact { floor + u(1) } else { floor };
                assert_eq!(mul_div(u(1), n, d, Rounding::Up), Ok(up));
            }
        }
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
