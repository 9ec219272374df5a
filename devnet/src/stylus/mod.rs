//! Arbitrum Stylus: WASM programs stored as EVM account code, activated
//! through ArbWasm and executed by wasmi inside revm's frame loop.

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
