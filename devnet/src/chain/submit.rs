//! Mining: with automine (the default) each accepted transaction is executed and sealed in
//! its own block; without it, transactions wait in the pool until a block is mined
//! (`evm_mine`, interval mining), which then carries all that fit.

use alloy::consensus::transaction::Recovered;
use alloy::consensus::{Receipt, ReceiptEnvelope, Transaction as _, TxEnvelope};
use alloy::eips::BlockNumberOrTag;
use alloy::eips::eip2718::Encodable2718;
use alloy::primitives::{Address, B256, Bytes, TxKind};
use alloy::rpc::types::TransactionRequest;

use super::tx::{self, Filled, MinedTx};
use super::{BlockDraft, Chain, ChainError, MinedBlock, State};
use crate::evm::l1::{self, Posting};
use crate::evm::{Checks, Db, Executor};
use crate::stylus::RecentPrograms;

/// How a transaction's sender was established.
#[derive(Clone, Copy, Debug)]
pub enum Sender {
    /// Recovered from a signature: every validity check applies.
    Signed,
    /// An impersonated account, unsigned: like Anvil, it may be a contract (no EIP-3607).
    Impersonated,
}

/// A transaction checked against the head, to execute in the next block or to pool.
#[derive(Clone, Debug)]
pub struct Queued {
    pub tx: Recovered<TxEnvelope>,
    pub sender: Sender,
}

impl Queued {
    pub fn hash(&self) -> B256 {
        *self.tx.inner().tx_hash()
    }
}

/// The next block's transactions, ready to execute on the head's state.
pub struct PendingTx {
    executor: Executor,
    parent: State,
    draft: BlockDraft,
    txs: Vec<Queued>,
    /// Automine: the one transaction's refusal is the sender's error. From the pool, a
    /// transaction that became invalid is dropped instead.
    strict: bool,
}

/// A block executed and sealed on top of the head, waiting to be appended.
pub struct ExecutedBlock {
    state: State,
    block: MinedBlock,
    txs: Vec<MinedTx>,
    /// Pool transactions left out because they could not be included.
    dropped: Vec<B256>,
}

impl ExecutedBlock {
    pub fn block(&self) -> &MinedBlock {
        &self.block
    }
}

impl Chain {
    pub(super) fn next_draft(&self) -> BlockDraft {
        let head = self.head();
        BlockDraft {
            parent_hash: head.hash(),
            number: head.number() + 1,
            timestamp: self.state.clock.next_timestamp(head.timestamp()),
            gas_limit: self.spec.gas_limit,
            coinbase: self.coinbase,
            base_fee: self.next_base_fee(),
        }
    }

    /// The base fee the next block will have.
    pub fn next_base_fee(&self) -> u64 {
        self.next_base_fee.unwrap_or(crate::config::BASE_FEE)
    }

    /// `eth_sendRawTransaction`, step one: decode and check what can be checked before
    /// executing.
    pub fn prepare_raw(&self, raw: &[u8]) -> Result<Queued, ChainError> {
        let tx = tx::decode_raw(raw)?;
        self.prepare(tx, Sender::Signed)
    }

    /// `eth_sendTransaction`, step one: completes `from` (the first dev account) and the
    /// nonce, and checks that the node may send for `from`. The gas limit, when missing, is
    /// then estimated by the caller.
    pub fn fill_request(
        &self,
        mut request: TransactionRequest,
    ) -> Result<TransactionRequest, ChainError> {
        let from = match request.from {
            Some(from) => from,
            None => *self
                .accounts
                .addresses()
                .first()
                .ok_or_else(|| ChainError::InvalidParams("missing `from`".into()))?,
        };
        request.from = Some(from);
        if !self.can_send_for(from) {
            return Err(ChainError::NoSigner(from));
        }
        if request.nonce.is_none() {
            request.nonce = Some(self.nonce(from, Some(BlockNumberOrTag::Pending.into()))?);
        }
        Ok(request)
    }

    /// Whether the node signs for `from` (a dev key) or sends unsigned for it (impersonated).
    pub fn can_send_for(&self, from: Address) -> bool {
        self.accounts.signer(from).is_some()
            || self.auto_impersonate
            || self.impersonated.contains(&from)
    }

    /// `eth_sendTransaction`, step two: signs `request` (filled, with its gas limit) with
    /// the dev key, or sends it unsigned for an impersonated account.
    pub fn prepare_send(&self, request: &TransactionRequest) -> Result<Queued, ChainError> {
        let (tx, sender) = self.build_transaction(request)?;
        self.prepare(tx, sender)
    }

    /// The transaction `request` describes, signed by the node when it holds the key.
    fn build_transaction(
        &self,
        request: &TransactionRequest,
    ) -> Result<(Recovered<TxEnvelope>, Sender), ChainError> {
        let from = request.from.unwrap_or_default();
        if !self.can_send_for(from) {
            return Err(ChainError::NoSigner(from));
        }
        let filled = Filled {
            nonce: match request.nonce {
                Some(nonce) => nonce,
                None => self.nonce(from, Some(BlockNumberOrTag::Pending.into()))?,
            },
            gas_limit: request.gas.unwrap_or(self.spec.gas_limit),
            chain_id: request.chain_id.unwrap_or(self.spec.chain_id),
            base_fee: self.next_base_fee(),
        };
        let typed = tx::build_typed(request, &filled)?;
        Ok(match self.accounts.signer(from) {
            Some(signer) => (tx::sign(typed, signer)?, Sender::Signed),
            None => (tx::impersonate(typed, from), Sender::Impersonated),
        })
    }

    /// `eth_signTransaction`: the signed transaction, encoded, without sending it.
    pub fn sign_transaction(&self, request: &TransactionRequest) -> Result<Bytes, ChainError> {
        use alloy::eips::eip2718::Encodable2718;
        let from = request.from.unwrap_or_default();
        if self.accounts.signer(from).is_none() {
            return Err(ChainError::NoSigner(from));
        }
        let (tx, _) = self.build_transaction(request)?;
        Ok(tx.inner().encoded_2718().into())
    }

    /// Checks that can be made without executing. A transaction that cannot be included
    /// (bad nonce, funds, gas, chain id) changes nothing; one that reverts is mined with
    /// status 0, as on any Ethereum chain.
    fn prepare(&self, tx: Recovered<TxEnvelope>, sender: Sender) -> Result<Queued, ChainError> {
        let hash = *tx.inner().tx_hash();
        if self.state.txs.contains_key(&hash) || self.pool.iter().any(|q| q.hash() == hash) {
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
        tx::tx_env(&tx)?;
        Ok(Queued { tx, sender })
    }

    /// The next block with just `tx` (automine).
    pub fn block_with(&self, tx: Queued) -> PendingTx {
        PendingTx {
            executor: self.executor.clone(),
            parent: self.state.head.clone(),
            draft: self.next_draft(),
            txs: vec![tx],
            strict: true,
        }
    }

    /// The next block with the pool's transactions, in arrival order, as many as the
    /// block's gas limit takes (at least one); `None` when the pool is empty.
    pub fn block_from_pool(&self) -> Option<PendingTx> {
        let mut gas = 0u64;
        let txs: Vec<Queued> = self
            .pool
            .iter()
            .take_while(|q| {
                gas = gas.saturating_add(q.tx.inner().gas_limit());
                gas <= self.spec.gas_limit
            })
            .cloned()
            .collect();
        let txs = match txs.is_empty() {
            true => self.pool.first().cloned().into_iter().collect(),
            false => txs,
        };
        (!txs.is_empty()).then(|| PendingTx {
            executor: self.executor.clone(),
            parent: self.state.head.clone(),
            draft: self.next_draft(),
            txs,
            strict: false,
        })
    }

    /// Appends a block executed on top of the current head. The caller serialises
    /// preparation and commit, so the head cannot have moved in between.
    pub fn commit(&mut self, executed: ExecutedBlock) -> Result<Option<B256>, ChainError> {
        if executed.block.header.parent_hash != self.head().hash() {
            return Err(ChainError::Internal(
                "the head moved while the block executed".into(),
            ));
        }
        self.remember_head_state();
        self.state.head = executed.state;
        let mut hashes = Vec::with_capacity(executed.txs.len());
        for tx in executed.txs {
            let hash = tx.hash();
            self.state
                .by_sender
                .insert((tx.tx.signer(), tx.tx.inner().nonce()), hash);
            self.state.txs.insert(hash, tx);
            hashes.push(hash);
        }
        self.pool
            .retain(|q| !hashes.contains(&q.hash()) && !executed.dropped.contains(&q.hash()));
        self.append(executed.block);
        Ok(hashes.first().copied())
    }

    /// Executes and appends in one step, holding the chain throughout (tests, tools).
    pub fn send_raw_transaction(&mut self, raw: &[u8]) -> Result<B256, ChainError> {
        let queued = self.prepare_raw(raw)?;
        let executed = self.block_with(queued).execute()?;
        Ok(self
            .commit(executed)?
            .expect("a transaction block has a transaction"))
    }

    /// Mines a block without transactions (`evm_mine`, `anvil_mine`).
    pub fn mine_empty(&mut self) -> &MinedBlock {
        self.remember_head_state();
        let block = self.next_draft().seal(&self.state.head, &[], &[]);
        self.append(block);
        self.head()
    }

    fn append(&mut self, block: MinedBlock) {
        let (number, hash) = (block.number(), block.hash());
        // BLOCKHASH reads these; without them revm would answer with made-up hashes.
        self.state.head.set_block_hash(number, hash);
        self.state.block_numbers.insert(hash, number);
        self.state.clock.block_mined(block.timestamp());
        self.next_base_fee = None;
        self.state.blocks.push(block);
    }
}

impl PendingTx {
    /// Executes the transactions in order on the parent state and seals the block. Runs
    /// without the chain: the parent state is an immutable copy.
    pub fn execute(self) -> Result<ExecutedBlock, ChainError> {
        let PendingTx {
            executor,
            parent,
            draft,
            txs,
            strict,
        } = self;
        let mut db = Db::new(parent);
        let block_env = draft.env();
        let mut receipts = Vec::with_capacity(txs.len());
        let mut included = Vec::with_capacity(txs.len());
        let mut dropped = Vec::new();
        // The programs the block's transactions ran, for ArbOS 60's recent-programs cache.
        let mut recent = RecentPrograms::default();
        let mut cumulative_gas = 0;
        let mut log_count = 0u64;
        for Queued { tx, sender } in txs {
            // Nitro charges each transaction's L1 data (its signed encoding) as gas.
            let posting = Posting::Signed {
                units: l1::poster_units(&tx.inner().encoded_2718()),
            };
            let result = tx::tx_env(&tx).and_then(|env| {
                let checks = match sender {
                    Sender::Signed => Checks::Signed,
                    Sender::Impersonated => Checks::Impersonated,
                };
                executor
                    .transact_commit_in_block(
                        &mut db,
                        &block_env,
                        env,
                        posting,
                        checks,
                        &mut recent,
                    )
                    .map_err(tx::rejection)
            });
            let result = match result {
                Ok(result) => result,
                Err(error) if strict => return Err(error),
                Err(_) => {
                    dropped.push(*tx.inner().tx_hash());
                    continue;
                }
            };
            let gas_used = result.tx_gas_used();
            cumulative_gas += gas_used;
            let contract_address = match tx.inner().kind() {
                TxKind::Create => Some(tx.signer().create(tx.inner().nonce())),
                TxKind::Call(_) => None,
            };
            let receipt = Receipt {
                status: result.is_success().into(),
                cumulative_gas_used: cumulative_gas,
                logs: result.into_logs(),
            }
            .with_bloom();
            let first_log_index = log_count;
            log_count += receipt.receipt.logs.len() as u64;
            receipts.push(ReceiptEnvelope::from_typed(
                tx.inner().tx_type(),
                receipt.clone(),
            ));
            included.push(Included {
                gas_used_for_l1: executor.poster_gas(&block_env, posting),
                tx,
                receipt,
                gas_used,
                contract_address,
                first_log_index,
            });
        }
        let mut state = db.db;
        state.apply(db.cache);
        let envelopes: Vec<TxEnvelope> = included.iter().map(|i| i.tx.inner().clone()).collect();
        let block = draft.seal(&state, &envelopes, &receipts);
        let txs = included
            .into_iter()
            .enumerate()
            .map(|(index, i)| MinedTx {
                block_number: block.number(),
                block_hash: block.hash(),
                block_timestamp: block.timestamp(),
                index: index as u64,
                receipt: i.receipt,
                gas_used: i.gas_used,
                effective_gas_price: tx::effective_gas_price(i.tx.inner(), block_env.basefee),
                contract_address: i.contract_address,
                first_log_index: i.first_log_index,
                gas_used_for_l1: i.gas_used_for_l1,
                l1_block_number: l1::block_number(block.timestamp()),
                tx: i.tx,
            })
            .collect();
        Ok(ExecutedBlock {
            state,
            block,
            txs,
            dropped,
        })
    }
}

/// A transaction that made it into the block, before the block is sealed.
struct Included {
    tx: Recovered<TxEnvelope>,
    receipt: alloy::consensus::ReceiptWithBloom<Receipt<alloy::primitives::Log>>,
    gas_used: u64,
    contract_address: Option<Address>,
    first_log_index: u64,
    gas_used_for_l1: u64,
}
