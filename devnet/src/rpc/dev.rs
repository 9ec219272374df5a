//! Anvil's developer methods (with hardhat aliases) and `devnet_saveState`.

use std::path::PathBuf;

use alloy::primitives::{Address, B256, Bytes, U64, U256};
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::types::ErrorObjectOwned;
use serde::Deserialize;
use serde_json::json;

use super::NodeContext;
use super::error::SERVER_ERROR;
use crate::chain::{AnvilState, ChainError};

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

    #[method(name = "anvil_nodeInfo")]
    fn node_info(&self) -> RpcResult<serde_json::Value>;

    /// Back to a fresh genesis. A fork URL is refused: this devnet does not fork.
    #[method(name = "anvil_reset", aliases = ["hardhat_reset"])]
    fn reset(&self, forking: Option<serde_json::Value>) -> RpcResult<()>;

    /// The state in Anvil's format (hex of gzipped JSON), for `anvil_loadState` here or
    /// in Anvil.
    #[method(name = "anvil_dumpState")]
    fn dump_state(&self, preserve_historical_states: Option<bool>) -> RpcResult<Bytes>;

    #[method(name = "anvil_loadState")]
    fn load_state(&self, dump: Bytes) -> RpcResult<bool>;

    #[method(name = "anvil_setNextBlockBaseFeePerGas")]
    fn set_next_block_base_fee(&self, base_fee: U256) -> RpcResult<()>;

    #[method(name = "anvil_setCoinbase")]
    fn set_coinbase(&self, coinbase: Address) -> RpcResult<()>;

    #[method(name = "anvil_setBlockGasLimit", aliases = ["evm_setBlockGasLimit"])]
    fn set_block_gas_limit(&self, gas_limit: U256) -> RpcResult<bool>;

    #[method(name = "anvil_setChainId")]
    fn set_chain_id(&self, chain_id: U64) -> RpcResult<()>;

    /// Removes a transaction from the pool; `null` when it is not there.
    #[method(name = "anvil_dropTransaction")]
    fn drop_transaction(&self, hash: B256) -> RpcResult<Option<B256>>;

    /// Off: transactions wait in the pool until a block is mined.
    #[method(name = "evm_setAutomine", aliases = ["anvil_setAutomine"])]
    fn set_automine(&self, enabled: bool) -> RpcResult<()>;

    #[method(name = "anvil_getAutomine", aliases = ["hardhat_getAutomine"])]
    fn get_automine(&self) -> RpcResult<bool>;

    /// A block every `seconds` (0: none), with automine off.
    #[method(name = "evm_setIntervalMining", aliases = ["anvil_setIntervalMining"])]
    fn set_interval_mining(&self, seconds: U64) -> RpcResult<()>;
}

fn u64_param(value: U256, what: &str) -> Result<u64, ChainError> {
    u64::try_from(value)
        .map_err(|_| ChainError::InvalidParams(format!("{what} too large: {value}")))
}

impl DevApiServer for NodeContext {
    fn set_balance(&self, address: Address, balance: U256) -> RpcResult<()> {
        self.edit(|chain| chain.set_balance(address, balance));
        Ok(())
    }

    fn set_code(&self, address: Address, code: Bytes) -> RpcResult<()> {
        Ok(self.edit(|chain| chain.set_code(address, code))?)
    }

    fn set_storage_at(&self, address: Address, slot: U256, value: B256) -> RpcResult<bool> {
        self.edit(|chain| chain.set_storage_at(address, slot, value));
        Ok(true)
    }

    fn set_nonce(&self, address: Address, nonce: U64) -> RpcResult<()> {
        self.edit(|chain| chain.set_nonce(address, nonce.to()));
        Ok(())
    }

    fn impersonate_account(&self, address: Address) -> RpcResult<()> {
        self.edit(|chain| chain.impersonate(address));
        Ok(())
    }

    fn stop_impersonating_account(&self, address: Address) -> RpcResult<()> {
        self.edit(|chain| chain.stop_impersonating(address));
        Ok(())
    }

    fn auto_impersonate_account(&self, enabled: bool) -> RpcResult<()> {
        self.edit(|chain| chain.set_auto_impersonate(enabled));
        Ok(())
    }

    fn anvil_mine(&self, blocks: Option<U64>, interval: Option<U64>) -> RpcResult<()> {
        let count = blocks.map_or(1, |b| b.to());
        Ok(self.mine(count, interval.map(|i| i.to()))?)
    }

    fn evm_mine(&self, options: Option<MineOptions>) -> RpcResult<String> {
        let (timestamp, blocks) = match options {
            None => (None, 1),
            Some(MineOptions::Timestamp(t)) => (Some(t.to()), 1),
            Some(MineOptions::Options { timestamp, blocks }) => {
                (timestamp.map(|t| t.to()), blocks.map_or(1, |b| b.to()))
            }
        };
        if let Some(timestamp) = timestamp {
            self.edit(|chain| chain.set_next_block_timestamp(timestamp))?;
        }
        self.mine(blocks, None)?;
        Ok("0x0".to_owned())
    }

    fn increase_time(&self, seconds: U256) -> RpcResult<i64> {
        let seconds = u64_param(seconds, "time step")?;
        Ok(self.edit(|chain| chain.increase_time(seconds))?)
    }

    fn set_next_block_timestamp(&self, timestamp: U64) -> RpcResult<()> {
        Ok(self.edit(|chain| chain.set_next_block_timestamp(timestamp.to()))?)
    }

    fn snapshot(&self) -> RpcResult<U256> {
        Ok(U256::from(self.edit(|chain| chain.snapshot())))
    }

    fn revert(&self, id: U256) -> RpcResult<bool> {
        let reverted = u64::try_from(id).is_ok_and(|id| self.edit(|chain| chain.revert(id)));
        self.rewind_filters();
        Ok(reverted)
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

    fn node_info(&self) -> RpcResult<serde_json::Value> {
        let chain = self.chain();
        let head = chain.head();
        let spec = chain.spec();
        Ok(json!({
            "currentBlockNumber": U64::from(head.number()),
            "currentBlockTimestamp": head.timestamp(),
            "currentBlockHash": head.hash(),
            "hardFork": "Prague",
            "transactionOrder": "fifo",
            "environment": {
                "baseFee": U256::from(chain.next_base_fee()),
                "chainId": spec.chain_id,
                "gasLimit": U256::from(spec.gas_limit),
                "gasPrice": U256::from(chain.next_base_fee()),
            },
            "forkConfig": {
                "forkUrl": null,
                "forkBlockNumber": null,
                "forkRetryBackoff": null,
            },
        }))
    }

    fn reset(&self, forking: Option<serde_json::Value>) -> RpcResult<()> {
        let fork_url = forking
            .as_ref()
            .and_then(|f| {
                f.get("jsonRpcUrl")
                    .or_else(|| f.get("forking")?.get("jsonRpcUrl"))
            })
            .filter(|url| !url.is_null());
        if fork_url.is_some() {
            return Err(ChainError::InvalidParams(
                "this devnet cannot fork another chain; call anvil_reset without a fork URL".into(),
            )
            .into());
        }
        self.edit(|chain| chain.reset());
        self.rewind_filters();
        Ok(())
    }

    fn dump_state(&self, _preserve_historical_states: Option<bool>) -> RpcResult<Bytes> {
        let state = self.chain().anvil_state();
        Ok(state.encode()?)
    }

    fn load_state(&self, dump: Bytes) -> RpcResult<bool> {
        let state = AnvilState::decode(&dump)?;
        self.edit(|chain| chain.load_accounts(state))?;
        Ok(true)
    }

    fn set_next_block_base_fee(&self, base_fee: U256) -> RpcResult<()> {
        let base_fee = u64_param(base_fee, "base fee")?;
        self.edit(|chain| chain.set_next_block_base_fee(base_fee));
        Ok(())
    }

    fn set_coinbase(&self, coinbase: Address) -> RpcResult<()> {
        self.edit(|chain| chain.set_coinbase(coinbase));
        Ok(())
    }

    fn set_block_gas_limit(&self, gas_limit: U256) -> RpcResult<bool> {
        let gas_limit = u64_param(gas_limit, "gas limit")?;
        self.edit(|chain| chain.set_block_gas_limit(gas_limit))?;
        Ok(true)
    }

    fn set_chain_id(&self, chain_id: U64) -> RpcResult<()> {
        self.edit(|chain| chain.set_chain_id(chain_id.to()));
        Ok(())
    }

    fn drop_transaction(&self, hash: B256) -> RpcResult<Option<B256>> {
        Ok(self.edit(|chain| chain.drop_transaction(hash)))
    }

    fn set_automine(&self, enabled: bool) -> RpcResult<()> {
        self.set_interval_mining(0);
        self.edit(|chain| chain.set_automine(enabled));
        // Turning automine back on mines what waited.
        if enabled && !self.chain().pool().is_empty() {
            self.mine(1, None)?;
        }
        Ok(())
    }

    fn get_automine(&self) -> RpcResult<bool> {
        Ok(self.chain().automine())
    }

    fn set_interval_mining(&self, seconds: U64) -> RpcResult<()> {
        NodeContext::set_interval_mining(self, seconds.to());
        Ok(())
    }
}
