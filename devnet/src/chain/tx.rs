//! Transactions as the chain stores them, and their translation into revm's `TxEnv`.

use alloy::consensus::transaction::{Recovered, SignerRecoverable};
use alloy::consensus::{
    Receipt, ReceiptEnvelope, ReceiptWithBloom, SignableTransaction, Signed, Transaction as _,
    TxEip1559, TxEip2930, TxEnvelope, TxLegacy,
};
use alloy::eips::eip2718::{Decodable2718, Encodable2718};
use alloy::primitives::{Address, B256, Log, Signature, TxKind, U256, keccak256};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::SignerSync;
use alloy::signers::local::PrivateKeySigner;
use revm::context::TxEnv;
use revm::context::either::Either;
use revm::context::result::InvalidTransaction;

use super::ChainError;
use crate::evm::ExecError;

/// A transaction in a mined block, with what its receipt needs.
#[derive(Debug, Clone)]
pub struct MinedTx {
    pub tx: Recovered<TxEnvelope>,
    pub block_number: u64,
    pub block_hash: B256,
    pub block_timestamp: u64,
    pub index: u64,
    pub receipt: ReceiptWithBloom<Receipt<Log>>,
    pub gas_used: u64,
    pub effective_gas_price: u128,
    pub contract_address: Option<Address>,
    /// Block-wide index of this transaction's first log.
    pub first_log_index: u64,
    /// Part of `gas_used` that paid for posting the transaction to L1.
    pub gas_used_for_l1: u64,
    /// The L1 block number the transaction saw as `block.number`.
    pub l1_block_number: u64,
}

impl MinedTx {
    pub fn hash(&self) -> B256 {
        *self.tx.inner().tx_hash()
    }

    pub fn receipt_envelope(&self) -> ReceiptEnvelope<Log> {
        ReceiptEnvelope::from_typed(self.tx.inner().tx_type(), self.receipt.clone())
    }
}

/// Decodes a signed EIP-2718 transaction and recovers its sender.
pub fn decode_raw(raw: &[u8]) -> Result<Recovered<TxEnvelope>, ChainError> {
    let envelope = TxEnvelope::decode_2718_exact(raw)
        .map_err(|e| ChainError::InvalidParams(format!("failed to decode transaction: {e}")))?;
    let sender = envelope
        .recover_signer()
        .map_err(|e| ChainError::Rejected(format!("invalid sender: {e}")))?;
    Ok(Recovered::new_unchecked(envelope, sender))
}

/// Price per gas the sender pays in a block with `base_fee`.
pub fn effective_gas_price(tx: &TxEnvelope, base_fee: u64) -> u128 {
    tx.effective_gas_price(Some(base_fee))
}

pub fn tx_env(tx: &Recovered<TxEnvelope>) -> Result<TxEnv, ChainError> {
    let envelope = tx.inner();
    let authorization_list = match envelope {
        TxEnvelope::Eip4844(_) => {
            return Err(ChainError::Rejected(
                "blob transactions are not supported: Arbitrum chains carry no blobs".into(),
            ));
        }
        TxEnvelope::Eip7702(signed) => signed
            .tx()
            .authorization_list
            .iter()
            .cloned()
            .map(Either::Left)
            .collect(),
        _ => Vec::new(),
    };
    Ok(TxEnv {
        tx_type: envelope.tx_type() as u8,
        caller: tx.signer(),
        gas_limit: envelope.gas_limit(),
        gas_price: envelope.max_fee_per_gas(),
        kind: envelope.kind(),
        value: envelope.value(),
        data: envelope.input().clone(),
        nonce: envelope.nonce(),
        chain_id: envelope.chain_id(),
        access_list: envelope.access_list().cloned().unwrap_or_default(),
        gas_priority_fee: envelope.max_priority_fee_per_gas(),
        authorization_list,
        ..TxEnv::default()
    })
}

/// What the sender asked for in `eth_sendTransaction`, completed with the chain's defaults.
pub struct Filled {
    pub nonce: u64,
    pub gas_limit: u64,
    pub chain_id: u64,
    /// The next block's base fee, the default max fee per gas.
    pub base_fee: u64,
}

/// Builds the transaction `eth_sendTransaction` describes: legacy when `gasPrice` is given
/// (EIP-2930 if it also has an access list), EIP-1559 otherwise.
pub fn build_typed(
    request: &TransactionRequest,
    filled: &Filled,
) -> Result<alloy::consensus::TypedTransaction, ChainError> {
    let to = request.to.unwrap_or(TxKind::Create);
    let value = request.value.unwrap_or_default();
    let input = request.input.input().cloned().unwrap_or_default();
    let access_list = request.access_list.clone();
    if request.blob_versioned_hashes.is_some() || request.sidecar.is_some() {
        return Err(ChainError::Rejected(
            "blob transactions are not supported: Arbitrum chains carry no blobs".into(),
        ));
    }
    if request.authorization_list.is_some() {
        return Err(ChainError::InvalidParams(
            "eth_sendTransaction cannot sign EIP-7702 authorizations; send it raw".into(),
        ));
    }
    let tx = if let Some(gas_price) = request.gas_price {
        match access_list {
            Some(access_list) => TxEip2930 {
                chain_id: filled.chain_id,
                nonce: filled.nonce,
                gas_price,
                gas_limit: filled.gas_limit,
                to,
                value,
                input,
                access_list,
            }
            .into(),
            None => TxLegacy {
                chain_id: Some(filled.chain_id),
                nonce: filled.nonce,
                gas_price,
                gas_limit: filled.gas_limit,
                to,
                value,
                input,
            }
            .into(),
        }
    } else {
        let priority = request.max_priority_fee_per_gas.unwrap_or(0);
        TxEip1559 {
            chain_id: filled.chain_id,
            nonce: filled.nonce,
            gas_limit: filled.gas_limit,
            max_fee_per_gas: request
                .max_fee_per_gas
                .unwrap_or(filled.base_fee as u128 + priority),
            max_priority_fee_per_gas: priority,
            to,
            value,
            access_list: access_list.unwrap_or_default(),
            input,
        }
        .into()
    };
    Ok(tx)
}

/// Signs with a dev key, producing exactly what a wallet would have sent raw.
pub fn sign(
    tx: alloy::consensus::TypedTransaction,
    signer: &PrivateKeySigner,
) -> Result<Recovered<TxEnvelope>, ChainError> {
    let signature = signer
        .sign_hash_sync(&tx.signature_hash())
        .map_err(|e| ChainError::Internal(format!("signing failed: {e}")))?;
    Ok(Recovered::new_unchecked(
        envelope(tx, signature, None),
        signer.address(),
    ))
}

/// An impersonated sender has no key, so the transaction carries a placeholder signature
/// and a hash that also covers the sender (two impersonated senders sending the same fields
/// must not collide).
pub fn impersonate(
    tx: alloy::consensus::TypedTransaction,
    sender: Address,
) -> Recovered<TxEnvelope> {
    let placeholder = Signature::new(U256::from_be_slice(sender.as_slice()), U256::from(1), false);
    let mut preimage = envelope(tx.clone(), placeholder, None).encoded_2718();
    preimage.extend_from_slice(sender.as_slice());
    let hash = keccak256(preimage);
    Recovered::new_unchecked(envelope(tx, placeholder, Some(hash)), sender)
}

fn envelope(
    tx: alloy::consensus::TypedTransaction,
    signature: Signature,
    hash: Option<B256>,
) -> TxEnvelope {
    fn seal<T: SignableTransaction<Signature> + alloy::rlp::Encodable>(
        tx: T,
        signature: Signature,
        hash: Option<B256>,
    ) -> Signed<T>
    where
        Signed<T>: Encodable2718,
    {
        match hash {
            Some(hash) => Signed::new_unchecked(tx, signature, hash),
            None => tx.into_signed(signature),
        }
    }
    use alloy::consensus::TypedTransaction as T;
    match tx {
        T::Legacy(tx) => seal(tx, signature, hash).into(),
        T::Eip2930(tx) => seal(tx, signature, hash).into(),
        T::Eip1559(tx) => seal(tx, signature, hash).into(),
        T::Eip4844(tx) => seal(tx.tx().clone(), signature, hash).into(),
        T::Eip7702(tx) => seal(tx, signature, hash).into(),
    }
}

/// Turns revm's refusal into the message geth gives, which tools match on.
pub fn rejection(error: ExecError) -> ChainError {
    use InvalidTransaction as I;
    let message = match error {
        ExecError::Transaction(invalid) => match invalid {
            I::NonceTooLow { tx, state } => {
                format!("nonce too low: next nonce {state}, tx nonce {tx}")
            }
            I::NonceTooHigh { tx, state } => format!(
                "nonce too high: next nonce {state}, tx nonce {tx} (this devnet mines each \
                 transaction at once and does not queue nonce gaps)"
            ),
            I::LackOfFundForMaxFee { fee, balance } => format!(
                "insufficient funds for gas * price + value: balance {balance}, tx cost {fee}"
            ),
            I::GasPriceLessThanBasefee => "max fee per gas less than block base fee".to_owned(),
            I::CallerGasLimitMoreThanBlock => "exceeds block gas limit".to_owned(),
            I::CallGasCostMoreThanGasLimit {
                initial_gas,
                gas_limit,
            } => {
                format!("intrinsic gas too low: gas {gas_limit}, minimum needed {initial_gas}")
            }
            I::GasFloorMoreThanGasLimit {
                gas_floor,
                gas_limit,
            } => format!(
                "insufficient gas for floor data gas cost: gas {gas_limit}, minimum needed \
                 {gas_floor}"
            ),
            I::PriorityFeeGreaterThanMaxFee => {
                "max priority fee per gas higher than max fee per gas".to_owned()
            }
            I::RejectCallerWithCode => "sender not an eoa".to_owned(),
            I::InvalidChainId => "invalid chain id for signer".to_owned(),
            other => other.to_string(),
        },
        ExecError::Header(header) => return ChainError::Internal(header.to_string()),
        other => return ChainError::Internal(other.to_string()),
    };
    ChainError::Rejected(message)
}

impl MinedTx {
    /// This transaction's logs as RPC returns them, with block and position filled in.
    pub fn rpc_logs(&self) -> Vec<alloy::rpc::types::Log> {
        self.receipt
            .receipt
            .logs
            .iter()
            .enumerate()
            .map(|(i, log)| alloy::rpc::types::Log {
                inner: log.clone(),
                block_hash: Some(self.block_hash),
                block_number: Some(self.block_number),
                block_timestamp: Some(self.block_timestamp),
                transaction_hash: Some(self.hash()),
                transaction_index: Some(self.index),
                log_index: Some(self.first_log_index + i as u64),
                removed: false,
            })
            .collect()
    }
}
