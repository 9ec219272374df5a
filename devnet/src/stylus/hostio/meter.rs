//! The hostios about the ink meter itself, and the one a program calls before it
//! grows its memory.

use wasmi::{Error, ValType::*};

use super::ink::{HOSTIO_INK, buy_ink, gas_left, ink_left};
use super::register::{HostLinker, Import, NONE, hostio};
use crate::stylus::params::INK_PRICE;

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("evm_gas_left", NONE, &[I64]),
    Import::vm_hooks("evm_ink_left", NONE, &[I64]),
    Import::vm_hooks("tx_ink_price", NONE, &[I32]),
    Import::vm_hooks("pay_for_memory_grow", &[I32], NONE),
];

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(host, "evm_gas_left", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        gas_left(&c)
    })?;
    hostio!(host, "evm_ink_left", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        ink_left(&c)
    })?;
    hostio!(host, "tx_ink_price", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(INK_PRICE)
    })?;
    hostio!(host, "pay_for_memory_grow", |c, _pages: u32| {
        // Memory growth itself is priced by the store limiter when it happens.
        buy_ink(&mut c, HOSTIO_INK)
    })
}
