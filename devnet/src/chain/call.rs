//! Read-only execution: `eth_call` and `eth_estimateGas`, with state overrides, run outside
//! the chain on a copy of the state they read.

use alloy::consensus::Header;
use alloy::eips::eip2930::AccessList;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, Bytes, TxKind, U256};
use alloy::rpc::types::state::StateOverride;
use alloy::rpc::types::{BlockOverrides, TransactionRequest};
use revm::DatabaseRef;
use revm::bytecode::Bytecode;
use revm::context::either::Either;
use revm::context::result::{
    ExecutionResult, HaltReason, InvalidTransaction, OutOfGasError, ResultAndState,
};
use revm::context::{BlockEnv, TxEnv};

use super::node_interface::{self, NodeQuery};
use super::{Chain, ChainError, tx};
use crate::evm::l1::{self, Posting};
use crate::evm::{Db, ExecError, Executor};

/// What one simulated run told the gas estimator.
enum Probe {
    Fits(u64),
    TooLow(ExecutionResult),
}

/// A read-only execution (`eth_call`, `eth_estimateGas`) prepared from the chain: its own
/// copy of the state it runs on, so it runs without holding the chain.
pub struct Simulation {
    executor: Executor,
    db: Db,
    env: BlockEnv,
    tx: TxEnv,
    /// The L1 data `eth_estimateGas` prices in (Nitro skips L1 charging for `eth_call`).
    posting: Posting,
    /// A call of NodeInterface: answered by the node, estimating `tx` instead.
    node_interface: Option<NodeQuery>,
}

impl Chain {
    /// Prepares running `request` on the state of `block` (the head, or the next block for
    /// `pending`), with `overrides` applied. The gas limit is the request's, or the cap
    /// `eth_estimateGas` searches below.
    pub fn simulation(
        &self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Result<Simulation, ChainError> {
        // NodeInterface (0xc8) only exists for calls: the node estimates the transaction
        // the call describes, as `eth_estimateGas` would.
        if let Some(query) = node_interface::query(request) {
            let (inner, query) = query?;
            let mut simulation = self.estimation(&inner, block, overrides)?;
            simulation.node_interface = Some(query);
            return Ok(simulation);
        }
        self.prepare_simulation(request, block, overrides, false)
    }

    /// Like [`Chain::simulation`], for `eth_estimateGas`: the transaction will run in the
    /// next block, whose time may be well past the head's (evm_increaseTime), so `latest`
    /// is estimated in the pending block's context (the state is the same, every
    /// transaction being mined at once), and the L1 data gas is priced in.
    pub fn estimation(
        &self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Result<Simulation, ChainError> {
        let block = match block {
            None | Some(BlockId::Number(BlockNumberOrTag::Latest)) => Some(BlockId::pending()),
            other => other,
        };
        self.prepare_simulation(request, block, overrides, true)
    }

    fn prepare_simulation(
        &self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
        estimating: bool,
    ) -> Result<Simulation, ChainError> {
        let (env, state) = match block {
            Some(BlockId::Number(BlockNumberOrTag::Pending)) => {
                (self.next_draft().env(), self.head_state())
            }
            _ => {
                let state = self.state_at(block)?;
                let header = &self.block_by_id(block.unwrap_or_default())?.header;
                (self.header_env(header), state)
            }
        };
        let mut db = Db::new(state.clone());
        if let Some(overrides) = overrides {
            apply_overrides(&mut db, overrides)?;
        }
        let template = self.call_tx(request, self.spec.gas_limit)?;
        let posting = match estimating {
            true => l1::estimated_posting(&template, self.spec.chain_id),
            false => Posting::None,
        };
        let cap = self.gas_cap(request, self.executor.poster_gas(&env, posting))?;
        Ok(Simulation {
            executor: self.executor.clone(),
            db,
            env,
            tx: TxEnv {
                gas_limit: cap,
                ..template
            },
            posting,
            node_interface: None,
        })
    }

    /// The environment a past block's transactions ran in. Headers report Nitro's 2^50
    /// block gas limit; transactions are capped at the chain's per-transaction limit.
    pub(super) fn header_env(&self, header: &Header) -> BlockEnv {
        BlockEnv {
            gas_limit: self.spec.gas_limit,
            ..header_env(header)
        }
    }

    /// Gas limit for estimation: the request's, else the transaction cap plus the L1 data
    /// gas (`l1_gas`) bought on top of it, lowered to what the sender can pay for when a
    /// gas price is given.
    fn gas_cap(&self, request: &TransactionRequest, l1_gas: u64) -> Result<u64, ChainError> {
        let cap = request
            .gas
            .unwrap_or(self.spec.gas_limit.saturating_add(l1_gas));
        let price = request.gas_price.or(request.max_fee_per_gas).unwrap_or(0);
        if price == 0 {
            return Ok(cap);
        }
        let from = request.from.unwrap_or_default();
        let balance = self.balance(from, None)?;
        let available = balance.saturating_sub(request.value.unwrap_or_default());
        let affordable = available / U256::from(price);
        Ok(u64::try_from(affordable).map_or(cap, |affordable| cap.min(affordable)))
    }

    pub(super) fn call_tx(
        &self,
        request: &TransactionRequest,
        gas_limit: u64,
    ) -> Result<TxEnv, ChainError> {
        let caller = request.from.unwrap_or(Address::ZERO);
        let nonce = match request.nonce {
            Some(nonce) => nonce,
            None => self.nonce(caller, None)?,
        };
        Ok(request_tx(request, gas_limit, nonce, self.spec.chain_id))
    }
}

/// The transaction a call request describes.
pub(super) fn request_tx(
    request: &TransactionRequest,
    gas_limit: u64,
    nonce: u64,
    chain_id: u64,
) -> TxEnv {
    let tx_type = if request.authorization_list.is_some() {
        4
    } else if request.max_fee_per_gas.is_some() || request.max_priority_fee_per_gas.is_some() {
        2
    } else if request.access_list.is_some() {
        1
    } else {
        0
    };
    TxEnv {
        tx_type,
        caller: request.from.unwrap_or(Address::ZERO),
        gas_limit,
        gas_price: request.gas_price.or(request.max_fee_per_gas).unwrap_or(0),
        gas_priority_fee: request.max_priority_fee_per_gas,
        kind: request.to.unwrap_or(TxKind::Create),
        value: request.value.unwrap_or_default(),
        data: request.input.input().cloned().unwrap_or_default(),
        nonce,
        chain_id: Some(chain_id),
        access_list: request.access_list.clone().unwrap_or_default(),
        authorization_list: request
            .authorization_list
            .iter()
            .flatten()
            .cloned()
            .map(Either::Left)
            .collect(),
        ..TxEnv::default()
    }
}

/// Block overrides (`eth_call`, `eth_simulateV1`): run as if in a block with these fields.
pub(super) fn override_block(
    env: &mut BlockEnv,
    db: &mut Db,
    overrides: &BlockOverrides,
) -> Result<(), ChainError> {
    if let Some(number) = overrides.number {
        env.number = number;
    }
    if let Some(time) = overrides.time {
        env.timestamp = U256::from(time);
    }
    if let Some(gas_limit) = overrides.gas_limit {
        env.gas_limit = gas_limit;
    }
    if let Some(coinbase) = overrides.coinbase {
        env.beneficiary = coinbase;
    }
    if let Some(random) = overrides.random {
        env.prevrandao = Some(random);
    }
    if let Some(base_fee) = overrides.base_fee {
        env.basefee = u64::try_from(base_fee).map_err(|_| {
            ChainError::InvalidParams(format!("base fee override too large: {base_fee}"))
        })?;
    }
    if let Some(difficulty) = overrides.difficulty {
        env.difficulty = difficulty;
    }
    for (number, hash) in overrides.block_hash.iter().flatten() {
        db.cache.block_hashes.insert(U256::from(*number), *hash);
    }
    Ok(())
}

impl Simulation {
    /// One run: the result and every account and slot it touched.
    pub fn run(&mut self) -> Result<ResultAndState, ChainError> {
        self.executor
            .simulate(
                &mut self.db,
                &self.env,
                self.tx.clone(),
                Posting::None,
                true,
            )
            .map_err(tx::rejection)
    }

    /// `eth_call`: the output, or the revert data as an error.
    pub fn call(mut self) -> Result<Bytes, ChainError> {
        if let Some(query) = self.node_interface.take() {
            let l1_gas = self.executor.poster_gas(&self.env, self.posting);
            let base_fee = U256::from(self.env.basefee);
            let l1_base_fee = U256::from(self.executor.rules().l1_base_fee);
            let total = match query {
                NodeQuery::Components => Some(self.estimate_gas()?),
                NodeQuery::L1Component => None,
            };
            return Ok(node_interface::answer(total, l1_gas, base_fee, l1_base_fee));
        }
        match self.run()?.result {
            ExecutionResult::Success { output, .. } => Ok(output.into_data()),
            other => Err(failure(other)),
        }
    }

    /// Replaces the access list (`eth_createAccessList` measures gas with it).
    pub fn set_access_list(&mut self, access_list: AccessList) {
        self.tx.access_list = access_list;
        self.tx.tx_type = self.tx.tx_type.max(1);
    }

    pub fn caller(&self) -> Address {
        self.tx.caller
    }

    pub fn target(&self) -> TxKind {
        self.tx.kind
    }

    pub fn nonce(&self) -> u64 {
        self.tx.nonce
    }

    pub(super) fn into_parts(self) -> (Executor, Db, BlockEnv, TxEnv) {
        (self.executor, self.db, self.env, self.tx)
    }

    /// `eth_call`'s block overrides: run as if in a block with these fields.
    pub fn override_block(&mut self, overrides: &BlockOverrides) -> Result<(), ChainError> {
        override_block(&mut self.env, &mut self.db, overrides)
    }

    /// `eth_estimateGas`: the smallest gas limit with which the request succeeds, found by
    /// binary search between what a run at the cap used and the cap, as geth and anvil do.
    /// Gas that is only needed transiently (63/64 rule, refunds) is covered because each
    /// probe is a real execution at that limit.
    pub fn estimate_gas(mut self) -> Result<u64, ChainError> {
        let cap = self.tx.gas_limit;
        let (executor, db, env, template) = (&self.executor, &mut self.db, &self.env, &self.tx);
        let posting = self.posting;
        let mut probe = |gas_limit: u64| -> Result<Probe, ChainError> {
            let tx = TxEnv {
                gas_limit,
                ..template.clone()
            };
            match executor.simulate(db, env, tx, posting, true) {
                Ok(run) if run.result.is_success() => Ok(Probe::Fits(run.result.tx_gas_used())),
                Ok(run) => Ok(Probe::TooLow(run.result)),
                // Below the intrinsic cost revm refuses the transaction outright.
                Err(ExecError::Transaction(
                    InvalidTransaction::CallGasCostMoreThanGasLimit { .. }
                    | InvalidTransaction::GasFloorMoreThanGasLimit { .. },
                )) => Ok(Probe::TooLow(ExecutionResult::Halt {
                    reason: HaltReason::OutOfGas(OutOfGasError::Basic),
                    gas: Default::default(),
                    logs: Vec::new(),
                })),
                Err(e) => Err(tx::rejection(e)),
            }
        };
        let used = match probe(cap)? {
            Probe::Fits(used) => used,
            Probe::TooLow(ExecutionResult::Halt {
                reason: HaltReason::OutOfGas(_),
                ..
            }) => return Err(ChainError::GasExceedsAllowance(cap)),
            Probe::TooLow(result) => return Err(failure(result)),
        };
        let (mut lo, mut hi) = (used.saturating_sub(1), cap);
        // Most calls need little more than they use; try that first, as geth does.
        let optimistic = used.saturating_add(2_300).saturating_mul(64) / 63;
        if optimistic < hi {
            match probe(optimistic)? {
                Probe::Fits(_) => hi = optimistic,
                Probe::TooLow(_) => lo = optimistic,
            }
        }
        while lo + 1 < hi {
            let mid = lo + (hi - lo) / 2;
            match probe(mid)? {
                Probe::Fits(_) => hi = mid,
                Probe::TooLow(_) => lo = mid,
            }
        }
        Ok(hi)
    }
}

pub(super) fn header_env(header: &Header) -> BlockEnv {
    BlockEnv {
        number: U256::from(header.number),
        beneficiary: header.beneficiary,
        timestamp: U256::from(header.timestamp),
        gas_limit: header.gas_limit,
        basefee: header.base_fee_per_gas.unwrap_or_default(),
        difficulty: header.difficulty,
        prevrandao: Some(header.mix_hash),
        ..BlockEnv::default()
    }
}

pub(super) fn failure(result: ExecutionResult) -> ChainError {
    match result {
        ExecutionResult::Revert { output, .. } => ChainError::Reverted { output },
        ExecutionResult::Halt { reason, .. } => ChainError::Halted(format!("{reason:?}")),
        ExecutionResult::Success { .. } => {
            ChainError::Internal("a successful run was reported as a failure".into())
        }
    }
}

pub(super) fn apply_overrides(db: &mut Db, overrides: &StateOverride) -> Result<(), ChainError> {
    for (address, account) in overrides {
        if account.state.is_some() && account.state_diff.is_some() {
            return Err(ChainError::InvalidParams(format!(
                "account {address} has both `state` and `stateDiff` overrides"
            )));
        }
        if account.move_precompile_to.is_some() {
            return Err(ChainError::InvalidParams(
                "movePrecompileToAddress overrides are not supported".into(),
            ));
        }
        let Ok(existing) = db.basic_ref(*address);
        let mut info = existing.unwrap_or_default();
        if let Some(balance) = account.balance {
            info.balance = balance;
        }
        if let Some(nonce) = account.nonce {
            info.nonce = nonce;
        }
        if let Some(code) = &account.code {
            let code = Bytecode::new_raw_checked(code.clone()).map_err(|e| {
                ChainError::InvalidParams(format!("invalid code override for {address}: {e}"))
            })?;
            info.code_hash = code.hash_slow();
            info.code = Some(code);
        }
        db.insert_account_info(*address, info);
        if let Some(state) = &account.state {
            let slots = state
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect();
            let Ok(()) = db.replace_account_storage(*address, slots);
        }
        if let Some(diff) = &account.state_diff {
            for (slot, value) in diff {
                let Ok(()) = db.insert_account_storage(*address, (*slot).into(), (*value).into());
            }
        }
    }
    Ok(())
}
