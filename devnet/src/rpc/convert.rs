//! The chain's records in the shapes the JSON-RPC answers use.

use alloy::consensus::{Receipt, ReceiptEnvelope, ReceiptWithBloom, Transaction as _};
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::U256;
use alloy::rpc::types::{Block, BlockTransactions, Header, Transaction, TransactionReceipt};

use crate::chain::{Chain, MinedBlock, MinedTx};

pub fn transaction(tx: &MinedTx) -> Transaction {
    Transaction {
        inner: tx.tx.clone(),
        block_hash: Some(tx.block_hash),
        block_number: Some(tx.block_number),
        transaction_index: Some(tx.index),
        effective_gas_price: Some(tx.effective_gas_price),
        block_timestamp: Some(tx.block_timestamp),
    }
}

/// A receipt as the node serves it: alloy's fields plus those Anvil and Nitro add (`blockTimestamp`, `gasUsedForL1`, `l1BlockNumber`).
pub type RpcReceipt = TransactionReceipt<ReceiptExtras>;

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptExtras {
    #[serde(flatten)]
    pub envelope: ReceiptEnvelope<alloy::rpc::types::Log>,
    /// Anvil (and geth since 1.16) put the block's timestamp in receipts.
    #[serde(with = "alloy::serde::quantity")]
    pub block_timestamp: u64,
    /// Nitro: the part of `gasUsed` that paid for L1 data.
    #[serde(with = "alloy::serde::quantity")]
    pub gas_used_for_l1: u64,
    /// Nitro: the L1 block number the transaction's block was built on.
    #[serde(with = "alloy::serde::quantity")]
    pub l1_block_number: u64,
}

/// A transaction waiting in the pool: no block yet.
pub fn pooled(
    tx: &alloy::consensus::transaction::Recovered<alloy::consensus::TxEnvelope>,
) -> Transaction {
    Transaction {
        inner: tx.clone(),
        block_hash: None,
        block_number: None,
        transaction_index: None,
        effective_gas_price: None,
        block_timestamp: None,
    }
}

pub fn receipt(tx: &MinedTx) -> RpcReceipt {
    let consensus = &tx.receipt.receipt;
    let inner = ReceiptEnvelope::from_typed(
        tx.tx.inner().tx_type(),
        ReceiptWithBloom {
            receipt: Receipt {
                status: consensus.status,
                cumulative_gas_used: consensus.cumulative_gas_used,
                logs: tx.rpc_logs(),
            },
            logs_bloom: tx.receipt.logs_bloom,
        },
    );
    TransactionReceipt {
        inner: ReceiptExtras {
            envelope: inner,
            block_timestamp: tx.block_timestamp,
            gas_used_for_l1: tx.gas_used_for_l1,
            l1_block_number: tx.l1_block_number,
        },
        transaction_hash: tx.hash(),
        transaction_index: Some(tx.index),
        block_hash: Some(tx.block_hash),
        block_number: Some(tx.block_number),
        gas_used: tx.gas_used,
        effective_gas_price: tx.effective_gas_price,
        blob_gas_used: None,
        blob_gas_price: None,
        from: tx.tx.signer(),
        to: tx.tx.inner().to(),
        contract_address: tx.contract_address,
    }
}

pub fn block(chain: &Chain, block: &MinedBlock, full: bool) -> Block {
    let mined: Vec<&MinedTx> = block
        .transactions
        .iter()
        .filter_map(|hash| chain.transaction(*hash))
        .collect();
    let header_size = alloy::rlp::Encodable::length(block.header.inner());
    let body_size: usize = mined.iter().map(|tx| tx.tx.inner().encode_2718_len()).sum();
    let header = Header {
        hash: block.hash(),
        inner: block.header.inner().clone(),
        total_difficulty: Some(U256::ZERO),
        size: Some(U256::from(header_size + body_size)),
    };
    let transactions = if full {
        BlockTransactions::Full(mined.into_iter().map(transaction).collect())
    } else {
        BlockTransactions::Hashes(block.transactions.clone())
    };
    Block {
        header,
        uncles: Vec::new(),
        transactions,
        withdrawals: None,
    }
}
