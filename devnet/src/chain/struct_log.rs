//! geth's default tracer, the struct logger: what `debug_traceTransaction` and
//! `debug_traceCall` answer without a `tracer`. One entry per EVM instruction, in the
//! order they ran, with the gas, stack, memory and storage geth shows. A Stylus frame has
//! no instructions; its entries are its hostios, named as Nitro names them.

use std::collections::{BTreeMap, HashMap};

use alloy::primitives::{Address, B256, Bytes, U256};
use revm::bytecode::OpCode;
use revm::context::result::ExecutionResult;
use revm::handler::FrameResult;
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::interpreter_types::{Jumps, ReturnData};
use revm::interpreter::{InstructionResult, Interpreter};
use serde::{Deserialize, Serialize};

use super::trace::error_text;
use crate::evm::observe::{FrameObserver, FrameStart, HostioStep};

/// geth's logger options (`debug_traceTransaction`'s second parameter, flattened).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StructLogOptions {
    #[serde(default)]
    pub disable_stack: bool,
    #[serde(default)]
    pub disable_storage: bool,
    #[serde(default)]
    pub enable_memory: bool,
    #[serde(default)]
    pub enable_return_data: bool,
    /// At most this many entries; 0 for all.
    #[serde(default)]
    pub limit: usize,
}

/// geth's `ExecutionResult` of the struct logger.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StructLogTrace {
    pub gas: u64,
    pub failed: bool,
    pub return_value: Bytes,
    pub struct_logs: Vec<StructLog>,
}

/// One executed instruction (or Stylus hostio).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StructLog {
    pub pc: u64,
    pub op: String,
    pub gas: u64,
    pub gas_cost: u64,
    pub depth: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<Vec<U256>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<Bytes>,
    /// 32-byte words in hex (with `0x`, as Anvil writes them; geth leaves it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<Vec<String>>,
    /// The slots of the running contract seen so far; on SLOAD and SSTORE only, as geth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<BTreeMap<B256, B256>>,
    /// The refund counter; Anvil writes it on every instruction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund: Option<u64>,
}

/// The entry being filled in while its instruction runs.
struct Open {
    index: usize,
    gas: u64,
    /// The SLOAD's contract and slot: the value is on the stack once it ran.
    load: Option<(Address, B256)>,
}

pub struct StructLogger {
    options: StructLogOptions,
    logs: Vec<StructLog>,
    /// Per contract, the slots its SLOADs and SSTOREs touched.
    storage: HashMap<Address, BTreeMap<B256, B256>>,
    open: Option<Open>,
}

impl StructLogger {
    pub fn new(options: StructLogOptions) -> Self {
        Self {
            options,
            logs: Vec::new(),
            storage: HashMap::new(),
            open: None,
        }
    }

    fn full(&self) -> bool {
        self.options.limit != 0 && self.logs.len() >= self.options.limit
    }

    pub fn finish(self, result: &ExecutionResult) -> StructLogTrace {
        let return_value = match result {
            ExecutionResult::Success { output, .. } => output.data().clone(),
            ExecutionResult::Revert { output, .. } => output.clone(),
            ExecutionResult::Halt { .. } => Bytes::new(),
        };
        StructLogTrace {
            gas: result.tx_gas_used(),
            failed: !result.is_success(),
            return_value,
            struct_logs: self.logs,
        }
    }
}

fn op_name(opcode: u8) -> String {
    match OpCode::new(opcode) {
        Some(op) => op.as_str().to_owned(),
        None => format!("opcode {opcode:#x} not defined"),
    }
}

fn word(value: U256) -> B256 {
    B256::from(value.to_be_bytes())
}

impl FrameObserver for StructLogger {
    fn enter(&mut self, _frame: FrameStart) {}

    fn exit(&mut self, _result: &FrameResult) {}

    fn wants_steps(&self) -> bool {
        true
    }

    fn opcode(&mut self, interpreter: &Interpreter<EthInterpreter>, depth: usize) {
        if self.full() {
            return;
        }
        let opcode = interpreter.bytecode.opcode();
        let stack = interpreter.stack.data();
        let contract = interpreter.input.target_address;
        let mut storage = None;
        let mut load = None;
        if !self.options.disable_storage {
            let top = |n: usize| stack.len().checked_sub(n + 1).map(|i| word(stack[i]));
            match (opcode, top(0), top(1)) {
                (0x54, Some(slot), _) => load = Some((contract, slot)),
                (0x55, Some(slot), Some(value)) => {
                    let slots = self.storage.entry(contract).or_default();
                    slots.insert(slot, value);
                    storage = Some(slots.clone());
                }
                _ => {}
            }
        }
        let refund = interpreter.gas.refunded();
        self.open = Some(Open {
            index: self.logs.len(),
            gas: interpreter.gas.remaining(),
            load,
        });
        self.logs.push(StructLog {
            pc: interpreter.bytecode.pc() as u64,
            op: op_name(opcode),
            gas: interpreter.gas.remaining(),
            gas_cost: 0,
            depth: depth as u64 + 1,
            error: None,
            stack: (!self.options.disable_stack).then(|| stack.clone()),
            return_data: self
                .options
                .enable_return_data
                .then(|| interpreter.return_data.buffer().clone()),
            memory: self.options.enable_memory.then(|| {
                interpreter
                    .memory
                    .context_memory()
                    .chunks(32)
                    .map(alloy::hex::encode_prefixed)
                    .collect()
            }),
            storage,
            refund: Some(refund.max(0) as u64),
        });
    }

    fn opcode_end(
        &mut self,
        interpreter: &Interpreter<EthInterpreter>,
        error: Option<InstructionResult>,
    ) {
        let Some(open) = self.open.take() else {
            return;
        };
        let log = &mut self.logs[open.index];
        log.gas_cost = open.gas.saturating_sub(interpreter.gas.remaining());
        log.error = error.map(error_text);
        if let Some((contract, slot)) = open.load
            && error.is_none()
            && let Some(value) = interpreter.stack.data().last()
        {
            let slots = self.storage.entry(contract).or_default();
            slots.insert(slot, word(*value));
            log.storage = Some(slots.clone());
        }
    }

    fn hostio(&mut self, step: &HostioStep, depth: usize) {
        if self.full() {
            return;
        }
        self.logs.push(StructLog {
            pc: 0,
            op: step.name.to_owned(),
            gas: step.gas(),
            gas_cost: step.gas_cost(),
            depth: depth as u64 + 1,
            error: None,
            stack: None,
            return_data: None,
            memory: None,
            storage: None,
            refund: None,
        });
    }
}
