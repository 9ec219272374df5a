//! How calls fail, as on Nitro: a program that is not activated, a WASM stack
//! that runs out and a call ArbWasm does not know all end the call with no
//! return data and all its gas consumed; recursion reaches the depth Nitro's
//! stack-depth budget (`maxStackDepth` words, per-function frames) allows.

use crate::stylus_support::{ARB_WASM, COUNTER, TestChain, output, wat};
use devnet::evm::{ExecutionResult, HaltReason};
use devnet::stylus::Rules;
use revm::primitives::{TxKind, U256};

const GAS: u64 = 5_000_000;

/// Calls `$r(n)`, which recurses n times, with n the first 4 calldata bytes
/// (little-endian), and returns the i32 result. Nitro's frames: 8 words for the
/// entrypoint and 8 for `$r` (4 values at most on its stack, 4 of overhead).
const RECURSIVE: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (func $r (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $r
      i32.const 1
      i32.add
    end)
  (func (export "user_entrypoint") (param i32) (result i32)
    (call $read_args (i32.const 0))
    (i32.store (i32.const 0) (call $r (i32.load (i32.const 0))))
    (call $write_result (i32.const 0) (i32.const 4))
    (i32.const 0)))
"#;

fn recurse(
    chain: &mut TestChain,
    program: revm::primitives::Address,
    depth: u32,
) -> ExecutionResult {
    chain.send(
        TxKind::Call(program),
        depth.to_le_bytes().to_vec(),
        U256::ZERO,
        GAS,
    )
}

fn burned_everything(result: &ExecutionResult) -> bool {
    !result.is_success() && output(result).is_empty() && result.tx_gas_used() == GAS
}

/// The deepest recursion a `budget`-word stack allows: the entrypoint takes 8
/// words, and a call traps unless more than its frame's 8 words are left.
fn deepest(budget: u32) -> u32 {
    let frames = (budget - 8 - 1) / 8;
    frames - 1
}

#[test]
fn recursion_reaches_the_depth_nitros_stack_budget_allows() {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(RECURSIVE));
    let limit = deepest(22_000);

    let deepest_ok = recurse(&mut chain, program, limit);
    let one_more = recurse(&mut chain, program, limit + 1);

    assert!(limit > 2_000, "well past wasmi's own ~1000 frames");
    assert!(deepest_ok.is_success(), "{deepest_ok:?}");
    assert_eq!(output(&deepest_ok).as_ref(), &limit.to_le_bytes());
    assert!(
        matches!(
            one_more,
            ExecutionResult::Halt {
                reason: HaltReason::StackOverflow,
                ..
            }
        ),
        "{one_more:?}"
    );
    assert!(burned_everything(&one_more));
}

#[test]
fn before_arbos_50_the_stack_budget_is_four_pages_of_words() {
    let mut chain = TestChain::with_rules(Rules::new(40, false).expect("supported"));
    let program = chain.deploy_activated(&wat(RECURSIVE));
    let limit = deepest(4 * 65_536);

    let deepest_ok = recurse(&mut chain, program, limit);
    let one_more = recurse(&mut chain, program, limit + 1);

    assert!(deepest_ok.is_success(), "{deepest_ok:?}");
    assert!(burned_everything(&one_more), "{one_more:?}");
}

#[test]
fn calling_a_program_that_is_not_activated_halts_and_burns_all_gas() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_program(&wat(COUNTER));

    let result = chain.send(TxKind::Call(counter), vec![], U256::ZERO, GAS);

    assert!(matches!(result, ExecutionResult::Halt { .. }), "{result:?}");
    assert!(burned_everything(&result));
}

#[test]
fn an_unknown_arbwasm_selector_fails_without_data_and_burns_all_gas() {
    let mut chain = TestChain::new();

    let unknown = chain.send(
        TxKind::Call(ARB_WASM),
        vec![0xde, 0xad, 0xbe, 0xef],
        U256::ZERO,
        GAS,
    );
    let short = chain.send(TxKind::Call(ARB_WASM), vec![0x01], U256::ZERO, GAS);

    assert!(burned_everything(&unknown), "{unknown:?}");
    assert!(burned_everything(&short), "{short:?}");
}
