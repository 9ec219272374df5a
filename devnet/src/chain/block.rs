//! Blocks: sealing headers with real roots, and the revm block environment for the next one.

use alloy::consensus::proofs::{calculate_receipt_root, calculate_transaction_root};
use alloy::consensus::{EMPTY_OMMER_ROOT_HASH, Header, ReceiptEnvelope, TxEnvelope, TxReceipt};
use alloy::primitives::{Address, B256, Bloom, Log, Sealable, Sealed, U256, keccak256};
use revm::context::BlockEnv;

use super::State;
use crate::evm::l1::NITRO_BLOCK_GAS_LIMIT;

#[derive(Debug, Clone)]
pub struct MinedBlock {
    pub header: Sealed<Header>,
    pub transactions: Vec<B256>,
}

impl MinedBlock {
    pub fn number(&self) -> u64 {
        self.header.number
    }

    pub fn hash(&self) -> B256 {
        self.header.hash()
    }

    pub fn timestamp(&self) -> u64 {
        self.header.timestamp
    }
}

/// What is known about a block before it is sealed.
#[derive(Debug, Clone)]
pub struct BlockDraft {
    pub parent_hash: B256,
    pub number: u64,
    pub timestamp: u64,
    pub gas_limit: u64,
    pub coinbase: Address,
    pub base_fee: u64,
}

impl BlockDraft {
    /// Post-merge EVMs need a PREVRANDAO; derive it from the parent so replays agree.
    pub fn prevrandao(&self) -> B256 {
        keccak256(self.parent_hash)
    }

    pub fn env(&self) -> BlockEnv {
        BlockEnv {
            number: U256::from(self.number),
            beneficiary: self.coinbase,
            timestamp: U256::from(self.timestamp),
            gas_limit: self.gas_limit,
            basefee: self.base_fee,
            difficulty: U256::ZERO,
            prevrandao: Some(self.prevrandao()),
            ..BlockEnv::default()
        }
    }

    pub fn seal(
        self,
        state: &State,
        transactions: &[TxEnvelope],
        receipts: &[ReceiptEnvelope<Log>],
    ) -> MinedBlock {
        let logs_bloom = receipts.iter().fold(Bloom::ZERO, |acc, r| acc | r.bloom());
        let gas_used = receipts.last().map_or(0, |r| r.cumulative_gas_used());
        let header = Header {
            parent_hash: self.parent_hash,
            ommers_hash: EMPTY_OMMER_ROOT_HASH,
            beneficiary: self.coinbase,
            state_root: state.root(),
            transactions_root: calculate_transaction_root(transactions),
            receipts_root: calculate_receipt_root(receipts),
            logs_bloom,
            difficulty: U256::ZERO,
            number: self.number,
            // Nitro's blocks report 2^50; transactions are capped at `gas_limit` separately.
            gas_limit: NITRO_BLOCK_GAS_LIMIT,
            gas_used,
            timestamp: self.timestamp,
            mix_hash: self.prevrandao(),
            base_fee_per_gas: Some(self.base_fee),
            ..Header::default()
        };
        MinedBlock {
            header: header.seal_slow(),
            transactions: transactions.iter().map(|tx| *tx.tx_hash()).collect(),
        }
    }
}
