//! A window on the frame loop for tracers (`debug_traceTransaction`): each frame, EVM or
//! Stylus, announced when it opens and when it returns; and, for an observer that asks,
//! each EVM instruction and each Stylus hostio as it runs.

use revm::context::ContextTr;
use revm::handler::FrameResult;
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::interpreter_types::LoopControl;
use revm::interpreter::{
    CallScheme, CreateScheme, FrameInput, GasTable, Host, InstructionResult, InstructionTable,
    Interpreter, InterpreterAction,
};
use revm::primitives::{Address, Bytes, U256};

pub use crate::stylus::hostio_trace::HostioStep;

/// How a frame was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    Call,
    CallCode,
    DelegateCall,
    StaticCall,
    Create,
    Create2,
}

/// A frame as it opens.
#[derive(Debug, Clone)]
pub struct FrameStart {
    pub kind: FrameKind,
    pub from: Address,
    /// The callee; unknown for a creation until it returns.
    pub to: Option<Address>,
    pub value: U256,
    pub gas_limit: u64,
    pub input: Bytes,
}

pub trait FrameObserver {
    fn enter(&mut self, frame: FrameStart);
    /// The innermost open frame returned `result`.
    fn exit(&mut self, result: &FrameResult);

    /// Whether to be told of every instruction and hostio. Only then does the EVM run
    /// step by step and a Stylus program record its hostios: untraced runs pay nothing.
    fn wants_steps(&self) -> bool {
        false
    }

    /// The EVM instruction at the interpreter's program counter is about to run in the
    /// frame at `depth` (0 for the transaction's own frame).
    fn opcode(&mut self, _interpreter: &Interpreter<EthInterpreter>, _depth: usize) {}

    /// The instruction announced by `opcode` ran; `error` when it failed the frame.
    fn opcode_end(
        &mut self,
        _interpreter: &Interpreter<EthInterpreter>,
        _error: Option<InstructionResult>,
    ) {
    }

    /// A Stylus program in the frame at `depth` called a hostio.
    fn hostio(&mut self, _step: &HostioStep, _depth: usize) {}
}

/// revm's `run_plain`, one instruction at a time with `observer` told before and after
/// each (revm's inspector loop does the same).
pub(super) fn run_stepped<H: Host + ?Sized>(
    interpreter: &mut Interpreter<EthInterpreter>,
    instructions: &InstructionTable<EthInterpreter, H>,
    gas_table: &GasTable,
    host: &mut H,
    observer: &mut dyn FrameObserver,
    depth: usize,
) -> InterpreterAction {
    loop {
        observer.opcode(interpreter, depth);
        let stopped = interpreter.step(instructions, gas_table, host).err();
        if let Some(result) = stopped
            && interpreter.bytecode.action().is_none()
        {
            interpreter.halt(result);
        }
        observer.opcode_end(interpreter, stopped.filter(|r| r.is_halt()));
        if stopped.is_some() {
            break;
        }
    }
    debug_assert!(interpreter.bytecode.is_end());
    interpreter.take_next_action()
}

pub(super) fn frame_start(input: &FrameInput, ctx: &impl ContextTr) -> FrameStart {
    match input {
        FrameInput::Call(call) => FrameStart {
            kind: match call.scheme {
                CallScheme::Call => FrameKind::Call,
                CallScheme::CallCode => FrameKind::CallCode,
                CallScheme::DelegateCall => FrameKind::DelegateCall,
                CallScheme::StaticCall => FrameKind::StaticCall,
            },
            from: call.caller,
            to: Some(call.target_address),
            value: call.value.get(),
            gas_limit: call.gas_limit,
            input: call.input.bytes(ctx),
        },
        FrameInput::Create(create) => FrameStart {
            kind: match create.scheme() {
                CreateScheme::Create2 { .. } => FrameKind::Create2,
                _ => FrameKind::Create,
            },
            from: create.caller(),
            to: None,
            value: create.value(),
            gas_limit: create.gas_limit(),
            input: create.init_code().clone(),
        },
        FrameInput::Empty => FrameStart {
            kind: FrameKind::Call,
            from: Address::ZERO,
            to: None,
            value: U256::ZERO,
            gas_limit: 0,
            input: Bytes::new(),
        },
    }
}
