//! `debug_traceTransaction` and `debug_traceCall`, replayed on the state the transaction
//! saw: geth's `callTracer` here (the tree of calls and creations, EVM and Stylus alike: a
//! Stylus program's calls are frames of the same loop), its struct logger in
//! [`super::struct_log`].

use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, B256, Bytes, U64, U256};
use alloy::sol_types::{Revert, SolError};
use revm::context::result::ExecutionResult;
use revm::context::{BlockEnv, TxEnv};
use revm::handler::FrameResult;
use revm::interpreter::InstructionResult;
use serde::Serialize;

use super::struct_log::{StructLogOptions, StructLogTrace, StructLogger};
use super::{Chain, ChainError, Simulation, tx};
use crate::evm::l1::{self, Posting};
use crate::evm::observe::{FrameKind, FrameObserver, FrameStart};
use crate::evm::{Checks, Db, Executor};
use crate::stylus::RecentPrograms;
use alloy::eips::eip2718::Encodable2718 as _;

/// One call in geth's `callTracer` shape.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallFrame {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub from: Address,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<U256>,
    pub gas: U64,
    pub gas_used: U64,
    pub input: Bytes,
    #[serde(skip_serializing_if = "no_bytes")]
    pub output: Bytes,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revert_reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<CallFrame>,
}

fn no_bytes(bytes: &Bytes) -> bool {
    bytes.is_empty()
}

/// Builds the call tree as frames open and return.
#[derive(Default)]
struct CallTracer {
    open: Vec<CallFrame>,
    root: Option<CallFrame>,
}

impl FrameObserver for CallTracer {
    fn enter(&mut self, frame: FrameStart) {
        let kind = match frame.kind {
            FrameKind::Call => "CALL",
            FrameKind::CallCode => "CALLCODE",
            FrameKind::DelegateCall => "DELEGATECALL",
            FrameKind::StaticCall => "STATICCALL",
            FrameKind::Create => "CREATE",
            FrameKind::Create2 => "CREATE2",
        };
        // geth reports no value for calls that cannot carry one.
        let carries_value = !matches!(frame.kind, FrameKind::DelegateCall | FrameKind::StaticCall);
        self.open.push(CallFrame {
            kind,
            from: frame.from,
            to: frame.to,
            value: carries_value.then_some(frame.value),
            gas: U64::from(frame.gas_limit),
            gas_used: U64::ZERO,
            input: frame.input,
            output: Bytes::new(),
            error: None,
            revert_reason: None,
            calls: Vec::new(),
        });
    }

    fn exit(&mut self, result: &FrameResult) {
        let Some(mut frame) = self.open.pop() else {
            return;
        };
        let outcome = match result {
            FrameResult::Call(call) => &call.result,
            FrameResult::Create(create) => {
                frame.to = frame.to.or(create.address);
                &create.result
            }
        };
        frame.gas_used = U64::from(outcome.gas.total_gas_spent());
        frame.output = outcome.output.clone();
        if !outcome.result.is_ok() {
            frame.error = Some(error_text(outcome.result));
            frame.revert_reason = revert_reason(outcome.result, &outcome.output);
        }
        match self.open.last_mut() {
            Some(parent) => parent.calls.push(frame),
            None => self.root = Some(frame),
        }
    }
}

impl CallTracer {
    /// The top frame, with the transaction's own gas figures as geth reports them. A top
    /// frame that returned at once (a plain transfer) never passed through `exit`.
    fn finish(self, gas_limit: u64, result: &ExecutionResult) -> Result<CallFrame, ChainError> {
        let mut root = self
            .root
            .or_else(|| self.open.into_iter().next())
            .ok_or_else(|| ChainError::Internal("the trace saw no frame".into()))?;
        root.gas = U64::from(gas_limit);
        root.gas_used = U64::from(result.tx_gas_used());
        match result {
            ExecutionResult::Success { output, .. } => {
                root.output = output.data().clone();
                root.error = None;
            }
            ExecutionResult::Revert { output, .. } => {
                root.output = output.clone();
                root.error = Some(error_text(InstructionResult::Revert));
                root.revert_reason = revert_reason(InstructionResult::Revert, output);
            }
            ExecutionResult::Halt { reason, .. } => {
                root.output = Bytes::new();
                root.error = Some(halt_text(reason));
            }
        }
        Ok(root)
    }
}

/// geth's wording, which tools match on.
pub(super) fn error_text(result: InstructionResult) -> String {
    use InstructionResult as R;
    match result {
        R::Revert => "execution reverted".into(),
        R::OutOfGas
        | R::MemoryOOG
        | R::MemoryLimitOOG
        | R::PrecompileOOG
        | R::InvalidOperandOOG
        | R::ReentrancySentryOOG => "out of gas".into(),
        R::CallTooDeep => "max call depth exceeded".into(),
        R::OutOfFunds => "insufficient balance for transfer".into(),
        R::OpcodeNotFound | R::InvalidFEOpcode => "invalid opcode".into(),
        R::InvalidJump => "invalid jump destination".into(),
        R::StateChangeDuringStaticCall | R::CallNotAllowedInsideStatic => "write protection".into(),
        R::StackUnderflow => "stack underflow".into(),
        R::StackOverflow => "stack limit reached 1024".into(),
        R::CreateCollision => "contract address collision".into(),
        R::CreateContractSizeLimit => "max code size exceeded".into(),
        other => format!("{other:?}"),
    }
}

fn halt_text(reason: &revm::context::result::HaltReason) -> String {
    use revm::context::result::HaltReason as H;
    match reason {
        H::OutOfGas(_) => "out of gas".into(),
        H::OpcodeNotFound | H::InvalidFEOpcode => "invalid opcode".into(),
        H::InvalidJump => "invalid jump destination".into(),
        H::CallTooDeep => "max call depth exceeded".into(),
        H::OutOfFunds => "insufficient balance for transfer".into(),
        other => format!("{other:?}"),
    }
}

fn revert_reason(result: InstructionResult, output: &Bytes) -> Option<String> {
    if result != InstructionResult::Revert {
        return None;
    }
    Revert::abi_decode(output).ok().map(|revert| revert.reason)
}

/// A replay or call ready to trace, detached from the chain.
pub struct TraceJob {
    executor: Executor,
    db: Db,
    env: BlockEnv,
    tx: TxEnv,
    /// The L1 data charged: a mined transaction's, none for a call (as `eth_call`).
    posting: Posting,
    checks: Checks,
    /// The programs the block's earlier transactions ran (ArbOS 60's recent-programs cache).
    recent: RecentPrograms,
}

impl TraceJob {
    pub fn call_tracer(self) -> Result<CallFrame, ChainError> {
        let mut tracer = CallTracer::default();
        let gas_limit = self.tx.gas_limit;
        let result = self.run(&mut tracer)?;
        tracer.finish(gas_limit, &result)
    }

    pub fn struct_logger(self, options: StructLogOptions) -> Result<StructLogTrace, ChainError> {
        let mut logger = StructLogger::new(options);
        let result = self.run(&mut logger)?;
        Ok(logger.finish(&result))
    }

    fn run(mut self, observer: &mut dyn FrameObserver) -> Result<ExecutionResult, ChainError> {
        let run = self
            .executor
            .run_in_block(
                &mut self.db,
                &self.env,
                self.tx,
                self.posting,
                self.checks,
                Some(observer),
                &mut self.recent,
            )
            .map_err(tx::rejection)?;
        Ok(run.result)
    }
}

impl Chain {
    /// Replays mined transaction `hash` on the state before it: its parent block's state
    /// with the transactions mined before it in its block applied (without automine a
    /// block holds several).
    pub fn trace_transaction(&self, hash: B256) -> Result<TraceJob, ChainError> {
        let mined = self
            .transaction(hash)
            .ok_or_else(|| ChainError::InvalidParams(format!("transaction {hash} not found")))?;
        let number = mined.block_number;
        let parent = number.checked_sub(1).ok_or_else(|| {
            ChainError::InvalidParams("the genesis block has no transactions".into())
        })?;
        let state = self.state_at(Some(BlockId::Number(BlockNumberOrTag::Number(parent))))?;
        let block = self
            .block_by_number(number)
            .ok_or_else(|| ChainError::BlockNotFound(format!("block {number}")))?;
        let env = self.header_env(&block.header);
        let mut db = Db::new(state.clone());
        let mut recent = RecentPrograms::default();
        for earlier in block.transactions.iter().take_while(|&&h| h != hash) {
            let earlier = self.transaction(*earlier).ok_or_else(|| {
                ChainError::Internal(format!(
                    "transaction {earlier} of block {number} is missing"
                ))
            })?;
            self.executor
                .transact_commit_in_block(
                    &mut db,
                    &env,
                    tx::tx_env(&earlier.tx)?,
                    posting(earlier),
                    Checks::Impersonated,
                    &mut recent,
                )
                .map_err(tx::rejection)?;
        }
        Ok(TraceJob {
            executor: self.executor.clone(),
            db,
            env,
            tx: tx::tx_env(&mined.tx)?,
            posting: posting(mined),
            // Every check of a signed transaction but EIP-3607, which an impersonated
            // contract sender was spared when the transaction was mined.
            checks: Checks::Impersonated,
            recent,
        })
    }
}

/// The L1 data a mined transaction paid for.
fn posting(mined: &tx::MinedTx) -> Posting {
    Posting::Signed {
        units: l1::poster_units(&mined.tx.inner().encoded_2718()),
    }
}

impl Simulation {
    /// `debug_traceCall`: the call as `eth_call` would run it.
    pub fn into_trace(self) -> TraceJob {
        let (executor, db, env, tx) = self.into_parts();
        TraceJob {
            executor,
            db,
            env,
            tx,
            posting: Posting::None,
            checks: Checks::Relaxed,
            recent: RecentPrograms::default(),
        }
    }
}
