//! Anvil's developer methods (with hardhat aliases) and `devnet_saveState`.

use std::path::PathBuf;

use alloy::primitives::{Address, B256, Bytes, U64, U256};
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::types::ErrorObjectOwned;
use serde::Deserialize;

use super::NodeContext;
use super::error::SERVER_ERROR;
use crate::chain::ChainError;

/// `evm_mine`'s optional argument: a timestamp, or anvil's `{ timestamp, blocks }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MineOptions {
    Timestamp(U64),
    Options {
        timestamp: Option<U64>,
        blocks: Option<U64>,
    },
}

#[rpc(server)]
pub trait DevApi {
    #[method(name = "anvil_setBalance", aliases = ["hardhat_setBalance"])]
    fn set_balance(&self, address: Address, balance: U256) -> RpcResult<()>;

    #[method(name = "anvil_setCode", aliases = ["hardhat_setCode"])]
    fn set_code(&self, address: Address, code: Bytes) -> RpcResult<()>;

    #[method(name = "anvil_setStorageAt", aliases = ["hardhat_setStorageAt"])]
    fn set_storage_at(&self, address: Address, slot: U256, value: B256) -> RpcResult<bool>;

    #[method(name = "anvil_setNonce", aliases = ["hardhat_setNonce"])]
    fn set_nonce(&self, address: Address, nonce: U64) -> RpcResult<()>;

    #[method(name = "anvil_impersonateAccount", aliases = ["hardhat_impersonateAccount"])]
    fn impersonate_account(&self, address: Address) -> RpcResult<()>;

    #[method(
        name = "anvil_stopImpersonatingAccount",
        aliases = ["hardhat_stopImpersonatingAccount"]
    )]
    fn stop_impersonating_account(&self, address: Address) -> RpcResult<()>;

    #[method(name = "anvil_autoImpersonateAccount")]
    fn auto_impersonate_account(&self, enabled: bool) -> RpcResult<()>;

    #[method(name = "anvil_mine", aliases = ["hardhat_mine"])]
    fn anvil_mine(&self, blocks: Option<U64>, interval: Option<U64>) -> RpcResult<()>;

    #[method(name = "evm_mine")]
    fn evm_mine(&self, options: Option<MineOptions>) -> RpcResult<String>;

    #[method(name = "evm_increaseTime", aliases = ["anvil_increaseTime"])]
    fn increase_time(&self, seconds: U256) -> RpcResult<i64>;

    #[method(name = "evm_setNextBlockTimestamp", aliases = ["anvil_setNextBlockTimestamp"])]
    fn set_next_block_timestamp(&self, timestamp: U64) -> RpcResult<()>;

    #[method(name = "evm_snapshot", aliases = ["anvil_snapshot"])]
    fn snapshot(&self) -> RpcResult<U256>;

    #[method(name = "evm_revert", aliases = ["anvil_revert"])]
    fn revert(&self, id: U256) -> RpcResult<bool>;

    /// Writes the state file now; returns the path written.
    #[method(name = "devnet_saveState")]
    fn save_state(&self, path: Option<PathBuf>) -> RpcResult<PathBuf>;
}

fn u64_param(value: U256, what: &str) -> Result<u64, ChainError> {
    u64::try_from(value)
        .map_err(|_| ChainError::InvalidParams(format!("{what} too large: {value}")))
}

impl DevApiServer for NodeContext {
    fn set_balance(&self, address: Address, balance: U256) -> RpcResult<()> {
        self.chain().set_balance(address, balance);
        Ok(())
    }

    fn set_code(&self, address: Address, code: Bytes) -> RpcResult<()> {
        Ok(self.chain().set_code(address, code)?)
    }

    fn set_storage_at(&self, address: Address, slot: U256, value: B256) -> RpcResult<bool> {
        self.chain().set_storage_at(address, slot, value);
        Ok(true)
    }

    fn set_nonce(&self, address: Address, nonce: U64) -> RpcResult<()> {
        self.chain().set_nonce(address, nonce.to());
        Ok(())
    }

    fn impersonate_account(&self, address: Address) -> RpcResult<()> {
        self.chain().impersonate(address);
        Ok(())
    }

    fn stop_impersonating_account(&self, address: Address) -> RpcResult<()> {
        self.chain().stop_impersonating(address);
        Ok(())
    }

    fn auto_impersonate_account(&self, enabled: bool) -> RpcResult<()> {
        self.chain().set_auto_impersonate(enabled);
        Ok(())
    }

    fn anvil_mine(&self, blocks: Option<U64>, interval: Option<U64>) -> RpcResult<()> {
        let count = blocks.map_or(1, |b| b.to());
        Ok(self.chain().mine(count, interval.map(|i| i.to()))?)
    }

    fn evm_mine(&self, options: Option<MineOptions>) -> RpcResult<String> {
        let (timestamp, blocks) = match options {
            None => (None, 1),
            Some(MineOptions::Timestamp(t)) => (Some(t.to()), 1),
            Some(MineOptions::Options { timestamp, blocks }) => {
                (timestamp.map(|t| t.to()), blocks.map_or(1, |b| b.to()))
            }
        };
        let mut chain = self.chain();
        if let Some(timestamp) = timestamp {
            chain.set_next_block_timestamp(timestamp)?;
        }
        chain.mine(blocks, None)?;
        Ok("0x0".to_owned())
    }

    fn increase_time(&self, seconds: U256) -> RpcResult<i64> {
        Ok(self
            .chain()
            .increase_time(u64_param(seconds, "time step")?)?)
    }

    fn set_next_block_timestamp(&self, timestamp: U64) -> RpcResult<()> {
        Ok(self.chain().set_next_block_timestamp(timestamp.to())?)
    }

    fn snapshot(&self) -> RpcResult<U256> {
        Ok(U256::from(self.chain().snapshot()))
    }

    fn revert(&self, id: U256) -> RpcResult<bool> {
        Ok(u64::try_from(id).is_ok_and(|id| self.chain().revert(id)))
    }

    fn save_state(&self, path: Option<PathBuf>) -> RpcResult<PathBuf> {
        match self.write_state(path.as_deref()) {
            Ok(Some(path)) => Ok(path),
            Ok(None) => Err(ChainError::InvalidParams(
                "no state file: start the devnet with --state FILE or pass a path".into(),
            )
            .into()),
            Err(e) => Err(ErrorObjectOwned::owned(
                SERVER_ERROR,
                e.to_string(),
                None::<()>,
            )),
        }
    }
}
