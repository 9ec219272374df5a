//! The read-only ArbOS precompiles wallets and Stylus tooling ask about the chain:
//! ArbSys (0x64), ArbOwnerPublic (0x6b) and ArbGasInfo (0x6c). They answer what a
//! Nitro dev node answers, for a chain that charges no L1 fees. Methods that need an
//! L1 (withdrawals, retryables) or chain-owner powers are not served: like any
//! unknown selector they revert without data.

mod arb_gas_info;
mod arb_owner_public;
mod arb_sys;

use alloy::sol_types::SolCall;
use revm::context::ContextTr;
use revm::interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult};
use revm::primitives::{Address, Bytes, U256, address};

use crate::stylus::Rules;

pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
pub const ARB_OWNER_PUBLIC: Address = address!("000000000000000000000000000000000000006b");
pub const ARB_GAS_INFO: Address = address!("000000000000000000000000000000000000006c");

/// Gas of one query: Nitro charges an ArbOS storage read (800) for each field it reads;
/// most of these read one.
const QUERY_GAS: u64 = 800;

/// Serves a call to one of these precompiles; `None` for other addresses.
/// What the precompiles know about the chain and the running transaction.
pub struct TxView<'a> {
    pub rules: &'a Rules,
    /// What the transaction pays for its L1 data, in wei.
    pub poster_fee: U256,
}

pub fn run<CTX: ContextTr>(
    ctx: &mut CTX,
    tx: &TxView<'_>,
    inputs: &CallInputs,
) -> Option<InterpreterResult> {
    let serve = match inputs.bytecode_address {
        ARB_SYS => arb_sys::serve::<CTX>,
        ARB_OWNER_PUBLIC => arb_owner_public::serve::<CTX>,
        ARB_GAS_INFO => arb_gas_info::serve::<CTX>,
        _ => return None,
    };
    let mut gas = Gas::new(inputs.gas_limit);
    let input = inputs.input.bytes(ctx);
    // None of the served methods is payable; Nitro reverts calls that send value to them.
    let answer = match inputs.call_value().is_zero() {
        true => serve(ctx, tx, inputs, &input),
        false => None,
    };
    let (result, output) = match answer {
        Some(_) if !gas.record_regular_cost(QUERY_GAS) => {
            gas.spend_all();
            (InstructionResult::PrecompileOOG, Bytes::new())
        }
        Some(Ok(output)) => (InstructionResult::Return, output),
        Some(Err(revert)) => (InstructionResult::Revert, revert),
        // Nitro's dispatcher reverts an unknown selector (or value sent to a
        // view) without data and consumes all the gas it was given.
        None => {
            gas.spend_all();
            (InstructionResult::Revert, Bytes::new())
        }
    };
    Some(InterpreterResult {
        result,
        output,
        gas,
    })
}

/// A method's answer: return data, or revert data for a Solidity error.
type Answer = Result<Bytes, Bytes>;

fn returns<C: SolCall>(ret: &C::Return) -> Option<Answer> {
    Some(Ok(C::abi_encode_returns(ret).into()))
}
