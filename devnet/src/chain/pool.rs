//! The transaction pool, used when automine is off (`evm_setAutomine(false)`, interval
//! mining): accepted transactions wait here, in arrival order, until a block is mined.

use alloy::consensus::Transaction as _;
use alloy::primitives::{Address, B256};

use super::submit::Queued;
use super::{Chain, ChainError};

impl Chain {
    /// Whether each transaction is mined as it arrives.
    pub fn automine(&self) -> bool {
        self.automine
    }

    pub fn set_automine(&mut self, enabled: bool) {
        self.automine = enabled;
    }

    /// Adds a checked transaction to the pool; returns its hash.
    pub fn enqueue(&mut self, queued: Queued) -> Result<B256, ChainError> {
        let hash = queued.hash();
        if self.pool.iter().any(|q| q.hash() == hash) {
            return Err(ChainError::Rejected(format!("already known: {hash}")));
        }
        self.pool.push(queued);
        Ok(hash)
    }

    /// `anvil_dropTransaction`: removes a pooled transaction; `None` when it is not pooled.
    pub fn drop_transaction(&mut self, hash: B256) -> Option<B256> {
        let index = self.pool.iter().position(|q| q.hash() == hash)?;
        self.pool.remove(index);
        Some(hash)
    }

    /// The pooled transactions, oldest first.
    pub fn pool(&self) -> &[Queued] {
        &self.pool
    }

    /// How many of `sender`'s transactions wait in the pool, for its `pending` nonce.
    pub(super) fn pooled_from(&self, sender: Address) -> u64 {
        self.pool
            .iter()
            .filter(|q| {
                q.tx.signer() == sender && q.tx.inner().nonce() >= self.nonce_at_head(sender)
            })
            .count() as u64
    }
}
