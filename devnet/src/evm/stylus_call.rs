//! One Stylus program running in a revm frame: entry charges (Nitro's
//! `CallProgram`), the hostios that need the chain (Nitro's `api.go`), and the
//! hand-off of sub-calls to revm's frame loop.

use std::convert::Infallible;

use revm::context::{Cfg, ContextTr, JournalTr, Transaction};
use revm::handler::{EthFrame, FrameResult, ItemOrResult};
use revm::interpreter::instructions::contract::load_account_delegated;
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::{
    CallInput, CallInputs, CallScheme, CallValue, CreateInputs, CreateScheme, FrameInput,
    InstructionResult, InterpreterResult,
};
use revm::primitives::{Address, B256, Bytes, Log, LogData, U256};
use wasmi::Val;

use super::context::{Ctx, DbError};
use super::l1;
use crate::stylus::hostio::{CallKind, Env, Request};
use crate::stylus::hostio_trace::HostioStep;
use crate::stylus::params::{BLOCK_CACHE_SIZE, cached_gas, init_gas};
use crate::stylus::{Outcome, Program, Runtime, Step};
use crate::stylus::{fragments, programs};

/// What the program is waiting for from a sub-frame.
#[derive(Debug)]
enum Pending {
    Call {
        ret_len: u32,
        stipend: u64,
    },
    Create {
        address_out: u32,
        ret_len: u32,
        kept: u64,
    },
}

enum Served {
    Resume(Vec<Val>),
    Frame(FrameInput),
    Stop(Outcome),
}

pub struct StylusCall {
    program: Option<Program>,
    /// An outcome decided before or between steps (entry checks, sub-call handling).
    stopped: Option<Outcome>,
    results: Vec<Val>,
    pending: Option<Pending>,
    refund: i64,
    gas_limit: u64,
    contract: Address,
    caller: Address,
    apparent_value: U256,
    is_static: bool,
    /// The transaction's open pages when this program was entered; its own are
    /// closed again when it returns (Nitro's deferred `SetStylusPagesOpen`).
    open_at_entry: Option<u16>,
    /// Hostios called since the frame last handed them to its tracer.
    hostio_steps: Vec<HostioStep>,
}

impl std::fmt::Debug for StylusCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StylusCall")
            .field("contract", &self.contract)
            .finish()
    }
}

fn ok<T>(result: Result<T, Infallible>) -> T {
    match result {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

/// Nitro caps what a program may keep when it returns data with the EVM's
/// memory-expansion cost of that data.
fn evm_memory_cost(len: u64) -> u64 {
    let words = len.div_ceil(32);
    words * 3 + words * words / 512
}

impl StylusCall {
    /// Prepares the program of the frame just opened for `inputs`.
    pub fn start(
        ctx: &mut Ctx<'_>,
        runtime: &Runtime,
        frame: &mut EthFrame<EthInterpreter>,
        inputs: &CallInputs,
        reentrant: bool,
        traced: bool,
    ) -> Self {
        let mut call = Self {
            program: None,
            stopped: None,
            results: Vec::new(),
            pending: None,
            refund: 0,
            gas_limit: frame.interpreter.gas.limit(),
            contract: inputs.target_address,
            caller: inputs.caller,
            apparent_value: inputs.value.get(),
            is_static: inputs.is_static,
            open_at_entry: None,
            hostio_steps: Vec::new(),
        };
        match call.prepare(ctx, runtime, inputs, reentrant) {
            Ok(mut program) => {
                if traced {
                    program.trace_hostios();
                }
                call.program = Some(program);
            }
            Err(outcome) => call.stopped = Some(outcome),
        }
        call
    }

    fn prepare(
        &mut self,
        ctx: &mut Ctx<'_>,
        runtime: &Runtime,
        inputs: &CallInputs,
        reentrant: bool,
    ) -> Result<Program, Outcome> {
        let (code_hash, bytecode) = &inputs.known_bytecode;
        let now: u64 = ctx.block.timestamp.saturating_to();
        let record = ok(programs::load(ctx.journal_mut(), *code_hash));
        let record = record.check_active(now).map_err(|_| Outcome::Inactive)?;
        // Nitro's `CallProgram`: the footprint priced against the pages the
        // transaction already holds open, then the init cost unless the program
        // ran recently in this block (ArbOS 60+; no CacheManager here).
        let pages = ctx.chain.pages;
        let recent = runtime.rules().recent_programs_cache()
            && ctx.chain.recent.insert(*code_hash, BLOCK_CACHE_SIZE);
        let mut entry_gas = pages
            .cost(record.footprint)
            .saturating_add(cached_gas(record.cached_cost));
        if !recent {
            entry_gas = entry_gas.saturating_add(init_gas(record.init_cost));
        }
        let Some(gas) = self.gas_limit.checked_sub(entry_gas) else {
            return Err(Outcome::OutOfInk);
        };
        ctx.chain.pages.add(record.footprint);
        self.open_at_entry = Some(pages.open);
        let code = bytecode.original_byte_slice();
        let rules = *runtime.rules();
        let module = runtime
            .module(*code_hash, || {
                fragments::program_wasm(ctx.journal_mut(), code, &rules, None)
                    .map_err(|e| e.to_string())
            })
            .map_err(Outcome::Failure)?;
        let basefee = ctx.block.basefee;
        let env = Env {
            contract: inputs.target_address,
            sender: inputs.caller,
            value: inputs.value.get(),
            origin: ctx.tx.caller,
            gas_price: U256::from(ctx.tx.effective_gas_price(basefee as u128)),
            basefee: U256::from(basefee),
            coinbase: ctx.block.beneficiary,
            block_gas_limit: l1::NITRO_BLOCK_GAS_LIMIT,
            block_number: l1::block_number(now),
            timestamp: now,
            chain_id: ctx.cfg.chain_id,
            reentrant,
        };
        let args = inputs.input.bytes(ctx);
        Program::new(runtime, &module, env, args, gas)
    }

    /// Runs the program until it needs a sub-frame or ends.
    pub fn run(
        &mut self,
        ctx: &mut Ctx<'_>,
        frame: &mut EthFrame<EthInterpreter>,
    ) -> Result<ItemOrResult<FrameInput, InterpreterResult>, DbError> {
        loop {
            if let Some(outcome) = self.stopped.take() {
                return Ok(ItemOrResult::Result(self.finish(ctx, frame, outcome)));
            }
            let Some(program) = self.program.as_mut() else {
                return Ok(ItemOrResult::Result(self.finish(
                    ctx,
                    frame,
                    Outcome::Failure("no program".into()),
                )));
            };
            let results = std::mem::take(&mut self.results);
            match program.step(&results, &mut ctx.chain.pages) {
                Step::Done(outcome) => self.stopped = Some(outcome),
                Step::Request(request) => match self.serve(ctx, request)? {
                    Served::Resume(values) => self.results = values,
                    Served::Frame(input) => return Ok(ItemOrResult::Item(input)),
                    Served::Stop(outcome) => self.stopped = Some(outcome),
                },
            }
        }
    }

    /// The hostios called since the last time this was asked, in order.
    pub fn take_hostio_steps(&mut self) -> Vec<HostioStep> {
        let mut steps = std::mem::take(&mut self.hostio_steps);
        if let Some(program) = self.program.as_mut() {
            steps.extend(program.take_hostio_steps());
        }
        steps
    }

    fn finish(
        &mut self,
        ctx: &mut Ctx<'_>,
        frame: &EthFrame<EthInterpreter>,
        outcome: Outcome,
    ) -> InterpreterResult {
        if let Some(open) = self.open_at_entry.take() {
            ctx.chain.pages.open = open;
        }
        let mut remaining = self
            .program
            .as_ref()
            .map_or(self.gas_limit, Program::gas_left);
        let (result, output) = match outcome {
            Outcome::Return(data) => (InstructionResult::Return, data),
            Outcome::Revert(data) => (InstructionResult::Revert, data),
            Outcome::OutOfInk => (InstructionResult::OutOfGas, Bytes::new()),
            // Nitro's ErrDepth is not a revert: the call halts and keeps no gas.
            Outcome::StackOverflow => (InstructionResult::StackOverflow, Bytes::new()),
            Outcome::Inactive => (InstructionResult::NotActivated, Bytes::new()),
            Outcome::Failure(reason) => {
                eprintln!("[stylus] program {} failed: {reason}", self.contract);
                (InstructionResult::Revert, Bytes::new())
            }
        };
        let mut result = result;
        if !output.is_empty() {
            let cost = evm_memory_cost(output.len() as u64);
            match self.gas_limit.checked_sub(cost) {
                Some(max) => remaining = remaining.min(max),
                None => result = InstructionResult::OutOfGas,
            }
        }
        let mut gas = frame.interpreter.gas;
        gas.spend_all();
        if result.is_ok_or_revert() {
            gas.erase_cost(remaining);
        }
        if result.is_ok() {
            gas.record_refund(self.refund);
        }
        // The program ends here; the hostios it called wait for the tracer.
        if let Some(mut program) = self.program.take() {
            self.hostio_steps.extend(program.take_hostio_steps());
        }
        InterpreterResult {
            result,
            output,
            gas,
        }
    }

    fn program(&mut self) -> &mut Program {
        self.program.as_mut().expect("a suspended program")
    }

    fn charge(&mut self, gas: u64) -> Result<(), Served> {
        match self.program().buy_gas(gas) {
            true => Ok(()),
            false => Err(Served::Stop(Outcome::OutOfInk)),
        }
    }

    fn write(&mut self, ptr: u32, data: &[u8]) -> Served {
        match self.program().write_memory(ptr, data) {
            Ok(()) => Served::Resume(Vec::new()),
            Err(outcome) => Served::Stop(outcome),
        }
    }

    fn serve(&mut self, ctx: &mut Ctx<'_>, request: Request) -> Result<Served, DbError> {
        let served = self.try_serve(ctx, request).unwrap_or_else(|stop| stop);
        self.program().hostio_served();
        Ok(served)
    }

    fn try_serve(&mut self, ctx: &mut Ctx<'_>, request: Request) -> Result<Served, Served> {
        let contract = self.contract;
        let write_protected = || Served::Stop(Outcome::Failure("write protection".into()));
        Ok(match request {
            Request::StorageLoad { key, dest } => {
                let load = ok(ctx.journal_mut().sload(contract, key.into()));
                self.charge(if load.is_cold { 2100 } else { 100 })?;
                let value = B256::from(load.data);
                self.program().host().cache.slots.insert(
                    key,
                    crate::stylus::hostio::CachedSlot {
                        value,
                        known: Some(value),
                    },
                );
                self.write(dest, value.as_slice())
            }
            Request::StorageFlush { clear } => {
                let dirty = self.program().host().cache.take_dirty(clear);
                if self.is_static && !dirty.is_empty() {
                    return Err(write_protected());
                }
                for (key, value) in dirty {
                    let store = ok(ctx.journal_mut().sstore(contract, key.into(), value.into()));
                    let params = ctx.cfg.gas_params();
                    let cost = params.sstore_static_gas()
                        + params.sstore_dynamic_gas(true, &store.data, store.is_cold);
                    let refund = params.sstore_refund(true, &store.data);
                    // Geth's SSTORE sentry: no write with the stipend or less left.
                    if self.program().gas_left() <= 2300 {
                        return Err(Served::Stop(Outcome::OutOfInk));
                    }
                    self.charge(cost)?;
                    self.refund += refund;
                }
                Served::Resume(Vec::new())
            }
            Request::TransientLoad { key, dest } => {
                let value = ctx.journal_mut().tload(contract, key.into());
                self.write(dest, &value.to_be_bytes::<32>())
            }
            Request::TransientStore { key, value } => {
                if self.is_static {
                    return Err(write_protected());
                }
                ctx.journal_mut().tstore(contract, key.into(), value.into());
                Served::Resume(Vec::new())
            }
            Request::Log { topics, data } => {
                if self.is_static {
                    return Err(write_protected());
                }
                ctx.journal_mut().log(Log {
                    address: contract,
                    data: LogData::new_unchecked(topics, data),
                });
                Served::Resume(Vec::new())
            }
            Request::Balance { address, dest } => {
                let account = ok(ctx.journal_mut().load_account(address));
                let (balance, cold) = (account.data.info.balance, account.is_cold);
                self.charge(if cold { 2600 } else { 100 })?;
                self.write(dest, &balance.to_be_bytes::<32>())
            }
            Request::CodeHash { address, dest } => {
                let hash = ok(ctx.journal_mut().code_hash(address));
                self.charge(if hash.is_cold { 2600 } else { 100 })?;
                self.write(dest, hash.data.as_slice())
            }
            Request::CodeSize { address } => {
                let code = ok(ctx.journal_mut().code(address));
                self.charge(if code.is_cold { 2600 } else { 100 })?;
                Served::Resume(vec![Val::I32(code.data.len() as i32)])
            }
            Request::Code {
                address,
                offset,
                size,
                dest,
            } => {
                let code = ok(ctx.journal_mut().code(address));
                self.charge(if code.is_cold { 2600 } else { 100 })?;
                let len = code.data.len() as u32;
                // Nitro's pay_for_write of the whole code, in gas.
                self.charge((5040 + 30 * len.saturating_sub(32) as u64) / 10_000)?;
                let start = offset.min(len) as usize;
                let end = offset.saturating_add(size).min(len) as usize;
                let slice = code.data[start..end].to_vec();
                match self.write(dest, &slice) {
                    Served::Resume(_) => Served::Resume(vec![Val::I32(slice.len() as i32)]),
                    stop => stop,
                }
            }
            Request::Call {
                kind,
                to,
                input,
                value,
                gas,
                ret_len,
            } => self.call(ctx, kind, to, input, value, gas, ret_len)?,
            Request::Create {
                code,
                value,
                salt,
                address_out,
                ret_len,
            } => self.create(code, value, salt, address_out, ret_len)?,
            Request::Exit(_) => {
                Served::Stop(Outcome::Failure("exit is handled by the program".into()))
            }
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        ctx: &mut Ctx<'_>,
        kind: CallKind,
        to: Address,
        input: Bytes,
        value: U256,
        gas_req: u64,
        ret_len: u32,
    ) -> Result<Served, Served> {
        let transfers_value = kind == CallKind::Call && !value.is_zero();
        if self.is_static && transfers_value {
            return Ok(self.fail_call(ret_len));
        }
        let gas_left = self.program().gas_left();
        let spec = ctx.cfg.spec;
        let loaded = load_account_delegated(
            ctx,
            spec,
            gas_left,
            to,
            transfers_value,
            kind == CallKind::Call,
        );
        let Ok((access_cost, _, bytecode, code_hash)) = loaded else {
            self.charge(gas_left)?;
            return Ok(self.fail_call(ret_len));
        };
        let params = ctx.cfg.gas_params();
        let mut base = params.warm_storage_read_cost() + access_cost;
        if transfers_value {
            base += params.transfer_value_cost();
        }
        if base > gas_left {
            self.charge(gas_left)?;
            return Ok(self.fail_call(ret_len));
        }
        let gas = ((gas_left - base) - (gas_left - base) / 64).min(gas_req);
        self.charge(base + gas)?;
        let stipend = if transfers_value {
            params.call_stipend()
        } else {
            0
        };
        let (target, caller, call_value, scheme) = match kind {
            CallKind::Call => (
                to,
                self.contract,
                CallValue::Transfer(value),
                CallScheme::Call,
            ),
            CallKind::Delegate => (
                self.contract,
                self.caller,
                CallValue::Apparent(self.apparent_value),
                CallScheme::DelegateCall,
            ),
            CallKind::Static => (
                to,
                self.contract,
                CallValue::Transfer(U256::ZERO),
                CallScheme::StaticCall,
            ),
        };
        self.pending = Some(Pending::Call { ret_len, stipend });
        Ok(Served::Frame(FrameInput::Call(Box::new(CallInputs {
            input: CallInput::Bytes(input),
            return_memory_offset: 0..0,
            gas_limit: gas + stipend,
            reservoir: 0,
            bytecode_address: to,
            known_bytecode: (code_hash, bytecode),
            target_address: target,
            caller,
            value: call_value,
            scheme,
            is_static: self.is_static || kind == CallKind::Static,
            charged_new_account_state_gas: false,
        }))))
    }

    /// A call that fails before reaching the callee: status 2, no return data.
    fn fail_call(&mut self, ret_len: u32) -> Served {
        self.program().host().return_data = Bytes::new();
        match self.write(ret_len, &0u32.to_le_bytes()) {
            Served::Resume(_) => Served::Resume(vec![Val::I32(2)]),
            stop => stop,
        }
    }

    fn create(
        &mut self,
        code: Bytes,
        value: U256,
        salt: Option<B256>,
        address_out: u32,
        ret_len: u32,
    ) -> Result<Served, Served> {
        if self.is_static {
            return Err(Served::Stop(Outcome::Failure("write protection".into())));
        }
        let mut base = 32_000;
        if salt.is_some() {
            base += 6 * (code.len() as u64).div_ceil(32);
        }
        let gas_left = self.program().gas_left();
        if gas_left < base {
            self.charge(gas_left)?;
            return Err(Served::Stop(Outcome::OutOfInk));
        }
        let gas = gas_left - base;
        let kept = gas / 64;
        self.charge(gas_left)?;
        let scheme = match salt {
            Some(salt) => CreateScheme::Create2 { salt: salt.into() },
            None => CreateScheme::Create,
        };
        self.pending = Some(Pending::Create {
            address_out,
            ret_len,
            kept,
        });
        Ok(Served::Frame(FrameInput::Create(Box::new(
            CreateInputs::new(self.contract, scheme, value, code, gas - kept, 0),
        ))))
    }

    /// Hands a finished sub-frame's result to the suspended program.
    pub fn deliver(&mut self, result: FrameResult) {
        let Some(pending) = self.pending.take() else {
            self.stopped = Some(Outcome::Failure("unexpected sub-frame result".into()));
            return;
        };
        let status = result.instruction_result();
        let child_gas = *result.gas();
        let served = match (pending, result) {
            (Pending::Call { ret_len, stipend }, FrameResult::Call(outcome)) => {
                let program = self.program();
                program.refund_gas(child_gas.remaining());
                let paid = program.buy_gas(stipend);
                program.host().return_data = outcome.result.output.clone();
                if status.is_ok() {
                    self.refund += child_gas.refunded();
                }
                let len = outcome.result.output.len() as u32;
                match (paid, self.write(ret_len, &len.to_le_bytes())) {
                    (false, _) => Served::Stop(Outcome::OutOfInk),
                    (true, Served::Resume(_)) => {
                        Served::Resume(vec![Val::I32(if status.is_ok() { 0 } else { 2 })])
                    }
                    (true, stop) => stop,
                }
            }
            (
                Pending::Create {
                    address_out,
                    ret_len,
                    kept,
                },
                FrameResult::Create(outcome),
            ) => {
                self.program().refund_gas(child_gas.remaining() + kept);
                if status.is_ok() {
                    self.refund += child_gas.refunded();
                }
                let address = if status.is_ok() {
                    outcome.address.unwrap_or_default()
                } else {
                    Address::ZERO
                };
                let data = if status == InstructionResult::Revert {
                    outcome.result.output.clone()
                } else {
                    Bytes::new()
                };
                let len = data.len() as u32;
                self.program().host().return_data = data;
                match self.write(address_out, address.as_slice()) {
                    Served::Resume(_) => self.write(ret_len, &len.to_le_bytes()),
                    stop => stop,
                }
            }
            _ => Served::Stop(Outcome::Failure("sub-frame kind mismatch".into())),
        };
        match served {
            Served::Resume(values) => self.results = values,
            Served::Stop(outcome) => self.stopped = Some(outcome),
            Served::Frame(_) => self.stopped = Some(Outcome::Failure("unexpected frame".into())),
        }
    }
}
