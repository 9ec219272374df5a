//! Event logs: `emit_log`, with the topics at the front of its data.

use revm::primitives::{B256, Bytes};
use wasmi::{Error, ValType::*};

use super::ink::{EVM_API_INK, HOSTIO_INK, buy_gas, buy_ink, pay_for_read};
use super::memory::read;
use super::register::{HostLinker, Import, NONE, hostio};
use super::request::{Exit, Request, request, stop};

pub(super) const IMPORTS: &[Import] = &[Import::vm_hooks("emit_log", &[I32, I32, I32], NONE)];

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(host, "emit_log", |c, ptr: u32, len: u32, topics: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        if topics > 4 || len < topics * 32 {
            return Err::<(), _>(stop(Exit::Failure("bad topic data".into())));
        }
        pay_for_read(&mut c, len)?;
        let data_len = (len - topics * 32) as u64;
        buy_gas(&mut c, 375 + 375 * topics as u64 + 8 * data_len)?;
        let bytes = read(&c, ptr, len)?;
        let (topic_bytes, data) = bytes.split_at(topics as usize * 32);
        let topics = topic_bytes.chunks(32).map(B256::from_slice).collect();
        Err(request(Request::Log {
            topics,
            data: Bytes::copy_from_slice(data),
        }))
    })
}
