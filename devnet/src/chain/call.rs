//! Read-only execution: `eth_call` and `eth_estimateGas`, with state overrides.

use alloy::consensus::Header;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, Bytes, TxKind, U256};
use alloy::rpc::types::TransactionRequest;
use alloy::rpc::types::state::StateOverride;
use revm::DatabaseRef;
use revm::bytecode::Bytecode;
use revm::context::either::Either;
use revm::context::result::{ExecutionResult, HaltReason, InvalidTransaction, OutOfGasError};
use revm::context::{BlockEnv, TxEnv};

use super::{Chain, ChainError, tx};
use crate::evm::l1::{self, Posting};
use crate::evm::{Db, ExecError};

/// What one simulated run told the gas estimator.
enum Probe {
    Fits(u64),
    TooLow(ExecutionResult),
}

impl Chain {
    /// `eth_call`: runs `request` on the state of `block` (the head, or the next block for
    /// `pending`) and returns its output, or its revert data as an error.
    pub fn call(
        &mut self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Result<Bytes, ChainError> {
        if let Some(answer) = self.node_interface(request, block, overrides) {
            return answer;
        }
        let env = self.call_block_env(block)?;
        let tx = self.call_tx(request, request.gas.unwrap_or(self.spec.gas_limit))?;
        let result = self.simulate_with(block, overrides, |executor, db| {
            // Nitro skips L1 charging for eth_call.
            executor
                .simulate(db, &env, tx, Posting::None, true)
                .map(|r| r.result)
                .map_err(tx::rejection)
        })?;
        match result {
            ExecutionResult::Success { output, .. } => Ok(output.into_data()),
            other => Err(failure(other)),
        }
    }

    /// `eth_estimateGas`: the smallest gas limit with which `request` succeeds, found by binary
    /// search between what a run at the cap used and the cap, as geth and anvil do. Gas that
    /// is only needed transiently (63/64 rule, refunds) is covered because each probe is a
    /// real execution at that limit.
    pub fn estimate_gas(
        &mut self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Result<u64, ChainError> {
        // The transaction will run in the next block, whose time may be well past the
        // head's (evm_increaseTime): estimating in the head's block would price code
        // paths that depend on time as they were, not as they will be. The state is the
        // same, since every transaction is mined at once.
        let block = match block {
            None | Some(BlockId::Number(BlockNumberOrTag::Latest)) => Some(BlockId::pending()),
            other => other,
        };
        let env = self.call_block_env(block)?;
        let template = self.call_tx(request, self.spec.gas_limit)?;
        let posting = l1::estimated_posting(&template, self.spec.chain_id);
        let cap = self.gas_cap(request, self.executor.poster_gas(&env, posting))?;
        let template = TxEnv {
            gas_limit: cap,
            ..template
        };
        self.simulate_with(block, overrides, |executor, db| {
            let mut probe = |gas_limit: u64| -> Result<Probe, ChainError> {
                let tx = TxEnv {
                    gas_limit,
                    ..template.clone()
                };
                match executor.simulate(db, &env, tx, posting, true) {
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
        })
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

    /// Runs `f` on the live state, or on a copy: of a past block's state, or with
    /// `overrides` applied.
    fn simulate_with<T>(
        &mut self,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
        f: impl FnOnce(&crate::evm::Executor, &mut Db) -> Result<T, ChainError>,
    ) -> Result<T, ChainError> {
        let overrides = overrides.filter(|o| !o.is_empty());
        let past = match block {
            Some(BlockId::Number(BlockNumberOrTag::Pending)) => false,
            _ => self.block_by_id(block.unwrap_or_default())?.number() != self.head().number(),
        };
        if !past && overrides.is_none() {
            return f(&self.executor, &mut self.state.db);
        }
        let mut scratch = match past {
            true => self.state_at(block)?.clone(),
            false => self.state.db.clone(),
        };
        if let Some(overrides) = overrides {
            apply_overrides(&mut scratch, overrides)?;
        }
        f(&self.executor, &mut scratch)
    }

    pub(super) fn call_block_env(&self, block: Option<BlockId>) -> Result<BlockEnv, ChainError> {
        if block == Some(BlockId::Number(BlockNumberOrTag::Pending)) {
            return Ok(self.next_draft().env());
        }
        // Checks the block exists and its state is kept.
        self.state_at(block)?;
        let header = &self.block_by_id(block.unwrap_or_default())?.header;
        Ok(header_env(header))
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
        let tx_type = if request.authorization_list.is_some() {
            4
        } else if request.max_fee_per_gas.is_some() || request.max_priority_fee_per_gas.is_some() {
            2
        } else if request.access_list.is_some() {
            1
        } else {
            0
        };
        Ok(TxEnv {
            tx_type,
            caller,
            gas_limit,
            gas_price: request.gas_price.or(request.max_fee_per_gas).unwrap_or(0),
            gas_priority_fee: request.max_priority_fee_per_gas,
            kind: request.to.unwrap_or(TxKind::Create),
            value: request.value.unwrap_or_default(),
            data: request.input.input().cloned().unwrap_or_default(),
            nonce,
            chain_id: Some(self.spec.chain_id),
            access_list: request.access_list.clone().unwrap_or_default(),
            authorization_list: request
                .authorization_list
                .iter()
                .flatten()
                .cloned()
                .map(Either::Left)
                .collect(),
            ..TxEnv::default()
        })
    }
}

fn header_env(header: &Header) -> BlockEnv {
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

fn failure(result: ExecutionResult) -> ChainError {
    match result {
        ExecutionResult::Revert { output, .. } => ChainError::Reverted { output },
        ExecutionResult::Halt { reason, .. } => ChainError::Halted(format!("{reason:?}")),
        ExecutionResult::Success { .. } => {
            ChainError::Internal("a successful run was reported as a failure".into())
        }
    }
}

fn apply_overrides(db: &mut Db, overrides: &StateOverride) -> Result<(), ChainError> {
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
