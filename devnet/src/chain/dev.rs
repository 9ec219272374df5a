//! Anvil's developer methods: edit state, impersonate, control time, snapshot and revert.

use alloy::primitives::{Address, B256, Bytes, U256};
use revm::DatabaseRef;
use revm::bytecode::Bytecode;
use revm::state::AccountInfo;

use super::{Chain, ChainError};

impl Chain {
    fn edit_account(&mut self, address: Address, edit: impl FnOnce(&mut AccountInfo)) {
        let Ok(existing) = self.state.db.basic_ref(address);
        let mut info = existing.unwrap_or_default();
        if info.code.is_none() {
            let Ok(code) = self.state.db.code_by_hash_ref(info.code_hash);
            info.code = Some(code);
        }
        edit(&mut info);
        self.state.db.insert_account_info(address, info);
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
        // Loads the account first so that a slot on an unknown account makes it exist.
        self.edit_account(address, |_| {});
        let Ok(()) = self
            .state
            .db
            .insert_account_storage(address, slot, value.into());
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

    /// Mines `count` empty blocks, each `interval` seconds after the previous one when given.
    pub fn mine(&mut self, count: u64, interval: Option<u64>) -> Result<(), ChainError> {
        for i in 0..count {
            if let Some(interval) = interval
                && i > 0
            {
                let parent = self.head().timestamp();
                self.state
                    .clock
                    .set_next(parent.saturating_add(interval), parent)?;
            }
            self.mine_empty();
        }
        Ok(())
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
}
