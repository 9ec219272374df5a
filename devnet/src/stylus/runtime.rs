//! The WASM engine, the compiled-module cache and one running program.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use revm::primitives::{B256, Bytes};
use wasmi::{
    Config, Engine, Func, Linker, Module, ResumableCall, ResumableCallHostTrap, Store,
    StoreLimitsBuilder, TrapCode, Val,
};

use super::arbos::Rules;
use super::depth::STACK_LEFT;
use super::hostio::{self, Env, Exit, HostState, Request};
use super::hostio_trace::{HostioStep, HostioTrace};
use super::meter::{INK_LEFT, INK_STATUS, InkMeter};
use super::params::{INK_PRICE, PAGE_LIMIT, gas_to_ink};
use super::tx_state::TxPages;
use super::validate::{ENTRYPOINT, ModuleInfo, ValidationError, validate};

const PAGE_SIZE: u64 = 65_536;

/// Engine, host functions and compiled modules shared by all executions.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<RuntimeInner>,
}

struct RuntimeInner {
    engine: Engine,
    linker: Linker<HostState>,
    rules: Rules,
    modules: RwLock<HashMap<B256, Module>>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cached = self.inner.modules.read().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("Runtime")
            .field("cached_modules", &cached)
            .finish()
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Self::new(Rules::default())
    }
}

/// Nitro's smallest frame is 6 words (overhead plus its meter's header), so no
/// program can nest more calls than this within the largest `maxStackDepth`.
const MAX_WASM_FRAMES: usize = 262_144 / 6 + 1;
/// wasmi's value stack in bytes: room for every word Nitro's budget allows,
/// with slack for wasmi keeping more registers per frame than Nitro counts.
const MAX_VALUE_STACK_BYTES: usize = 262_144 * 8 * 32;

impl Runtime {
    pub fn new(rules: Rules) -> Self {
        // Ink is metered by the instrumentation Nitro applies (see `meter`), not
        // by wasmi's fuel.
        let mut config = Config::default();
        // Depth is bounded by the instrumented budget (see `depth`); wasmi's own
        // limits only need to stay out of its way.
        config.set_max_recursion_depth(MAX_WASM_FRAMES);
        config.set_max_stack_height(MAX_VALUE_STACK_BYTES);
        let engine = Engine::new(&config);
        let mut linker = Linker::new(&engine);
        hostio::link(&mut linker).expect("every hostio family links what its import table lists");
        Self {
            inner: Arc::new(RuntimeInner {
                engine,
                linker,
                rules,
                modules: RwLock::new(HashMap::new()),
            }),
        }
    }

    pub fn rules(&self) -> &Rules {
        &self.inner.rules
    }

    /// Validates `wasm` as activation does and caches the module under `code_hash`.
    pub fn activate(&self, code_hash: B256, wasm: &[u8]) -> Result<ModuleInfo, ValidationError> {
        let (module, info) = validate(&self.inner.engine, wasm, &self.inner.rules)?;
        if let Ok(mut modules) = self.inner.modules.write() {
            modules.insert(code_hash, module);
        }
        Ok(info)
    }

    /// The compiled module of an activated program, compiling `wasm()` again if
    /// the cache does not have it (after a restart or a state load).
    pub fn module(
        &self,
        code_hash: B256,
        wasm: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<Module, String> {
        if let Some(module) = self
            .inner
            .modules
            .read()
            .ok()
            .and_then(|m| m.get(&code_hash).cloned())
        {
            return Ok(module);
        }
        let wasm = wasm()?;
        let (module, _) =
            validate(&self.inner.engine, &wasm, &self.inner.rules).map_err(|e| e.to_string())?;
        if let Ok(mut modules) = self.inner.modules.write() {
            modules.insert(code_hash, module.clone());
        }
        Ok(module)
    }
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Return(Bytes),
    Revert(Bytes),
    OutOfInk,
    /// The program trapped or misused a hostio; Nitro reverts without data.
    Failure(String),
    /// The WASM call stack overflowed.
    StackOverflow,
    /// The program is not activated, needs an upgrade or has expired. Nitro
    /// fails the call with ArbWasm's error as a non-revert error: it halts with
    /// no data and consumes all gas.
    Inactive,
}

/// What the program needs next.
#[derive(Debug)]
pub enum Step {
    Request(Request),
    Done(Outcome),
}

enum State {
    Ready(Func),
    Suspended(ResumableCallHostTrap),
    Finished,
}

/// One invocation of a program's `user_entrypoint`, suspended at each hostio
/// that needs the chain.
pub struct Program {
    store: Store<HostState>,
    /// The instrumented stack budget; zero after the program ran out of it.
    stack: Option<wasmi::Global>,
    state: State,
    output: [Val; 1],
    charged_pages: u64,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Program")
            .field("contract", &self.store.data().env.contract)
            .finish()
    }
}

impl Program {
    /// Instantiates `module` with `gas` to spend. Errors end the call at once.
    pub fn new(
        runtime: &Runtime,
        module: &Module,
        env: Env,
        args: Bytes,
        gas: u64,
    ) -> Result<Self, Outcome> {
        let limits = StoreLimitsBuilder::new()
            .memory_size((PAGE_LIMIT as u64 * PAGE_SIZE) as usize)
            .build();
        let state = HostState {
            env,
            args,
            limits,
            ..HostState::default()
        };
        let mut store = Store::new(&runtime.inner.engine, state);
        store.limiter(|s| &mut s.limits);
        let instance = runtime
            .inner
            .linker
            .instantiate_and_start(&mut store, module)
            .map_err(|e| classify(&e))?;
        let meter = match (
            instance.get_global(&store, INK_LEFT),
            instance.get_global(&store, INK_STATUS),
        ) {
            (Some(left), Some(status)) => InkMeter::new(left, status),
            _ => return Err(Outcome::Failure("module is not metered".into())),
        };
        meter.set_ink(&mut store, gas_to_ink(gas));
        store.data_mut().meter = Some(meter);
        let stack = instance.get_global(&store, STACK_LEFT);
        if let Some(stack) = stack {
            let words = runtime.inner.rules.max_stack_depth() as i32;
            stack
                .set(&mut store, Val::I32(words))
                .map_err(|e| Outcome::Failure(e.to_string()))?;
        }
        let memory = instance.get_memory(&store, "memory");
        store.data_mut().memory = memory;
        let entry = instance
            .get_func(&store, ENTRYPOINT)
            .ok_or_else(|| Outcome::Failure("missing entrypoint".into()))?;
        let charged_pages = memory.map_or(0, |m| m.size(&store));
        Ok(Self {
            store,
            stack,
            state: State::Ready(entry),
            output: [Val::I32(0)],
            charged_pages,
        })
    }

    pub fn store(&mut self) -> &mut Store<HostState> {
        &mut self.store
    }

    pub fn host(&mut self) -> &mut HostState {
        self.store.data_mut()
    }

    /// Records every hostio the program calls from now on (a tracer asked for them).
    pub fn trace_hostios(&mut self) {
        self.host().trace = Some(HostioTrace::default());
    }

    /// The hostio that suspended the program has been served: its step ends now.
    pub fn hostio_served(&mut self) {
        let ink = self.ink_left();
        if let Some(trace) = self.host().trace.as_mut() {
            trace.served(ink);
        }
    }

    /// The hostios traced since the last call.
    pub fn take_hostio_steps(&mut self) -> Vec<HostioStep> {
        self.host()
            .trace
            .as_mut()
            .map(HostioTrace::take)
            .unwrap_or_default()
    }

    /// Ink the program has left.
    pub fn ink_left(&self) -> u64 {
        self.store
            .data()
            .meter
            .map_or(0, |meter| meter.ink(&self.store))
    }

    /// Gas the program has left.
    pub fn gas_left(&self) -> u64 {
        self.ink_left() / INK_PRICE as u64
    }

    /// Takes `gas`; false (and nothing left) when the program cannot pay.
    pub fn buy_gas(&mut self, gas: u64) -> bool {
        let Some(meter) = self.store.data().meter else {
            return false;
        };
        let (left, cost) = (meter.ink(&self.store), gas_to_ink(gas));
        match cost <= left {
            true => meter.set_ink(&mut self.store, left - cost),
            false => meter.exhaust(&mut self.store),
        }
        cost <= left
    }

    pub fn refund_gas(&mut self, gas: u64) {
        if let Some(meter) = self.store.data().meter {
            let left = meter.ink(&self.store);
            meter.set_ink(&mut self.store, left.saturating_add(gas_to_ink(gas)));
        }
    }

    pub fn write_memory(&mut self, ptr: u32, data: &[u8]) -> Result<(), Outcome> {
        let memory = self
            .store
            .data()
            .memory
            .ok_or_else(|| Outcome::Failure("no memory".into()))?;
        memory
            .write(&mut self.store, ptr as usize, data)
            .map_err(|_| {
                Outcome::Failure(format!(
                    "write of {} bytes at {ptr} is out of bounds",
                    data.len()
                ))
            })
    }

    /// Runs until the next request or the end, handing `results` to the
    /// hostio that suspended the program.
    /// `pages` are the transaction's, against which memory growth is priced.
    pub fn step(&mut self, results: &[Val], pages: &mut TxPages) -> Step {
        let call = match std::mem::replace(&mut self.state, State::Finished) {
            State::Ready(entry) => {
                let args = [Val::I32(self.store.data().args.len() as i32)];
                entry.call_resumable(&mut self.store, &args, &mut self.output)
            }
            State::Suspended(trap) => trap.resume(&mut self.store, results, &mut self.output),
            State::Finished => {
                return Step::Done(Outcome::Failure("program already finished".into()));
            }
        };
        let step = match call {
            Ok(ResumableCall::Finished) => {
                let status = self.output[0].i32().unwrap_or(1);
                Step::Done(self.finish(status as u32, pages))
            }
            Ok(ResumableCall::OutOfFuel(_)) => Step::Done(Outcome::OutOfInk),
            Ok(ResumableCall::HostTrap(trap)) => {
                match trap.host_error().downcast_ref::<Request>() {
                    Some(Request::Exit(Exit::Early(status))) => {
                        let status = *status;
                        Step::Done(self.finish(status, pages))
                    }
                    Some(Request::Exit(Exit::OutOfInk)) => Step::Done(Outcome::OutOfInk),
                    Some(Request::Exit(Exit::Failure(reason))) => {
                        Step::Done(Outcome::Failure(reason.clone()))
                    }
                    Some(request) => {
                        let request = request.clone();
                        self.state = State::Suspended(trap);
                        Step::Request(request)
                    }
                    None => Step::Done(Outcome::Failure(trap.host_error().to_string())),
                }
            }
            Err(error) => Step::Done(self.classify(&error)),
        };
        match step {
            Step::Request(request) => match self.charge_memory_growth(pages) {
                true => Step::Request(request),
                false => {
                    self.state = State::Finished;
                    Step::Done(Outcome::OutOfInk)
                }
            },
            Step::Done(outcome) => Step::Done(outcome),
        }
    }

    fn finish(&mut self, status: u32, pages: &mut TxPages) -> Outcome {
        if !self.charge_memory_growth(pages) {
            return Outcome::OutOfInk;
        }
        let outs = Bytes::from(std::mem::take(&mut self.store.data_mut().outs));
        match status {
            0 => Outcome::Return(outs),
            _ => Outcome::Revert(outs),
        }
    }

    /// Nitro charges `memory.grow` as it happens, against the transaction's
    /// open pages (`pay_for_memory_grow` → `AddPages`); the interpreter only
    /// sees the memory size, so pages added since the last hostio are paid
    /// here, before any other program can run.
    fn charge_memory_growth(&mut self, tx_pages: &mut TxPages) -> bool {
        let Some(memory) = self.store.data().memory else {
            return true;
        };
        let pages = memory.size(&self.store);
        if pages <= self.charged_pages {
            return true;
        }
        let new = (pages - self.charged_pages).min(u16::MAX as u64) as u16;
        let gas = tx_pages.cost(new);
        tx_pages.add(new);
        self.charged_pages = pages;
        self.buy_gas(gas)
    }

    fn classify(&self, error: &wasmi::Error) -> Outcome {
        // The meter sets its status before trapping, the depth instrumentation
        // zeroes its budget.
        let out_of_ink = self
            .store
            .data()
            .meter
            .is_some_and(|meter| meter.exhausted(&self.store));
        if out_of_ink {
            return Outcome::OutOfInk;
        }
        let out_of_stack = self
            .stack
            .is_some_and(|g| g.get(&self.store).i32() == Some(0));
        match error.kind().as_trap_code() {
            Some(TrapCode::UnreachableCodeReached) if out_of_stack => Outcome::StackOverflow,
            _ => classify(error),
        }
    }
}

fn classify(error: &wasmi::Error) -> Outcome {
    // `as_trap_code` folds every out-of-fuel kind (in the code, in a host call, in
    // `memory.grow`) into `OutOfFuel`: all of them are the program running out of ink.
    match error.kind().as_trap_code() {
        Some(TrapCode::OutOfFuel) => Outcome::OutOfInk,
        Some(TrapCode::StackOverflow) => Outcome::StackOverflow,
        _ => match error.downcast_ref::<Request>() {
            Some(Request::Exit(Exit::OutOfInk)) => Outcome::OutOfInk,
            _ => Outcome::Failure(error.to_string()),
        },
    }
}
