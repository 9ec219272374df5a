//! Anvil's developer methods: edit state, impersonate, control time, snapshot and revert.

use alloy::primitives::{Address, B256, Bytes, U256};
use revm::bytecode::Bytecode;
use revm::state::AccountInfo;

use super::{AnvilState, Chain, ChainError};
use crate::evm::Executor;

impl Chain {
    fn edit_account(&mut self, address: Address, edit: impl FnOnce(&mut AccountInfo)) {
        let mut info = self.state.head.info(address).unwrap_or_default();
        edit(&mut info);
        self.state.head.set_info(address, info);
    }

    pub fn set_balance(&mut self, address: Address, balance: U256) {
        self.edit_account(address, |info| info.balance = balance);
    }

    pub fn set_nonce(&mut self, address: Address, nonce: u64) {
        self.edit_account(address, |info| info.nonce = nonce);
    }

    pub fn set_code(&mut self, address: Address, code: Bytes) -> Result<(), ChainError> {
        let code = Bytecode::new_raw_checked(code)
            .map_err(|e| ChainError::InvalidParams(format!("invalid code: {e}")))?;
        self.edit_account(address, |info| {
            info.code_hash = code.hash_slow();
            info.code = Some(code);
        });
        Ok(())
    }

    pub fn set_storage_at(&mut self, address: Address, slot: U256, value: B256) {
        self.state.head.set_storage(address, slot, value.into());
    }

    pub fn impersonate(&mut self, address: Address) {
        self.impersonated.insert(address);
    }

    pub fn stop_impersonating(&mut self, address: Address) {
        self.impersonated.remove(&address);
    }

    /// Lets `eth_sendTransaction` send from any address without a prior impersonation.
    pub fn set_auto_impersonate(&mut self, enabled: bool) {
        self.auto_impersonate = enabled;
    }

    /// Times the next block `interval` seconds after the head (`anvil_mine`'s interval).
    pub fn space_next_block(&mut self, interval: u64) -> Result<(), ChainError> {
        let parent = self.head().timestamp();
        self.state
            .clock
            .set_next(parent.saturating_add(interval), parent)
    }

    /// Returns the total offset from the wall clock, in seconds.
    pub fn increase_time(&mut self, seconds: u64) -> Result<i64, ChainError> {
        self.state.clock.increase(seconds)
    }

    pub fn set_next_block_timestamp(&mut self, timestamp: u64) -> Result<(), ChainError> {
        let parent = self.head().timestamp();
        self.state.clock.set_next(timestamp, parent)
    }

    /// Captures state, blocks, receipts and time; returns the id `revert` takes.
    pub fn snapshot(&mut self) -> u64 {
        let id = self.next_snapshot;
        self.next_snapshot += 1;
        self.snapshots.insert(id, self.state.clone());
        id
    }

    /// Restores snapshot `id` and forgets it and every later one, as anvil and hardhat do.
    /// Returns false for an unknown id.
    pub fn revert(&mut self, id: u64) -> bool {
        let Some(state) = self.snapshots.remove(&id) else {
            return false;
        };
        self.snapshots.retain(|&kept, _| kept < id);
        self.state = state;
        true
    }

    /// The next block's base fee only; blocks after it return to the constant one.
    pub fn set_next_block_base_fee(&mut self, base_fee: u64) {
        self.next_base_fee = Some(base_fee);
    }

    pub fn set_coinbase(&mut self, coinbase: Address) {
        self.coinbase = coinbase;
    }

    /// Later transactions are capped at this gas (their execution; L1 data gas comes on
    /// top). Headers keep reporting Nitro's 2^50.
    pub fn set_block_gas_limit(&mut self, gas_limit: u64) -> Result<(), ChainError> {
        if gas_limit == 0 {
            return Err(ChainError::InvalidParams(
                "block gas limit must be positive".into(),
            ));
        }
        self.spec.gas_limit = gas_limit;
        Ok(())
    }

    /// Later transactions must be signed for this chain id.
    pub fn set_chain_id(&mut self, chain_id: u64) {
        self.spec.chain_id = chain_id;
        self.executor = Executor::new(chain_id);
    }

    /// `anvil_reset` without a fork: a fresh genesis with the same settings and accounts.
    pub fn reset(&mut self) {
        *self = Self::genesis(self.spec.clone(), self.accounts.clone());
    }

    /// `anvil_loadState`: replaces the state with a dump's accounts; blocks and time
    /// continue from the current head.
    pub fn load_accounts(&mut self, dump: AnvilState) -> Result<(), ChainError> {
        let state = super::persist::state_from_dump(dump.into_accounts()).map_err(
            |(address, reason)| {
                ChainError::InvalidParams(format!("invalid code for {address}: {reason}"))
            },
        )?;
        self.state.head = state;
        Ok(())
    }
}
