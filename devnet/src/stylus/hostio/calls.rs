//! Calls and creations, which revm's frame loop carries out, and the return data
//! the last one left.

use revm::primitives::{Bytes, U256};
use wasmi::{Error, ValType::*};

use super::ink::{EVM_API_INK, HOSTIO_INK, PTR_INK, buy_ink, pay_for_read, pay_for_write};
use super::memory::{read, read_address, read_b256, read_fixed, write};
use super::register::{HostLinker, Import, NONE, hostio};
use super::request::{CallKind, Request, request};
use super::state::Ctx;

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("call_contract", &[I32, I32, I32, I32, I64, I32], &[I32]),
    Import::vm_hooks("delegate_call_contract", &[I32, I32, I32, I64, I32], &[I32]),
    Import::vm_hooks("static_call_contract", &[I32, I32, I32, I64, I32], &[I32]),
    Import::vm_hooks("create1", &[I32, I32, I32, I32, I32], NONE),
    Import::vm_hooks("create2", &[I32, I32, I32, I32, I32, I32], NONE),
    Import::vm_hooks("read_return_data", &[I32, I32, I32], &[I32]),
    Import::vm_hooks("return_data_size", NONE, &[I32]),
];

fn call_request(
    c: &mut Ctx<'_>,
    kind: CallKind,
    (contract, data, data_len): (u32, u32, u32),
    value: Option<u32>,
    gas: u64,
    ret_len: u32,
) -> Result<u32, Error> {
    buy_ink(c, HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
    pay_for_read(c, data_len)?;
    pay_for_read(c, data_len)?;
    let to = read_address(c, contract)?;
    let input = Bytes::from(read(c, data, data_len)?);
    let value = match value {
        Some(ptr) => U256::from_be_bytes(read_fixed::<32>(c, ptr)?),
        None => U256::ZERO,
    };
    Err(request(Request::Call {
        kind,
        to,
        input,
        value,
        gas,
        ret_len,
    }))
}

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(
        host,
        "call_contract",
        |c, to: u32, data: u32, len: u32, value: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Call,
                (to, data, len),
                Some(value),
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        host,
        "delegate_call_contract",
        |c, to: u32, data: u32, len: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Delegate,
                (to, data, len),
                None,
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        host,
        "static_call_contract",
        |c, to: u32, data: u32, len: u32, gas: u64, ret_len: u32| {
            call_request(
                &mut c,
                CallKind::Static,
                (to, data, len),
                None,
                gas,
                ret_len,
            )
        },
    )?;
    hostio!(
        host,
        "create1",
        |c, code: u32, len: u32, endowment: u32, address_out: u32, ret_len: u32| {
            buy_ink(&mut c, HOSTIO_INK + 3 * PTR_INK + EVM_API_INK)?;
            pay_for_read(&mut c, len)?;
            pay_for_read(&mut c, len)?;
            let code = Bytes::from(read(&c, code, len)?);
            let value = U256::from_be_bytes(read_fixed::<32>(&c, endowment)?);
            Err::<(), _>(request(Request::Create {
                code,
                value,
                salt: None,
                address_out,
                ret_len,
            }))
        },
    )?;
    hostio!(
        host,
        "create2",
        |c, code: u32, len: u32, endowment: u32, salt: u32, address_out: u32, ret_len: u32| {
            buy_ink(&mut c, HOSTIO_INK + 4 * PTR_INK + EVM_API_INK)?;
            pay_for_read(&mut c, len)?;
            pay_for_read(&mut c, len)?;
            let code = Bytes::from(read(&c, code, len)?);
            let value = U256::from_be_bytes(read_fixed::<32>(&c, endowment)?);
            let salt = Some(read_b256(&c, salt)?);
            Err::<(), _>(request(Request::Create {
                code,
                value,
                salt,
                address_out,
                ret_len,
            }))
        },
    )?;
    hostio!(
        host,
        "read_return_data",
        |c, dest: u32, offset: u32, size: u32| {
            buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
            let data = c.data().return_data.clone();
            let max = (data.len() as u32).saturating_sub(offset);
            pay_for_write(&mut c, size.min(max))?;
            if max == 0 {
                return Ok(0u32);
            }
            let start = offset as usize;
            let end = (offset.saturating_add(size) as usize).min(data.len());
            write(&mut c, dest, &data[start..end])?;
            Ok((end - start) as u32)
        },
    )?;
    hostio!(host, "return_data_size", |c| {
        buy_ink(&mut c, HOSTIO_INK)?;
        Ok(c.data().return_data.len() as u32)
    })
}
