//! `eth_simulateV1`: calls run in a sequence of made-up blocks on top of a real one, each
//! seeing the changes of those before it, nothing committed. The basic form: state and
//! block overrides, per-call results and logs, and the blocks' headers; no transfer
//! tracing, and the blocks list no transactions.

use alloy::consensus::{Receipt, ReceiptEnvelope, TxType};
use alloy::eips::BlockId;
use alloy::primitives::{B256, Bytes, Log, U256};
use alloy::rpc::types::simulate::{SimCallResult, SimulateError, SimulatePayload, SimulatedBlock};
use alloy::rpc::types::{Block, BlockTransactions, Header};
use revm::DatabaseCommit;
use revm::DatabaseRef;
use revm::context::result::ExecutionResult;

use super::call::{apply_overrides, override_block, request_tx};
use super::{BlockDraft, Chain, ChainError, State, tx};
use crate::evm::{Db, Executor};

/// geth's cap on blocks per simulation.
const MAX_BLOCKS: usize = 256;

/// A simulation prepared from the chain, run without it.
pub struct SimulateJob {
    executor: Executor,
    base: State,
    parent: alloy::consensus::Header,
    parent_hash: B256,
    chain_id: u64,
    /// The per-transaction gas cap (headers report Nitro's 2^50).
    gas_limit: u64,
    payload: SimulatePayload,
}

impl Chain {
    pub fn simulate_v1(
        &self,
        payload: SimulatePayload,
        block: Option<BlockId>,
    ) -> Result<SimulateJob, ChainError> {
        if payload.block_state_calls.len() > MAX_BLOCKS {
            return Err(ChainError::InvalidParams(format!(
                "too many blocks: at most {MAX_BLOCKS} per simulation"
            )));
        }
        let parent = self.block_by_id(block.unwrap_or_default())?;
        Ok(SimulateJob {
            executor: self.executor.clone(),
            base: self.state_at(block)?.clone(),
            parent: parent.header.inner().clone(),
            parent_hash: parent.hash(),
            chain_id: self.spec.chain_id,
            gas_limit: self.spec.gas_limit,
            payload,
        })
    }
}

impl SimulateJob {
    pub fn run(self) -> Result<Vec<SimulatedBlock>, ChainError> {
        let mut db = Db::new(self.base.clone());
        let mut parent = self.parent.clone();
        let mut parent_hash = self.parent_hash;
        let mut blocks = Vec::with_capacity(self.payload.block_state_calls.len());
        for sim in &self.payload.block_state_calls {
            if let Some(overrides) = &sim.state_overrides {
                apply_overrides(&mut db, overrides)?;
            }
            let draft = BlockDraft {
                parent_hash,
                number: parent.number + 1,
                timestamp: parent.timestamp + 1,
                gas_limit: self.gas_limit,
                coinbase: parent.beneficiary,
                base_fee: parent.base_fee_per_gas.unwrap_or(crate::config::BASE_FEE),
            };
            let mut env = draft.env();
            if let Some(overrides) = &sim.block_overrides {
                override_block(&mut env, &mut db, overrides)?;
            }
            let mut calls = Vec::with_capacity(sim.calls.len());
            let mut receipts = Vec::with_capacity(sim.calls.len());
            let mut cumulative = 0;
            for request in &sim.calls {
                let caller = request.from.unwrap_or_default();
                let Ok(account) = db.basic_ref(caller);
                let nonce = request
                    .nonce
                    .unwrap_or_else(|| account.map_or(0, |a| a.nonce));
                let gas_limit = request
                    .gas
                    .unwrap_or(env.gas_limit.saturating_sub(cumulative));
                let tx_env = request_tx(request, gas_limit, nonce, self.chain_id);
                let run = self
                    .executor
                    .simulate(
                        &mut db,
                        &env,
                        tx_env,
                        crate::evm::l1::Posting::None,
                        !self.payload.validation,
                    )
                    .map_err(tx::rejection)?;
                db.commit(run.state);
                let result = run.result;
                cumulative += result.tx_gas_used();
                receipts.push(ReceiptEnvelope::from_typed(
                    TxType::Eip1559,
                    Receipt {
                        status: result.is_success().into(),
                        cumulative_gas_used: cumulative,
                        logs: result.logs().to_vec(),
                    }
                    .with_bloom(),
                ));
                calls.push(call_result(result));
            }
            let mut state = self.base.clone();
            state.apply(db.cache.clone());
            let number = env.number.saturating_to();
            let draft = BlockDraft {
                number,
                timestamp: env.timestamp.saturating_to(),
                gas_limit: env.gas_limit,
                coinbase: env.beneficiary,
                base_fee: env.basefee,
                ..draft
            };
            let sealed = draft.seal(&state, &[], &receipts);
            let mut log_index = 0;
            for (index, call) in calls.iter_mut().enumerate() {
                for log in &mut call.logs {
                    log.block_hash = Some(sealed.hash());
                    log.block_number = Some(number);
                    log.block_timestamp = Some(sealed.timestamp());
                    log.transaction_index = Some(index as u64);
                    log.log_index = Some(log_index);
                    log_index += 1;
                }
            }
            parent_hash = sealed.hash();
            parent = sealed.header.inner().clone();
            blocks.push(SimulatedBlock {
                inner: Block {
                    header: Header {
                        hash: sealed.hash(),
                        inner: sealed.header.inner().clone(),
                        total_difficulty: Some(U256::ZERO),
                        size: None,
                    },
                    uncles: Vec::new(),
                    transactions: BlockTransactions::Hashes(Vec::new()),
                    withdrawals: None,
                },
                calls,
            });
        }
        Ok(blocks)
    }
}

/// geth's per-call result: the output, or an error with its code (3: reverted, -32015: a
/// halt in the EVM).
fn call_result(result: ExecutionResult) -> SimCallResult {
    let gas_used = result.tx_gas_used();
    let logs = result
        .logs()
        .iter()
        .cloned()
        .map(|inner: Log| alloy::rpc::types::Log {
            inner,
            ..Default::default()
        })
        .collect();
    let (return_data, error) = match result {
        ExecutionResult::Success { output, .. } => (output.into_data(), None),
        ExecutionResult::Revert { output, .. } => (
            output.clone(),
            Some(SimulateError {
                code: 3,
                message: "execution reverted".into(),
                data: Some(output),
            }),
        ),
        ExecutionResult::Halt { reason, .. } => (
            Bytes::new(),
            Some(SimulateError {
                code: -32015,
                message: format!("{reason:?}"),
                data: None,
            }),
        ),
    };
    SimCallResult {
        status: error.is_none(),
        return_data,
        logs,
        gas_used,
        max_used_gas: None,
        error,
    }
}
