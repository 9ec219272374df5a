//! Instant mining: each accepted transaction is executed and sealed in its own block.

use alloy::consensus::transaction::Recovered;
use alloy::consensus::{Receipt, ReceiptEnvelope, Transaction as _, TxEnvelope};
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{B256, TxKind, U256};
use alloy::rpc::types::TransactionRequest;

use super::tx::{self, Filled, MinedTx};
use super::{BlockDraft, Chain, ChainError, MinedBlock};
use crate::evm::l1::{self, Posting};

/// How a transaction's sender was established.
#[derive(Clone, Copy)]
enum Sender {
    /// Recovered from a signature: every validity check applies.
    Signed,
    /// An impersonated account, unsigned: like Anvil, it may be a contract (no EIP-3607).
    Impersonated,
}

impl Chain {
    pub(super) fn next_draft(&self) -> BlockDraft {
        let head = self.head();
        BlockDraft {
            parent_hash: head.hash(),
            number: head.number() + 1,
            timestamp: self.state.clock.next_timestamp(head.timestamp()),
            gas_limit: self.spec.gas_limit,
        }
    }

    /// `eth_sendRawTransaction`.
    pub fn send_raw_transaction(&mut self, raw: &[u8]) -> Result<B256, ChainError> {
        let tx = tx::decode_raw(raw)?;
        self.submit(tx, Sender::Signed)
    }

    /// `eth_sendTransaction`: signs with a dev key, or sends unsigned for an impersonated account.
    pub fn send_transaction(
        &mut self,
        mut request: TransactionRequest,
    ) -> Result<B256, ChainError> {
        let from = match request.from {
            Some(from) => from,
            None => *self
                .accounts
                .addresses()
                .first()
                .ok_or_else(|| ChainError::InvalidParams("missing `from`".into()))?,
        };
        request.from = Some(from);
        let signer = self.accounts.signer(from).cloned();
        if signer.is_none() && !self.auto_impersonate && !self.impersonated.contains(&from) {
            return Err(ChainError::NoSigner(from));
        }
        let nonce = match request.nonce {
            Some(nonce) => nonce,
            None => self.nonce(from, None)?,
        };
        let gas_limit = match request.gas {
            Some(gas) => gas,
            None => self.estimate_gas(&request, None, None)?,
        };
        let chain_id = request.chain_id.unwrap_or(self.spec.chain_id);
        let typed = tx::build_typed(
            &request,
            &Filled {
                nonce,
                gas_limit,
                chain_id,
            },
        )?;
        let (tx, sender) = match signer {
            Some(signer) => (tx::sign(typed, &signer)?, Sender::Signed),
            None => (tx::impersonate(typed, from), Sender::Impersonated),
        };
        self.submit(tx, sender)
    }

    /// Validates and executes `tx` in a new block. A transaction that cannot be included
    /// (bad nonce, funds, gas, chain id) changes nothing; one that reverts is mined with
    /// status 0, as on any Ethereum chain.
    fn submit(&mut self, tx: Recovered<TxEnvelope>, sender: Sender) -> Result<B256, ChainError> {
        let hash = *tx.inner().tx_hash();
        if self.state.txs.contains_key(&hash) {
            return Err(ChainError::Rejected(format!("already known: {hash}")));
        }
        if let Some(chain_id) = tx.inner().chain_id()
            && chain_id != self.spec.chain_id
        {
            return Err(ChainError::Rejected(format!(
                "invalid chain id for signer: have {chain_id} want {}",
                self.spec.chain_id
            )));
        }
        let env = tx::tx_env(&tx)?;
        let draft = self.next_draft();
        let block_env = draft.env();
        let posting = Posting::Signed {
            units: l1::poster_units(&tx.inner().encoded_2718()),
        };
        self.remember_head_state();
        let result = match sender {
            Sender::Signed => {
                self.executor
                    .transact_commit(&mut self.state.db, &block_env, env, posting)
            }
            Sender::Impersonated => self.executor.transact_commit_impersonated(
                &mut self.state.db,
                &block_env,
                env,
                posting,
            ),
        }
        .map_err(tx::rejection)?;
        let gas_used_for_l1 = self.executor.poster_gas(&block_env, posting);

        let gas_used = result.tx_gas_used();
        let status = result.is_success();
        let contract_address = match tx.inner().kind() {
            TxKind::Create => Some(tx.signer().create(tx.inner().nonce())),
            TxKind::Call(_) => None,
        };
        let receipt = Receipt {
            status: status.into(),
            cumulative_gas_used: gas_used,
            logs: result.into_logs(),
        }
        .with_bloom();
        let envelope = ReceiptEnvelope::from_typed(tx.inner().tx_type(), receipt.clone());
        let block = draft.seal(
            &self.state.db,
            std::slice::from_ref(tx.inner()),
            &[envelope],
        );
        let mined = MinedTx {
            block_number: block.number(),
            block_hash: block.hash(),
            block_timestamp: block.timestamp(),
            index: 0,
            receipt,
            gas_used,
            effective_gas_price: tx::effective_gas_price(tx.inner()),
            contract_address,
            first_log_index: 0,
            gas_used_for_l1,
            l1_block_number: l1::block_number(block.timestamp()),
            tx,
        };
        self.state.txs.insert(hash, mined);
        self.append(block);
        Ok(hash)
    }

    /// Mines a block without transactions (`evm_mine`, `anvil_mine`).
    pub fn mine_empty(&mut self) -> &MinedBlock {
        self.remember_head_state();
        let block = self.next_draft().seal(&self.state.db, &[], &[]);
        self.append(block);
        self.head()
    }

    fn append(&mut self, block: MinedBlock) {
        let (number, hash) = (block.number(), block.hash());
        // BLOCKHASH reads these; without them revm would answer with made-up hashes.
        self.state
            .db
            .cache
            .block_hashes
            .insert(U256::from(number), hash);
        self.state.block_numbers.insert(hash, number);
        self.state.clock.block_mined(block.timestamp());
        self.state.blocks.push(block);
    }
}
