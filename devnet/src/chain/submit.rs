//! Instant mining: each accepted transaction is executed and sealed in its own block.

use alloy::consensus::transaction::Recovered;
use alloy::consensus::{Receipt, ReceiptEnvelope, Transaction as _, TxEnvelope};
use alloy::primitives::{Address, B256, Bytes, TxKind};
use alloy::rpc::types::TransactionRequest;
use revm::context::TxEnv;

use super::tx::{self, Filled, MinedTx};
use super::{BlockDraft, Chain, ChainError, MinedBlock, State};
use crate::evm::{Db, Executor};

/// How a transaction's sender was established.
#[derive(Clone, Copy)]
enum Sender {
    /// Recovered from a signature: every validity check applies.
    Signed,
    /// An impersonated account, unsigned: like Anvil, it may be a contract (no EIP-3607).
    Impersonated,
}

/// A transaction checked against the head and ready to execute in the next block.
pub struct PendingTx {
    executor: Executor,
    parent: State,
    draft: BlockDraft,
    tx: Recovered<TxEnvelope>,
    env: TxEnv,
    sender: Sender,
}

/// A block executed and sealed on top of the head, waiting to be appended.
pub struct ExecutedBlock {
    state: State,
    block: MinedBlock,
    tx: Option<MinedTx>,
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
        }
    }

    /// `eth_sendRawTransaction`, step one: decode and check what can be checked before
    /// executing.
    pub fn prepare_raw(&self, raw: &[u8]) -> Result<PendingTx, ChainError> {
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
            request.nonce = Some(self.nonce(from, None)?);
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
    pub fn prepare_send(&self, request: &TransactionRequest) -> Result<PendingTx, ChainError> {
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
                None => self.nonce(from, None)?,
            },
            gas_limit: request.gas.unwrap_or(self.spec.gas_limit),
            chain_id: request.chain_id.unwrap_or(self.spec.chain_id),
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
    fn prepare(&self, tx: Recovered<TxEnvelope>, sender: Sender) -> Result<PendingTx, ChainError> {
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
        Ok(PendingTx {
            executor: self.executor.clone(),
            parent: self.state.head.clone(),
            draft: self.next_draft(),
            env: tx::tx_env(&tx)?,
            tx,
            sender,
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
        let hash = executed.tx.map(|tx| {
            let hash = tx.hash();
            self.state
                .by_sender
                .insert((tx.tx.signer(), tx.tx.inner().nonce()), hash);
            self.state.txs.insert(hash, tx);
            hash
        });
        self.append(executed.block);
        Ok(hash)
    }

    /// Executes and appends in one step, holding the chain throughout (tests, tools).
    pub fn send_raw_transaction(&mut self, raw: &[u8]) -> Result<B256, ChainError> {
        let executed = self.prepare_raw(raw)?.execute()?;
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
        self.state.blocks.push(block);
    }
}

impl PendingTx {
    /// Executes the transaction on the parent state and seals its block. Runs without the
    /// chain: the parent state is an immutable copy.
    pub fn execute(self) -> Result<ExecutedBlock, ChainError> {
        let PendingTx {
            executor,
            parent,
            draft,
            tx,
            env,
            sender,
        } = self;
        let mut db = Db::new(parent);
        let block_env = draft.env();
        let result = match sender {
            Sender::Signed => executor.transact_commit(&mut db, &block_env, env),
            Sender::Impersonated => executor.transact_commit_impersonated(&mut db, &block_env, env),
        }
        .map_err(tx::rejection)?;
        let mut state = db.db;
        state.apply(db.cache);

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
        let block = draft.seal(&state, std::slice::from_ref(tx.inner()), &[envelope]);
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
            tx,
        };
        Ok(ExecutedBlock {
            state,
            block,
            tx: Some(mined),
        })
    }
}
