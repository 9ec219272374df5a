//! A window on the frame loop for tracers (`debug_traceTransaction`'s call tree): each
//! frame, EVM or Stylus, announced when it opens and when it returns.

use revm::context::ContextTr;
use revm::handler::FrameResult;
use revm::interpreter::{CallScheme, CreateScheme, FrameInput};
use revm::primitives::{Address, Bytes, U256};

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
