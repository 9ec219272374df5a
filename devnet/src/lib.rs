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

pub mod accounts;
pub mod chain;
pub mod config;
pub mod evm;
pub mod node;
pub mod rpc;
pub mod stylus;

pub use config::Config;
pub use node::{Devnet, DevnetHandle, NodeError};
