//! Persistent storage through Nitro's per-call cache, and transient storage.

use wasmi::{Error, ValType::*};

use super::ink::{EVM_API_INK, HOSTIO_INK, PTR_INK, buy_gas, buy_ink, require_gas};
use super::memory::{read_b256, write};
use super::register::{HostLinker, Import, NONE, hostio};
use super::request::{Request, request};
use super::state::CachedSlot;
use crate::stylus::params::INK_PRICE;

pub(super) const IMPORTS: &[Import] = &[
    Import::vm_hooks("storage_load_bytes32", &[I32, I32], NONE),
    Import::vm_hooks("storage_cache_bytes32", &[I32, I32], NONE),
    Import::vm_hooks("storage_flush_cache", &[I32], NONE),
    Import::vm_hooks("transient_load_bytes32", &[I32, I32], NONE),
    Import::vm_hooks("transient_store_bytes32", &[I32, I32], NONE),
];

pub(super) fn link(host: &mut HostLinker<'_>) -> Result<(), Error> {
    hostio!(host, "storage_load_bytes32", |c, key: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
        let api_gas = EVM_API_INK / INK_PRICE as u64;
        require_gas(&c, 2100 + 10 + api_gas)?;
        let key = read_b256(&c, key)?;
        let read_gas = c.data_mut().cache.read_gas();
        buy_gas(&mut c, read_gas)?;
        match c.data().cache.slots.get(&key) {
            Some(slot) => {
                let value = slot.value;
                write(&mut c, dest, value.as_slice())
            }
            None => {
                buy_gas(&mut c, api_gas)?;
                Err(request(Request::StorageLoad { key, dest }))
            }
        }
    })?;
    hostio!(host, "storage_cache_bytes32", |c, key: u32, value: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK)?;
        require_gas(&c, 2300 + 10)?;
        let key = read_b256(&c, key)?;
        let value = read_b256(&c, value)?;
        let cache = &mut c.data_mut().cache;
        let gas = cache.write_gas();
        cache
            .slots
            .entry(key)
            .and_modify(|slot| slot.value = value)
            .or_insert(CachedSlot { value, known: None });
        buy_gas(&mut c, gas)
    })?;
    hostio!(host, "storage_flush_cache", |c, clear: u32| {
        buy_ink(&mut c, HOSTIO_INK + EVM_API_INK)?;
        require_gas(&c, 2300)?;
        Err::<(), _>(request(Request::StorageFlush { clear: clear != 0 }))
    })?;
    hostio!(host, "transient_load_bytes32", |c, key: u32, dest: u32| {
        buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
        buy_gas(&mut c, 100)?;
        let key = read_b256(&c, key)?;
        Err::<(), _>(request(Request::TransientLoad { key, dest }))
    })?;
    hostio!(
        host,
        "transient_store_bytes32",
        |c, key: u32, value: u32| {
            buy_ink(&mut c, HOSTIO_INK + 2 * PTR_INK + EVM_API_INK)?;
            buy_gas(&mut c, 100)?;
            let key = read_b256(&c, key)?;
            let value = read_b256(&c, value)?;
            Err::<(), _>(request(Request::TransientStore { key, value }))
        }
    )
}
