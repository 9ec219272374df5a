//! Transaction execution: revm for EVM bytecode, with Arbitrum Stylus programs
//! (see [`crate::stylus`]) executed in the same frame loop.
//!
//! # API for the node
//!
//! ```ignore
//! let exec = Executor::new(412346);          // Clone + Send + Sync, cheap to clone
//! let mut db: Db = Db::default();            // all chain state lives here
//! let result = exec.transact_commit(&mut db, &block, tx, posting)?;    // eth_sendRawTransaction
//! let result = exec.transact_commit_impersonated(&mut db, &block, tx, posting)?; // unsigned, may be a contract
//! let sim = exec.simulate(&mut db, &block, tx, Posting::None, true)?;   // eth_call / eth_estimateGas
//! ```
//!
//! `posting` ([`l1::Posting`]) is the transaction's L1 data, charged as gas before
//! execution as Nitro does (`Posting::None` for `eth_call`).
//!
//! - [`Db`] is revm's `CacheDB` over a block's committed state. Everything that is
//!   chain state (accounts, code, storage, Stylus activation records in the storage
//!   of ArbWasm at `0x71`) lives in it. The executor only keeps a cache of compiled WASM
//!   modules keyed by code hash, rebuilt lazily when missing.
//! - `simulate` never writes to `db` (it only warms revm's account cache, which
//!   holds no new state). With `relaxed = true` the balance, nonce and base-fee
//!   checks are off, as `eth_call` needs.
//! - `ExecError` is revm's `EVMError`: `Transaction(InvalidTransaction)` is the
//!   sender's fault (nonce, balance, gas limit...) and maps to a JSON-RPC error.
//!
//! # Layout, top down (each file uses only those below it, and [`crate::stylus`])
//!
//! - `executor`: [`Executor`], a transaction in and its result out.
//! - `arb_evm`: revm's frame loop and handler with Arbitrum's opcodes and Stylus frames.
//! - `stylus_call`: one Stylus program in a frame, serving its hostios' requests;
//!   `precompiles` and [`arbos`] (ArbSys, ArbGasInfo, ArbWasm...); [`observe`] (tracers).
//! - `context`: the [`Db`] and revm context types all of the above share; [`l1`] (L1
//!   posting and its price); [`multicall3`], [`stylus_deployer`] (predeployed code).

mod arb_evm;
pub mod arbos;
mod context;
mod executor;
pub mod l1;
pub mod multicall3;
pub mod observe;
mod precompiles;
mod stylus_call;
pub mod stylus_deployer;

pub use context::Db;
pub use executor::{ARBITRUM_SPEC, Checks, ExecError, Executor};
pub use multicall3::MULTICALL3;
pub use precompiles::ARBITRUM_PRECOMPILES;
pub use revm::context::result::{
    ExecutionResult, HaltReason, Output, ResultAndState, SuccessReason,
};
pub use revm::context::{BlockEnv, TxEnv};
pub use stylus_deployer::STYLUS_DEPLOYER;
