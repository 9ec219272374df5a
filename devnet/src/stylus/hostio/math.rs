//! 256-bit arithmetic and keccak, done natively for the program.

use revm::primitives::{U256, keccak256};
use wasmi::{Error, ValType::*};

use super::ink::{HOSTIO_INK, PTR_INK, buy_ink};
use super::memory::{read, read_fixed, word, write};
use super::register::{HostLinker, Import, NONE, hostio};
use super::state::Ctx;

const DIV_INK: u64 = 20000;
const MUL_MOD_INK: u64 = 24100;
const ADD_MOD_INK: u64 = 21000;

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("math_div", &[I32, I32], NONE),
    Import::vm_hooks("math_mod", &[I32, I32], NONE),
    Import::vm_hooks("math_pow", &[I32, I32], NONE),
    Import::vm_hooks("math_add_mod", &[I32, I32, I32], NONE),
    Import::vm_hooks("math_mul_mod", &[I32, I32, I32], NONE),
    Import::vm_hooks("native_keccak256", &[I32, I32, I32], NONE),
];

/// `a = op(a, b)` on the words at pointers `a` and `b`.
fn binary_math(
    host: &mut HostLinker<'_>,
    name: &'static str,
    ink: u64,
    op: fn(&mut Ctx<'_>, U256, U256) -> Result<U256, Error>,
) -> Result<(), Error> {
    hostio!(host, name, |c, a: u32, b: u32| {
        buy_ink(&mut c, ink)?;
        let x = U256::from_be_bytes(read_fixed::<32>(&c, a)?);
        let y = U256::from_be_bytes(read_fixed::<32>(&c, b)?);
        let result = op(&mut c, x, y)?;
        write(&mut c, a, &word(result))
    })
}

/// `a = op(a, b, m)` on the words at pointers `a`, `b` and `m`.
fn ternary_math(
    host: &mut HostLinker<'_>,
    name: &'static str,
    ink: u64,
    op: fn(U256, U256, U256) -> U256,
) -> Result<(), Error> {
    hostio!(host, name, |c, a: u32, b: u32, m: u32| {
        buy_ink(&mut c, ink)?;
        let x = U256::from_be_bytes(read_fixed::<32>(&c, a)?);
        let y = U256::from_be_bytes(read_fixed::<32>(&c, b)?);
        let z = U256::from_be_bytes(read_fixed::<32>(&c, m)?);
        write(&mut c, a, &word(op(x, y, z)))
    })
}

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    binary_math(
        host,
        "math_div",
        HOSTIO_INK + 3 * PTR_INK + DIV_INK,
        |_, a, b| Ok(a.checked_div(b).unwrap_or_default()),
    )?;
    binary_math(
        host,
        "math_mod",
        HOSTIO_INK + 3 * PTR_INK + DIV_INK,
        |_, a, b| Ok(a.checked_rem(b).unwrap_or_default()),
    )?;
    binary_math(host, "math_pow", HOSTIO_INK + 3 * PTR_INK, |c, a, b| {
        // Nitro prices the exponent by its significant bytes.
        let significant = 32 - b.leading_zeros() as u64 / 8;
        buy_ink(c, 3000 + (significant + 1) * 17_500)?;
        Ok(a.wrapping_pow(b))
    })?;
    ternary_math(
        host,
        "math_add_mod",
        HOSTIO_INK + 4 * PTR_INK + ADD_MOD_INK,
        |a, b, m| a.add_mod(b, m),
    )?;
    ternary_math(
        host,
        "math_mul_mod",
        HOSTIO_INK + 4 * PTR_INK + MUL_MOD_INK,
        |a, b, m| a.mul_mod(b, m),
    )?;
    hostio!(
        host,
        "native_keccak256",
        |c, input: u32, len: u32, out: u32| {
            let words = (len as u64).div_ceil(32).saturating_sub(2);
            buy_ink(&mut c, 121_800 + 21_000 * words)?;
            let preimage = read(&c, input, len)?;
            write(&mut c, out, keccak256(preimage).as_slice())
        }
    )
}
