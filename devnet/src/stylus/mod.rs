//! Arbitrum Stylus: WASM programs stored as EVM account code, activated
//! through ArbWasm and executed by wasmi inside revm's frame loop.
//!
//! Activation: [`code`] (compression, init code), [`canonical`], [`validate`] (Nitro's
//! checks) with the instrumentation passes [`meter`] (ink) and [`depth`] (stack), then
//! [`programs`] and [`arbwasm`] (the activation records, ArbWasm). Execution: [`runtime`]
//! (wasmi, the module cache, one running program) and [`hostio`] (the host functions, a
//! file per family), priced by [`params`] under the ArbOS [`arbos`] rules; [`tx_state`]
//! and [`fragments`] hold what spans programs. Nothing here uses the modules above it
//! (`evm`, `chain`...).

pub mod arbos;
pub mod arbwasm;
pub mod canonical;
pub mod code;
pub mod depth;
pub mod fragments;
pub mod hostio;
pub mod hostio_trace;
pub mod meter;
pub mod params;
pub mod programs;
pub mod runtime;
pub mod tx_state;
pub mod validate;

pub use arbos::{Rules, UnsupportedArbOs};
pub use canonical::canonical_wasm;
pub use code::{CodeError, compress, decompress, deploy_initcode, is_stylus_program};
pub use runtime::{Outcome, Program, Runtime, Step};
pub use tx_state::{RecentPrograms, StylusTx, TxPages};
pub use validate::{ModuleInfo, ValidationError};
