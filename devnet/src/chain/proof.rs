//! `eth_getProof` (EIP-1186): Merkle-Patricia proofs of an account and its storage slots
//! against a block's state root.

use alloy::consensus::EMPTY_ROOT_HASH;
use alloy::eips::BlockId;
use alloy::primitives::{Address, KECCAK256_EMPTY, U256};
use alloy::rpc::types::{EIP1186AccountProofResponse, EIP1186StorageProof};
use alloy::serde::JsonStorageKey;

use super::{Chain, ChainError};

impl Chain {
    pub fn proof(
        &self,
        address: Address,
        keys: Vec<JsonStorageKey>,
        block: Option<BlockId>,
    ) -> Result<EIP1186AccountProofResponse, ChainError> {
        let state = self.state_at(block)?;
        let account = state.account(address);
        let storage_proof = keys
            .into_iter()
            .map(|key| {
                let slot = U256::from_be_bytes(key.as_b256().0);
                EIP1186StorageProof {
                    key,
                    value: state.storage(address, slot),
                    proof: state.storage_proof(address, slot),
                }
            })
            .collect();
        // A missing account is proven absent and reported with the empty hashes, as geth does.
        Ok(EIP1186AccountProofResponse {
            address,
            balance: account.map(|a| a.balance).unwrap_or_default(),
            code_hash: account.map_or(KECCAK256_EMPTY, |a| a.code_hash),
            nonce: account.map(|a| a.nonce).unwrap_or_default(),
            storage_hash: account.map_or(EMPTY_ROOT_HASH, |a| a.storage_root()),
            account_proof: state.account_proof(address),
            storage_proof,
        })
    }
}
