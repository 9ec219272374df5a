//! Arbitrum Stylus: WASM programs stored as EVM account code, activated
//! through ArbWasm and executed by wasmi inside revm's frame loop.

pub mod arbwasm;
pub mod code;
pub mod hostio;
pub mod params;
pub mod programs;
pub mod runtime;
pub mod validate;

pub use code::{CodeError, compress, decompress, deploy_initcode, is_stylus_program};
pub use runtime::{Outcome, Program, Runtime, Step};
pub use validate::{ModuleInfo, ValidationError};
