//! Other accounts as the chain holds them: balance, code, code size and code hash.

use wasmi::{Error, ValType::*};

use super::ink::{EVM_API_INK, HOSTIO_INK, PTR_INK, buy_ink, require_gas};
use super::memory::read_address;
use super::register::{HostLinker, Import, NONE, hostio};
use super::request::{Request, request};

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("account_balance", &[I32, I32], NONE),
    Import::vm_hooks("account_code", &[I32, I32, I32, I32], &[I32]),
    Import::vm_hooks("account_code_size", &[I32], &[I32]),
    Import::vm_hooks("account_codehash", &[I32, I32], NONE),
];

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(host, "account_balance", |c, address: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<(), _>(request(Request::Balance { address, dest }))
    })?;
    hostio!(
        host,
        "account_code",
        |c, address: u32, offset: u32, size: u32, dest: u32| {
            buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
            require_gas(&c, 2600)?;
            let address = read_address(&c, address)?;
            Err::<u32, _>(request(Request::Code {
                address,
                offset,
                size,
                dest,
            }))
        },
    )?;
    hostio!(host, "account_code_size", |c, address: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<u32, _>(request(Request::CodeSize { address }))
    })?;
    hostio!(host, "account_codehash", |c, address: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        require_gas(&c, 2600)?;
        let address = read_address(&c, address)?;
        Err::<(), _>(request(Request::CodeHash { address, dest }))
    })
}
