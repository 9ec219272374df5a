//! What the program can read about its call, transaction and block: Nitro's `EvmData`.

use wasmi::{Error, ValType::*};

use super::ink::{HOSTIO_INK, PTR_INK, buy_ink};
use super::memory::{word, write};
use super::register::{HostLinker, Import, NONE, hostio};
use super::state::Env;

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("block_basefee", &[I32], NONE),
    Import::vm_hooks("block_coinbase", &[I32], NONE),
    Import::vm_hooks("contract_address", &[I32], NONE),
    Import::vm_hooks("msg_sender", &[I32], NONE),
    Import::vm_hooks("msg_value", &[I32], NONE),
    Import::vm_hooks("tx_gas_price", &[I32], NONE),
    Import::vm_hooks("tx_origin", &[I32], NONE),
    Import::vm_hooks("chainid", NONE, &[I64]),
    Import::vm_hooks("block_gas_limit", NONE, &[I64]),
    Import::vm_hooks("block_number", NONE, &[I64]),
    Import::vm_hooks("block_timestamp", NONE, &[I64]),
    Import::vm_hooks("msg_reentrant", NONE, &[I32]),
];

/// A hostio that writes one fact into the program's memory.
fn write_env(
    host: &mut HostLinker<'_>,
    name: &'static str,
    get: fn(&Env) -> Vec<u8>,
) -> Result<(), Error> {
    hostio!(host, name, |c, ptr: u32| {
        buy_ink(&mut c, HOSTIO_INK + PTR_INK)?;
        let bytes = get(&c.data().env);
        write(&mut c, ptr, &bytes)
    })
}

/// A hostio that returns one fact as an `i64`.
fn read_env(
    host: &mut HostLinker<'_>,
    name: &'static str,
    get: fn(&Env) -> u64,
) -> Result<(), Error> {
    hostio!(host, name, |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(get(&c.data().env))
    })
}

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    write_env(host, "block_basefee", |e| word(e.basefee).to_vec())?;
    write_env(host, "block_coinbase", |e| e.coinbase.to_vec())?;
    write_env(host, "contract_address", |e| e.contract.to_vec())?;
    write_env(host, "msg_sender", |e| e.sender.to_vec())?;
    write_env(host, "msg_value", |e| word(e.value).to_vec())?;
    write_env(host, "tx_gas_price", |e| word(e.gas_price).to_vec())?;
    write_env(host, "tx_origin", |e| e.origin.to_vec())?;
    read_env(host, "chainid", |e| e.chain_id)?;
    read_env(host, "block_gas_limit", |e| e.block_gas_limit)?;
    read_env(host, "block_number", |e| e.block_number)?;
    read_env(host, "block_timestamp", |e| e.timestamp)?;
    hostio!(host, "msg_reentrant", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(c.data().env.reentrant as u32)
    })
}
