//! The two calls the queue makes to its vault, hand-encoded: the SDK's typed interface links
//! alloy's decoder (about 0.6 KB of WASM and a few hundred bytes of data segment, paid on
//! every call into the queue). Each answers one ABI word; the vault's revert data passes on
//! as the queue's (`QueueError::Callee`), any other failure is `ExternalCallFailed`.

use lrt_common::abi::{self, selector, with_selector, Word};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    call::call,
    prelude::*,
};

use crate::{
    errors::{ExternalCallFailed, QueueError},
    WithdrawalQueue,
};

const LOCK_SHARES: [u8; 4] = selector("lockShares(address,uint256)");
const REDEEM_LOCKED: [u8; 4] = selector("redeemLocked(uint256,uint256,address)");

impl WithdrawalQueue {
    /// Locks `owner`'s `shares` in the queue; returns what they are worth
    /// (`convertToAssets`, rounded down).
    pub(crate) fn vault_lock_shares(
        &mut self,
        owner: Address,
        shares: U256,
    ) -> Result<U256, QueueError> {
        self.call_vault(&with_selector(LOCK_SHARES, &[owner.word(), shares.word()]))
    }

    /// Burns `shares` locked in the queue and pays `receiver` at most `max_assets`; returns
    /// the assets paid.
    pub(crate) fn vault_redeem_locked(
        &mut self,
        shares: U256,
        max_assets: U256,
        receiver: Address,
    ) -> Result<U256, QueueError> {
        let words = [shares.word(), max_assets.word(), receiver.word()];
        self.call_vault(&with_selector(REDEEM_LOCKED, &words))
    }

    fn call_vault(&mut self, calldata: &[u8]) -> Result<U256, QueueError> {
        let vault = self.vault.get();
        // Mutating: the SDK flushes the queue's storage before the vault runs.
        let context = Call::new_mutating(self);
        let out = call(self.vm(), context, vault, calldata)
            .map_err(|e| QueueError::from_call(vault, e))?;
        match out.first_chunk::<32>() {
            Some(word) => Ok(abi::uint_in(word)),
            None => Err(ExternalCallFailed { target: vault }.into()),
        }
    }
}
