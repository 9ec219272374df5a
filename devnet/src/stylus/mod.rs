//! Arbitrum Stylus: WASM programs stored as EVM account code, activated
//! through ArbWasm and executed by wasmi inside revm's frame loop.

pub mod code;

pub use code::{compress, decompress, deploy_initcode, is_stylus_program, CodeError};
