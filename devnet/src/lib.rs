//! A local chain that executes Arbitrum Stylus WASM and EVM bytecode behind an
//! anvil-style JSON-RPC server.
//!
//! ```no_run
//! # async fn demo() -> Result<(), devnet::NodeError> {
//! let node = devnet::Devnet::spawn(devnet::Config::ephemeral()).await?;
//! println!("serving {}", node.endpoint());
//! node.shutdown().await?;
//! # Ok(())
//! # }
//! ```
//!
//! The modules form a downward stack: each uses only those below it.
//!
//! | module | holds |
//! | --- | --- |
//! | [`node`] | running a devnet: in-process for tests, or as the `devnet` binary |
//! | [`rpc`] | JSON-RPC methods, parameters and errors over the chain |
//! | [`chain`] | blocks, the transaction pool, state history, traces, persistence |
//! | [`evm`] | transaction execution: revm's frame loop with Stylus frames, precompiles, L1 fees |
//! | [`stylus`] | Stylus programs: activation, instrumentation, the WASM runtime and its hostios |
//!
//! [`config`] and [`accounts`] sit beside the stack. Two references still point up:
//! [`evm::Db`] is a cache over [`chain::State`] (the committed state the chain owns), and
//! ArbGasInfo's minimum gas price is [`config::BASE_FEE`].

pub mod accounts;
pub mod chain;
pub mod config;
pub mod evm;
pub mod node;
pub mod rpc;
pub mod stylus;

pub use config::Config;
pub use node::{Devnet, DevnetHandle, NodeError};
