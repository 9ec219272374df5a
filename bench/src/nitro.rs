//! What Nitro charges on entry to a Stylus program, computed from its WASM with Nitro's own
//! formulas, to split each operation's gas into the fixed entry cost and the rest.
//!
//! - Activation predicts `init_cost` and `cached_init_cost` from the module
//!   (`crates/prover/src/binary.rs`, `WasmBinary::instrument`).
//! - Every call pays `initGas` + `cachedGas` (a v2 program not in ArbOS's cache) and the memory
//!   of its footprint (`arbos/programs/programs.go`, `CallProgram`; `Program.initGas/cachedGas`):
//!   `initGas = 69·128 + ⌈init_cost·50·2/100⌉`, `cachedGas = 11·32 + ⌈cached_cost·50·2/100⌉`
//!   (`arbos/programs/params.go`: `v2MinInitGas`, `initialMinCachedGas`, the cost scalars).
//! - Memory: `MemoryModel.GasCost(footprint, open, ever)` (`arbos/programs/memory.go`), with the
//!   transaction's open and ever-open pages; 2 pages per transaction are free, 1,000 gas per
//!   page beyond them plus an exponential ramp (`pageRamp`).

use anyhow::{Context, Result};
use devnet::stylus::params::{cached_gas, init_gas, memory_gas};
use wasmparser::{Parser, Payload};

/// Globals Nitro's instrumentation adds before it predicts the costs (ink left, ink status,
/// the dynamic meter's scratch, stack depth left); they count in `cached_init_cost` like the
/// module's own.
const INSTRUMENTATION_GLOBALS: u64 = 4;

/// The parts of a module Nitro's cost prediction reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModuleShape {
    pub wasm_len: u64,
    pub funcs: u64,
    pub type_len: u64,
    pub globals: u64,
    /// Bytes of the data and element segments.
    pub data_len: u64,
    pub footprint: u16,
}

impl ModuleShape {
    pub fn of(wasm: &[u8]) -> Result<Self> {
        let mut shape = ModuleShape {
            wasm_len: wasm.len() as u64,
            globals: INSTRUMENTATION_GLOBALS,
            ..Self::default()
        };
        let mut type_arity: Vec<u64> = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.context("parsing the WASM")? {
                Payload::TypeSection(reader) => {
                    for ty in reader.into_iter_err_on_gc_types() {
                        let ty = ty?;
                        type_arity.push((ty.params().len() + ty.results().len()) as u64);
                    }
                }
                Payload::FunctionSection(reader) => {
                    for index in reader {
                        let arity = type_arity.get(index? as usize).copied().unwrap_or(0);
                        shape.type_len += arity;
                    }
                }
                Payload::CodeSectionStart { count, .. } => shape.funcs = count as u64,
                Payload::GlobalSection(reader) => shape.globals += reader.count() as u64,
                Payload::MemorySection(reader) => {
                    if let Some(memory) = reader.into_iter().next() {
                        shape.footprint = memory?.initial as u16;
                    }
                }
                Payload::DataSection(reader) => {
                    for data in reader {
                        shape.data_len += span(data?.range);
                    }
                }
                Payload::ElementSection(reader) => {
                    for element in reader {
                        shape.data_len += span(element?.range);
                    }
                }
                _ => {}
            }
        }
        Ok(shape)
    }

    /// `init_cost` as activation records it (stylus version 2: without the cached part).
    pub fn init_cost(&self) -> u64 {
        self.funcs * 8252 / 1000 + self.type_len * 1059 / 1000 + self.wasm_len * 1286 / 10_000
    }

    /// `cached_init_cost` as activation records it.
    pub fn cached_cost(&self) -> u64 {
        self.funcs * 13420 / 100_000
            + self.type_len * 89 / 100_000
            + self.wasm_len * 122 / 100_000
            + self.globals * 1628 / 1000
            + self.data_len * 75244 / 100_000
            + self.footprint as u64 * 5
    }

    /// Gas of entering the program as the first Stylus call of a transaction.
    pub fn entry_gas(&self) -> EntryGas {
        let cost = |c: u64| c.min(u16::MAX as u64) as u16;
        EntryGas {
            memory: memory_gas(self.footprint, 0, 0),
            init: init_gas(cost(self.init_cost())),
            cached: cached_gas(cost(self.cached_cost())),
        }
    }

    /// Memory gas of entering the program from a program with `open` pages open, the
    /// transaction having had at most `ever` pages open at once.
    pub fn nested_memory_gas(&self, open: u16, ever: u16) -> u64 {
        memory_gas(self.footprint, open, ever)
    }
}

/// The fixed part of one call into a program, in gas.
#[derive(Debug, Clone, Copy)]
pub struct EntryGas {
    pub memory: u64,
    pub init: u64,
    pub cached: u64,
}

impl EntryGas {
    pub fn total(&self) -> u64 {
        self.memory + self.init + self.cached
    }
}

fn span(range: std::ops::Range<u64>) -> u64 {
    range.end - range.start
}
