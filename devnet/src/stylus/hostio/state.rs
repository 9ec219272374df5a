//! The store data of one running program: what its hostios read and write.

use std::collections::HashMap;

use revm::primitives::{Address, B256, Bytes, U256};
use wasmi::{Caller, Memory, StoreLimits};

use crate::stylus::hostio_trace::HostioTrace;
use crate::stylus::meter::InkMeter;

/// What a host function is handed: the caller, with the program's [`HostState`].
pub(super) type Ctx<'a> = Caller<'a, HostState>;

/// The store data of one running program.
#[derive(Debug, Default)]
pub struct HostState {
    pub env: Env,
    pub args: Bytes,
    pub outs: Vec<u8>,
    pub return_data: Bytes,
    pub memory: Option<Memory>,
    pub cache: StorageCache,
    pub limits: StoreLimits,
    /// The program's ink meter (every activated module has one).
    pub meter: Option<InkMeter>,
    /// The hostios called so far, when a tracer asked for them.
    pub trace: Option<HostioTrace>,
}

/// Per-call facts a program can read (Nitro's `EvmData`).
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub contract: Address,
    pub sender: Address,
    pub value: U256,
    pub origin: Address,
    pub gas_price: U256,
    pub basefee: U256,
    pub coinbase: Address,
    pub block_gas_limit: u64,
    pub block_number: u64,
    pub timestamp: u64,
    pub chain_id: u64,
    pub reentrant: bool,
}

/// A storage slot as the program sees it; `known` is the value in the journal if read.
#[derive(Clone, Copy, Debug)]
pub struct CachedSlot {
    pub value: B256,
    pub known: Option<B256>,
}

/// Nitro's per-call storage cache: writes stay here until flushed.
#[derive(Debug, Default)]
pub struct StorageCache {
    pub slots: HashMap<B256, CachedSlot>,
    reads: usize,
    writes: usize,
}

impl StorageCache {
    /// Gas for the next read: Nitro prices the cache by how much it has served.
    pub(super) fn read_gas(&mut self) -> u64 {
        self.reads += 1;
        match self.reads {
            0..=32 => 0,
            33..=128 => 2,
            _ => 10,
        }
    }

    pub(super) fn write_gas(&mut self) -> u64 {
        self.writes += 1;
        match self.writes {
            0..=8 => 0,
            9..=64 => 7,
            _ => 10,
        }
    }

    /// Marks every dirty slot as written and returns them.
    pub fn take_dirty(&mut self, clear: bool) -> Vec<(B256, B256)> {
        let mut dirty = Vec::new();
        for (key, slot) in self.slots.iter_mut() {
            if slot.known != Some(slot.value) {
                dirty.push((*key, slot.value));
                slot.known = Some(slot.value);
            }
        }
        if clear {
            self.slots.clear();
        }
        dirty
    }
}
