//! The program's input and output: its calldata, its result, and an early exit.

use wasmi::{Error, ValType::*};

use super::ink::{HOSTIO_INK, buy_ink, pay_for_read, pay_for_write};
use super::memory::{read, write};
use super::register::{HostLinker, Import, NONE, hostio};
use super::request::{Exit, stop};

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("read_args", &[I32], NONE),
    Import::vm_hooks("write_result", &[I32, I32], NONE),
    Import::vm_hooks("exit_early", &[I32], NONE),
];

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(host, "read_args", |c, ptr: u32| {
        buy_ink(&mut c, HOSTIO_INK)?;
        let args = c.data().args.clone();
        pay_for_write(&mut c, args.len() as u32)?;
        write(&mut c, ptr, &args)
    })?;
    hostio!(host, "write_result", |c, ptr: u32, len: u32| {
        buy_ink(&mut c, HOSTIO_INK)?;
        pay_for_read(&mut c, len)?;
        pay_for_read(&mut c, len)?;
        let outs = read(&c, ptr, len)?;
        c.data_mut().outs = outs;
        Ok(())
    })?;
    hostio!(host, "exit_early", |c, status: u32| {
        Err::<(), _>(stop(Exit::Early(status)))
    })
}
