//! Ink: the prices hostios pay (Nitro's `arbutil/src/pricing.rs`) and the helpers that
//! take them from the program's meter.

use wasmi::Error;

use super::request::{Exit, stop};
use super::state::Ctx;
use crate::stylus::params::{INK_PRICE, gas_to_ink};

pub(super) const HOSTIO_INK: u64 = 8400;
pub(super) const PTR_INK: u64 = 13440 - HOSTIO_INK;
pub(super) const EVM_API_INK: u64 = 59673;

/// Takes `ink` from the program's meter, or stops it out of ink.
pub(super) fn buy_ink(caller: &mut Ctx<'_>, ink: u64) -> Result<(), Error> {
    let Some(meter) = caller.data().meter else {
        return Err(stop(Exit::OutOfInk));
    };
    let left = meter.ink(&*caller);
    if ink > left {
        meter.exhaust(caller);
        return Err(stop(Exit::OutOfInk));
    }
    meter.set_ink(caller, left - ink);
    Ok(())
}

pub(super) fn buy_gas(caller: &mut Ctx<'_>, gas: u64) -> Result<(), Error> {
    buy_ink(caller, gas_to_ink(gas))
}

pub(super) fn gas_left(caller: &Ctx<'_>) -> Result<u64, Error> {
    Ok(ink_left(caller)? / INK_PRICE as u64)
}

pub(super) fn ink_left(caller: &Ctx<'_>) -> Result<u64, Error> {
    Ok(caller.data().meter.map_or(0, |meter| meter.ink(caller)))
}

/// Stops the program out of ink unless `gas` is left (Nitro's `require_gas`).
pub(super) fn require_gas(caller: &Ctx<'_>, gas: u64) -> Result<(), Error> {
    if gas_left(caller)? < gas {
        return Err(stop(Exit::OutOfInk));
    }
    Ok(())
}

pub(super) fn pay_for_read(caller: &mut Ctx<'_>, bytes: u32) -> Result<(), Error> {
    buy_ink(caller, 16381 + 55 * bytes.saturating_sub(32) as u64)
}

pub(super) fn pay_for_write(caller: &mut Ctx<'_>, bytes: u32) -> Result<(), Error> {
    buy_ink(caller, 5040 + 30 * bytes.saturating_sub(32) as u64)
}
