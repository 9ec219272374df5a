//! revm's frame loop with Stylus frames in it.
//!
//! Every call gets an ordinary [`EthFrame`] (so value transfer, journal
//! checkpoints and depth limits are revm's own). When the callee's code is a
//! Stylus program the frame also gets a [`StylusCall`]: its WASM runs in place
//! of the EVM interpreter, and a sub-call it makes is handed back to revm's
//! loop as a new frame; the program resumes when that frame's result comes
//! back. No native recursion, so nesting depth is bounded by revm's 1024.

use std::convert::Infallible;

use revm::context::result::{EVMError, HaltReason, InvalidTransaction};
use revm::context::{Cfg, ContextTr};
use revm::context_interface::FrameStack;
use revm::context_interface::context::take_error;
use revm::handler::evm::{ContextDbError, FrameInitResult, FrameTr};
use revm::handler::instructions::EthInstructions;
use revm::handler::{EthFrame, EvmTr, FrameData, FrameResult, Handler, ItemOrResult, validation};
use revm::interpreter::InitialAndFloorGas;
use revm::interpreter::interpreter::EthInterpreter;
use revm::interpreter::interpreter_action::FrameInit;
use revm::interpreter::{
    CallScheme, FrameInput, Host, Instruction, InstructionContext, InstructionExecResult,
    InstructionResult, InterpreterAction,
};
use revm::primitives::U256;

use super::context::{Ctx, DbError};
use super::l1;
use super::observe::{FrameObserver, frame_start, run_stepped};
use super::precompiles::ArbPrecompiles;
use super::stylus_call::StylusCall;
use crate::stylus::Runtime;
use crate::stylus::fragments;

pub struct ArbEvm<'a> {
    pub ctx: Ctx<'a>,
    instructions: EthInstructions<EthInterpreter, Ctx<'a>>,
    precompiles: ArbPrecompiles,
    frames: FrameStack<EthFrame<EthInterpreter>>,
    /// Per open frame (by depth): the Stylus program running in it, if any.
    stylus: Vec<Option<Box<StylusCall>>>,
    /// Per open frame (by depth): the account it acts for and whether it was
    /// entered by delegate call, for `msg_reentrant`.
    actors: Vec<(revm::primitives::Address, bool)>,
    runtime: Runtime,
    /// A tracer watching frames open and return, if any.
    pub observer: Option<&'a mut dyn FrameObserver>,
}

impl<'a> ArbEvm<'a> {
    /// `poster_fee` is what the transaction pays for its L1 data (ArbGasInfo
    /// `getCurrentTxL1GasFees`).
    pub fn new(ctx: Ctx<'a>, runtime: Runtime, poster_fee: U256) -> Self {
        let spec = ctx.cfg.spec;
        let mut instructions = EthInstructions::new_mainnet_with_spec(spec);
        // Arbitrum's NUMBER is the L1 block number (Nitro's `L1BlockNumber` hook) and its
        // GASLIMIT the 2^50 Nitro puts in every block; both cost the usual 2 gas.
        instructions.insert_instruction(0x43, Instruction::new(l1_block_number), 2);
        instructions.insert_instruction(0x45, Instruction::new(nitro_gas_limit), 2);
        // ...and BLOCKHASH answers for the 256 L1 blocks before it, from ArbOS's record.
        instructions.insert_instruction(0x40, Instruction::new(l1_block_hash), 20);
        Self {
            ctx,
            instructions,
            precompiles: ArbPrecompiles::new(spec, runtime.clone(), poster_fee),
            frames: FrameStack::new_prealloc(8),
            stylus: Vec::new(),
            actors: Vec::new(),
            runtime,
            observer: None,
        }
    }

    /// Nitro's `TxProcessor.Programs` count: open frames acting for `address`,
    /// delegate (and callcode) frames excluded, the new frame included unless it
    /// is one. More than one means the program is re-entered; a delegatecall
    /// into a library never makes its caller re-entrant.
    fn reentrant(&self, address: revm::primitives::Address, delegated: bool) -> bool {
        let open = self
            .actors
            .iter()
            .filter(|&&(actor, delegated)| actor == address && !delegated)
            .count();
        open + usize::from(!delegated) > 1
    }

    fn run_stylus(
        &mut self,
        depth: usize,
    ) -> Result<ItemOrResult<FrameInit, FrameResult>, DbError> {
        let frame = self.frames.get();
        let call = self.stylus[depth].as_mut().expect("stylus frame exists");
        let next = call.run(&mut self.ctx, frame)?;
        if let Some(observer) = self.observer.as_deref_mut() {
            for step in call.take_hostio_steps() {
                observer.hostio(&step, depth);
            }
        }
        match next {
            ItemOrResult::Item(frame_input) => Ok(ItemOrResult::Item(FrameInit {
                depth: depth + 1,
                memory: frame.interpreter.memory.new_child_context(),
                frame_input,
            })),
            ItemOrResult::Result(result) => {
                let action = InterpreterAction::Return(result);
                let out = frame.process_next_action::<_, DbError>(&mut self.ctx, action)?;
                if out.is_result() {
                    frame.set_finished(true);
                }
                Ok(out)
            }
        }
    }
}

impl<'a> EvmTr for ArbEvm<'a> {
    type Context = Ctx<'a>;
    type Instructions = EthInstructions<EthInterpreter, Ctx<'a>>;
    type Precompiles = ArbPrecompiles;
    type Frame = EthFrame<EthInterpreter>;

    fn all(
        &self,
    ) -> (
        &Self::Context,
        &Self::Instructions,
        &Self::Precompiles,
        &FrameStack<Self::Frame>,
    ) {
        (
            &self.ctx,
            &self.instructions,
            &self.precompiles,
            &self.frames,
        )
    }

    fn all_mut(
        &mut self,
    ) -> (
        &mut Self::Context,
        &mut Self::Instructions,
        &mut Self::Precompiles,
        &mut FrameStack<Self::Frame>,
    ) {
        (
            &mut self.ctx,
            &mut self.instructions,
            &mut self.precompiles,
            &mut self.frames,
        )
    }

    fn frame_init(
        &mut self,
        frame_input: <Self::Frame as FrameTr>::FrameInit,
    ) -> Result<FrameInitResult<'_, Self::Frame>, ContextDbError<Self::Context>> {
        let depth = frame_input.depth;
        if let Some(observer) = self.observer.as_deref_mut() {
            observer.enter(frame_start(&frame_input.frame_input, &self.ctx));
        }
        let actor = match &frame_input.frame_input {
            FrameInput::Call(inputs) => (
                inputs.target_address,
                matches!(
                    inputs.scheme,
                    CallScheme::DelegateCall | CallScheme::CallCode
                ),
            ),
            _ => (revm::primitives::Address::ZERO, false),
        };
        let program = match &frame_input.frame_input {
            FrameInput::Call(inputs)
                if fragments::runs_as_program(
                    inputs.known_bytecode.1.original_byte_slice(),
                    self.runtime.rules(),
                ) =>
            {
                Some((**inputs).clone())
            }
            _ => None,
        };
        let is_first_init = self.frames.index().is_none();
        let new_frame = if is_first_init {
            self.frames.start_init()
        } else {
            self.frames.get_next()
        };
        let res = EthFrame::init_with_context(
            new_frame,
            &mut self.ctx,
            &mut self.precompiles,
            frame_input,
        )?;
        let token = match res {
            ItemOrResult::Result(result) => return Ok(ItemOrResult::Result(result)),
            ItemOrResult::Item(token) => token,
        };
        // SAFETY: the token comes from the slot handed out just above, as revm's own EvmTr does.
        unsafe {
            if is_first_init {
                self.frames.end_init(token);
            } else {
                self.frames.push(token);
            }
        }
        self.stylus.truncate(depth);
        self.actors.truncate(depth);
        let reentrant = self.reentrant(actor.0, actor.1);
        self.actors.push(actor);
        let traced = self.observer.as_ref().is_some_and(|o| o.wants_steps());
        let call = program.map(|inputs| {
            let frame = self.frames.get();
            Box::new(StylusCall::start(
                &mut self.ctx,
                &self.runtime,
                frame,
                &inputs,
                reentrant,
                traced,
            ))
        });
        self.stylus.push(call);
        Ok(ItemOrResult::Item(self.frames.get()))
    }

    fn frame_run(
        &mut self,
    ) -> Result<ItemOrResult<FrameInit, FrameResult>, ContextDbError<Self::Context>> {
        let depth = self.frames.index().expect("a frame is running");
        if self.stylus.get(depth).is_some_and(Option::is_some) {
            return self.run_stylus(depth);
        }
        let frame = self.frames.get();
        let action = match self.observer.as_deref_mut().filter(|o| o.wants_steps()) {
            Some(observer) => run_stepped(
                &mut frame.interpreter,
                self.instructions.instruction_table(),
                self.instructions.gas_table(),
                &mut self.ctx,
                observer,
                depth,
            ),
            None => frame.interpreter.run_plain(
                self.instructions.instruction_table(),
                self.instructions.gas_table(),
                &mut self.ctx,
            ),
        };
        // EIP-3541 forbids new code starting with 0xEF; Arbitrum exempts
        // exactly the Stylus prefixes so programs can be deployed.
        let rules = self.runtime.rules();
        let deploys_program = matches!(frame.data, FrameData::Create(_))
            && matches!(&action, InterpreterAction::Return(r) if r.result.is_ok() && fragments::deployable(&r.output, rules));
        let eip3541_disabled = self.ctx.cfg.disable_eip3541;
        self.ctx.cfg.disable_eip3541 |= deploys_program;
        let out = frame.process_next_action::<_, DbError>(&mut self.ctx, action);
        self.ctx.cfg.disable_eip3541 = eip3541_disabled;
        let out = out?;
        if out.is_result() {
            frame.set_finished(true);
        }
        Ok(out)
    }

    fn frame_return_result(
        &mut self,
        result: <Self::Frame as FrameTr>::FrameResult,
    ) -> Result<Option<<Self::Frame as FrameTr>::FrameResult>, ContextDbError<Self::Context>> {
        if let Some(observer) = self.observer.as_deref_mut() {
            observer.exit(&result);
        }
        if self.frames.get().is_finished() {
            self.frames.pop();
            let open = self.frames.index().map_or(0, |i| i + 1);
            self.stylus.truncate(open);
            self.actors.truncate(open);
        }
        let Some(depth) = self.frames.index() else {
            return Ok(Some(result));
        };
        match self.stylus.get_mut(depth).and_then(Option::as_mut) {
            Some(call) => {
                take_error::<DbError, _>(self.ctx.error())?;
                let frame = self.frames.get();
                frame.interpreter.memory.free_child_context();
                call.deliver(result);
            }
            None => self
                .frames
                .get()
                .return_result::<_, DbError>(&mut self.ctx, result)?,
        }
        Ok(None)
    }
}

fn l1_block_number<H: Host + ?Sized>(
    context: InstructionContext<'_, H, EthInterpreter>,
) -> InstructionExecResult {
    let timestamp: u64 = context.host.timestamp().saturating_to();
    let number = U256::from(l1::block_number(timestamp));
    match context.interpreter.stack.push(number) {
        true => Ok(()),
        false => Err(InstructionResult::StackOverflow),
    }
}

fn l1_block_hash<H: Host + ?Sized>(
    context: InstructionContext<'_, H, EthInterpreter>,
) -> InstructionExecResult {
    let timestamp: u64 = context.host.timestamp().saturating_to();
    let current = l1::block_number(timestamp);
    let Some(([], number)) = context.interpreter.stack.popn_top::<0>() else {
        return Err(InstructionResult::StackUnderflow);
    };
    let requested: u64 = (*number).saturating_to();
    let visible = requested < current && requested + l1::BLOCK_HASH_HISTORY >= current;
    *number = match visible {
        true => U256::from_be_bytes(l1::block_hash(requested).0),
        false => U256::ZERO,
    };
    Ok(())
}

fn nitro_gas_limit<H: Host + ?Sized>(
    context: InstructionContext<'_, H, EthInterpreter>,
) -> InstructionExecResult {
    match context
        .interpreter
        .stack
        .push(U256::from(l1::NITRO_BLOCK_GAS_LIMIT))
    {
        true => Ok(()),
        false => Err(InstructionResult::StackOverflow),
    }
}

/// Mainnet transaction handling over [`ArbEvm`], plus the L1 data charge.
pub struct ArbHandler<'a> {
    /// L2 gas the transaction's L1 data costs, taken before execution.
    poster_gas: u64,
    _evm: std::marker::PhantomData<&'a ()>,
}

impl ArbHandler<'_> {
    pub fn new(poster_gas: u64) -> Self {
        Self {
            poster_gas,
            _evm: std::marker::PhantomData,
        }
    }
}

impl<'a> Handler for ArbHandler<'a> {
    type Evm = ArbEvm<'a>;
    type Error = EVMError<Infallible>;
    type HaltReason = HaltReason;

    /// Nitro charges the L1 data as gas on top of the intrinsic cost: a gas limit
    /// that cannot cover both is refused as intrinsic gas too low, and the gas
    /// counts in the transaction's gas used.
    fn validate_initial_tx_gas(
        &self,
        evm: &mut Self::Evm,
    ) -> Result<InitialAndFloorGas, Self::Error> {
        let ctx = &evm.ctx;
        let tx = &ctx.tx;
        let mut gas = validation::validate_initial_tx_gas_with_gas_params(
            tx,
            ctx.cfg.spec,
            ctx.cfg.gas_params(),
            ctx.cfg.is_eip7623_disabled(),
            ctx.cfg.is_amsterdam_eip8037_enabled(),
            ctx.cfg.tx_gas_limit_cap(),
            None,
        )?;
        gas.initial_regular_gas = gas.initial_regular_gas.saturating_add(self.poster_gas);
        if gas.initial_total_gas() > tx.gas_limit {
            return Err(InvalidTransaction::CallGasCostMoreThanGasLimit {
                gas_limit: tx.gas_limit,
                initial_gas: gas.initial_total_gas(),
            }
            .into());
        }
        Ok(gas)
    }
}
