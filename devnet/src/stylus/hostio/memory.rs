//! Reading and writing the program's linear memory for a hostio; an access out of
//! bounds stops the program with a failure, as Nitro reverts it.

use revm::primitives::{Address, B256, U256};
use wasmi::{Error, Memory};

use super::request::{Exit, stop};
use super::state::Ctx;

fn memory(caller: &Ctx<'_>) -> Result<Memory, Error> {
    caller
        .data()
        .memory
        .ok_or_else(|| stop(Exit::Failure("program has no memory".into())))
}

pub(super) fn read(caller: &Ctx<'_>, ptr: u32, len: u32) -> Result<Vec<u8>, Error> {
    let mut buf = vec![0; len as usize];
    memory(caller)?
        .read(caller, ptr as usize, &mut buf)
        .map_err(|_| {
            stop(Exit::Failure(format!(
                "read of {len} bytes at {ptr} is out of bounds"
            )))
        })?;
    Ok(buf)
}

pub(super) fn read_fixed<const N: usize>(caller: &Ctx<'_>, ptr: u32) -> Result<[u8; N], Error> {
    let mut buf = [0; N];
    memory(caller)?
        .read(caller, ptr as usize, &mut buf)
        .map_err(|_| {
            stop(Exit::Failure(format!(
                "read of {N} bytes at {ptr} is out of bounds"
            )))
        })?;
    Ok(buf)
}

pub(super) fn read_b256(caller: &Ctx<'_>, ptr: u32) -> Result<B256, Error> {
    read_fixed::<32>(caller, ptr).map(B256::from)
}

pub(super) fn read_address(caller: &Ctx<'_>, ptr: u32) -> Result<Address, Error> {
    read_fixed::<20>(caller, ptr).map(Address::from)
}

pub(super) fn write(caller: &mut Ctx<'_>, ptr: u32, data: &[u8]) -> Result<(), Error> {
    let mem = memory(caller)?;
    mem.write(caller, ptr as usize, data).map_err(|_| {
        stop(Exit::Failure(format!(
            "write of {} bytes at {ptr} is out of bounds",
            data.len()
        )))
    })
}

/// A word as programs hold it: 32 bytes, big-endian.
pub(super) fn word(value: U256) -> [u8; 32] {
    value.to_be_bytes()
}
