use alloy::primitives::{Address, Bytes};

/// Why the chain refused a request. Each variant maps to one JSON-RPC error (see `rpc::error`).
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The transaction cannot be included; nothing changed (geth's -32000 family).
    #[error("{0}")]
    Rejected(String),
    /// eth_call / eth_estimateGas hit REVERT; `output` is the revert data.
    #[error("execution reverted")]
    Reverted { output: Bytes },
    /// eth_call / eth_estimateGas stopped abnormally (out of gas, invalid opcode...).
    #[error("execution halted: {0}")]
    Halted(String),
    #[error("gas required exceeds allowance ({0})")]
    GasExceedsAllowance(u64),
    #[error("no signer for {0}: send from a dev account or call anvil_impersonateAccount first")]
    NoSigner(Address),
    #[error("header not found: {0}")]
    BlockNotFound(String),
    #[error(
        "state at block {requested} is not kept: this devnet keeps the state of the last \
         {kept} blocks before the latest ({latest})"
    )]
    HistoricalState {
        requested: u64,
        latest: u64,
        kept: usize,
    },
    #[error("{0}")]
    InvalidParams(String),
    #[error("{0}")]
    Internal(String),
}
