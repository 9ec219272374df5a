//! JSON-RPC error codes, following geth and anvil so alloy, ethers and cast read them.

use alloy::primitives::hex;
use alloy::sol_types::{Revert, SolError};
use jsonrpsee::types::ErrorObjectOwned;
use jsonrpsee::types::error::{INTERNAL_ERROR_CODE, INVALID_PARAMS_CODE};

use crate::chain::ChainError;

/// geth's code for a request the node understood but could not carry out.
pub const SERVER_ERROR: i32 = -32000;
/// geth's code for a revert in eth_call / eth_estimateGas; `data` holds the revert bytes.
pub const EXECUTION_REVERTED: i32 = 3;

impl From<ChainError> for ErrorObjectOwned {
    fn from(error: ChainError) -> Self {
        match error {
            ChainError::Reverted { output } => {
                // geth's wording: the Error(string) reason after a colon, nothing otherwise.
                let message = match Revert::abi_decode(&output) {
                    Ok(revert) => format!("execution reverted: {}", revert.reason),
                    Err(_) => "execution reverted".to_owned(),
                };
                ErrorObjectOwned::owned(
                    EXECUTION_REVERTED,
                    message,
                    Some(hex::encode_prefixed(output)),
                )
            }
            ChainError::InvalidParams(message) => {
                ErrorObjectOwned::owned(INVALID_PARAMS_CODE, message, None::<()>)
            }
            ChainError::Internal(message) => {
                ErrorObjectOwned::owned(INTERNAL_ERROR_CODE, message, None::<()>)
            }
            other @ (ChainError::Rejected(_)
            | ChainError::Halted(_)
            | ChainError::GasExceedsAllowance(_)
            | ChainError::NoSigner(_)
            | ChainError::BlockNotFound(_)
            | ChainError::HistoricalState { .. }) => {
                ErrorObjectOwned::owned(SERVER_ERROR, other.to_string(), None::<()>)
            }
        }
    }
}
