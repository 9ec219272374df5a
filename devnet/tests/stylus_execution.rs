//! Stylus programs deployed with the real init code, activated through ArbWasm
//! and called through the executor.

use crate::stylus_support::{COUNTER, TestChain, output, wat};
use devnet::evm::{ExecutionResult, HaltReason};
use revm::primitives::{Address, U256};

const INFINITE_LOOP: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
"#;

const BAD_IMPORT: &str = r#"
(module
  (import "env" "abort" (func $abort))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))
"#;

const TOO_MUCH_MEMORY: &str = r#"
(module
  (memory (export "memory") 129)
  (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))
"#;

/// Emits LOG2(topic0 = 0xaa.., topic1 = msg.sender) with 32 bytes of data (0x01..).
const LOGGER: &str = r#"
(module
  (import "vm_hooks" "emit_log" (func $emit_log (param i32 i32 i32)))
  (import "vm_hooks" "msg_sender" (func $msg_sender (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa")
  (data (i32.const 95) "\01")
  (func (export "user_entrypoint") (param i32) (result i32)
    (call $msg_sender (i32.const 44))
    (call $emit_log (i32.const 0) (i32.const 96) (i32.const 2))
    (i32.const 0)))
"#;

/// Calls the address in its calldata with STATICCALL semantics (or CALL when
/// the 21st byte is 1), forwarding the rest of the calldata; returns
/// [status byte] ++ callee's return data.
const CALLER: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "static_call_contract" (func $static_call (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $read_return_data (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $status i32)
    (call $read_args (i32.const 1024))
    (if (i32.eq (i32.load8_u (i32.const 1044)) (i32.const 1))
      (then (local.set $status
        (call $call (i32.const 1024) (i32.const 1045) (i32.sub (local.get $len) (i32.const 21))
                    (i32.const 0) (i64.const -1) (i32.const 8))))
      (else (local.set $status
        (call $static_call (i32.const 1024) (i32.const 1045) (i32.sub (local.get $len) (i32.const 21))
                           (i64.const -1) (i32.const 8)))))
    (i32.store8 (i32.const 2047) (local.get $status))
    (drop (call $read_return_data (i32.const 2048) (i32.const 0) (i32.load (i32.const 8))))
    (call $write_result (i32.const 2047) (i32.add (i32.load (i32.const 8)) (i32.const 1)))
    (i32.const 0)))
"#;

/// Returns msg_reentrant as one byte; when called with a non-empty calldata,
/// calls itself (with empty calldata) and returns the inner answer instead.
const REENTRANCY_PROBE: &str = r#"
(module
  (import "vm_hooks" "msg_reentrant" (func $msg_reentrant (result i32)))
  (import "vm_hooks" "contract_address" (func $contract_address (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $read_return_data (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (if (i32.eqz (local.get $len))
      (then
        (i32.store8 (i32.const 0) (call $msg_reentrant))
        (call $write_result (i32.const 0) (i32.const 1))
        (return (i32.const 0))))
    (call $contract_address (i32.const 100))
    (drop (call $call (i32.const 100) (i32.const 0) (i32.const 0) (i32.const 200) (i64.const -1) (i32.const 300)))
    (drop (call $read_return_data (i32.const 0) (i32.const 0) (i32.const 1)))
    (call $write_result (i32.const 0) (i32.const 1))
    (i32.const 0)))
"#;

/// Calls itself forever; each level passes its calldata on.
const RECURSE: &str = r#"
(module
  (import "vm_hooks" "contract_address" (func $contract_address (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $contract_address (i32.const 100))
    (call $call (i32.const 100) (i32.const 0) (i32.const 0) (i32.const 200) (i64.const -1) (i32.const 300))))
"#;

fn calldata(target: Address, mode: u8, rest: &[u8]) -> Vec<u8> {
    let mut data = target.to_vec();
    data.push(mode);
    data.extend_from_slice(rest);
    data
}

#[test]
fn counter_program_increments_storage_and_returns_the_new_value() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&wat(COUNTER));

    let first = chain.call(counter, vec![]);
    let second = chain.call(counter, vec![]);

    assert!(first.is_success(), "{first:?}");
    assert_eq!(U256::from_be_slice(&output(&second)), U256::from(2));
    assert_eq!(chain.storage(counter, 0), U256::from(2));
    // A cold SSTORE of a fresh slot costs 22,100 on Nitro; the call must cost
    // at least that plus the 21,000 intrinsic and the program's init gas.
    assert!(
        first.tx_gas_used() > 21_000 + 22_100 + 8_832,
        "gas used {}",
        first.tx_gas_used()
    );
    assert!(
        first.tx_gas_used() < 120_000,
        "gas used {}",
        first.tx_gas_used()
    );
}

#[test]
fn activating_twice_reverts_with_program_up_to_date() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&wat(COUNTER));

    let again = chain.activate(counter);

    assert!(matches!(again, ExecutionResult::Revert { .. }), "{again:?}");
    // ProgramUpToDate()
    assert_eq!(output(&again).as_ref(), &[0xcc, 0x94, 0x4b, 0xf2]);
}

#[test]
fn activation_refuses_a_module_importing_outside_the_stylus_host() {
    let mut chain = TestChain::new();
    let program = chain.deploy_program(&wat(BAD_IMPORT));

    let result = chain.activate(program);

    assert!(matches!(result, ExecutionResult::Halt { .. }), "{result:?}");
    assert!(!chain.call(program, vec![]).is_success());
}

#[test]
fn activation_refuses_memory_over_the_page_limit() {
    let mut chain = TestChain::new();
    let program = chain.deploy_program(&wat(TOO_MUCH_MEMORY));

    assert!(matches!(
        chain.activate(program),
        ExecutionResult::Halt { .. }
    ));
}

#[test]
fn activation_charges_a_data_fee_and_refunds_the_excess() {
    let mut chain = TestChain::new();
    let program = chain.deploy_program(&wat(COUNTER));
    let before = chain.db.cache.accounts[&chain.sender].info.balance;

    let result = chain.activate(program);

    let after = chain.db.cache.accounts[&chain.sender].info.balance;
    let gas_cost = U256::from(result.tx_gas_used()) * U256::from(chain.block.basefee);
    let fee = before - after - gas_cost;
    let data = output(&result);
    assert_eq!(
        U256::from_be_slice(&data[32..64]),
        fee,
        "dataFee returned is what was kept"
    );
    assert!(fee > U256::ZERO && fee < U256::from(10u128.pow(18)));
    assert_eq!(
        U256::from_be_slice(&data[..32]),
        U256::from(2),
        "stylus version 2"
    );
}

#[test]
fn an_infinite_loop_ends_out_of_gas_within_the_gas_limit() {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(INFINITE_LOOP));

    let result = chain.send(
        revm::primitives::TxKind::Call(program),
        vec![],
        U256::ZERO,
        2_000_000,
    );

    assert!(
        matches!(
            result,
            ExecutionResult::Halt {
                reason: HaltReason::OutOfGas(_),
                ..
            }
        ),
        "{result:?}"
    );
    assert_eq!(result.tx_gas_used(), 2_000_000);
}

#[test]
fn logger_program_emits_its_topics_and_data() {
    let mut chain = TestChain::new();
    let logger = chain.deploy_activated(&wat(LOGGER));

    let result = chain.call(logger, vec![]);

    let logs = result.logs();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].address, logger);
    assert_eq!(logs[0].topics()[0].as_slice(), &[0xaa; 32]);
    assert_eq!(
        &logs[0].topics()[1].as_slice()[12..],
        chain.sender.as_slice()
    );
    assert_eq!(U256::from_be_slice(&logs[0].data.data), U256::from(1));
}

#[test]
fn a_program_calls_another_program_and_reads_its_return_data() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&wat(COUNTER));
    let caller = chain.deploy_activated(&wat(CALLER));

    let result = chain.call(caller, calldata(counter, 1, &[]));

    let out = output(&result);
    assert_eq!(out[0], 0, "call succeeded");
    assert_eq!(U256::from_be_slice(&out[1..]), U256::from(1));
    assert_eq!(chain.storage(counter, 0), U256::from(1));
}

#[test]
fn a_static_call_cannot_write_storage() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&wat(COUNTER));
    let caller = chain.deploy_activated(&wat(CALLER));

    let result = chain.call(caller, calldata(counter, 0, &[]));

    assert_eq!(output(&result)[0], 2, "static call failed");
    assert_eq!(chain.storage(counter, 0), U256::ZERO);
}

#[test]
fn a_program_calls_a_solidity_contract() {
    let mut chain = TestChain::new();
    // Solidity-equivalent runtime: returns CALLER and CALLVALUE... here, returns 42.
    let answer = chain.deploy_evm(&[0x60, 42, 0x60, 0, 0x52, 0x60, 32, 0x60, 0, 0xf3]);
    let caller = chain.deploy_activated(&wat(CALLER));

    let result = chain.call(caller, calldata(answer, 0, &[]));

    let out = output(&result);
    assert_eq!(out[0], 0);
    assert_eq!(U256::from_be_slice(&out[1..]), U256::from(42));
}

#[test]
fn evm_calls_stylus_which_calls_evm_which_calls_stylus() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&wat(COUNTER));
    // EVM forwarder: CALL(gas, counter, 0, 0, 0, 0, 32) then return 32 bytes of memory.
    let mut forwarder = vec![0x60, 32, 0x60, 0, 0x60, 0, 0x60, 0, 0x60, 0, 0x73];
    forwarder.extend_from_slice(counter.as_slice());
    forwarder.extend_from_slice(&[0x5a, 0xf1, 0x50, 0x60, 32, 0x60, 0, 0xf3]);
    let forwarder = chain.deploy_evm(&forwarder);
    let caller = chain.deploy_activated(&wat(CALLER));

    let result = chain.call(caller, calldata(forwarder, 1, &[]));

    let out = output(&result);
    assert_eq!(out[0], 0, "{result:?}");
    assert_eq!(U256::from_be_slice(&out[1..]), U256::from(1));
    assert_eq!(chain.storage(counter, 0), U256::from(1));
}

#[test]
fn msg_reentrant_is_true_only_when_the_program_is_already_on_the_stack() {
    let mut chain = TestChain::new();
    let probe = chain.deploy_activated(&wat(REENTRANCY_PROBE));

    let direct = chain.call(probe, vec![]);
    let reentered = chain.call(probe, vec![1]);

    assert_eq!(output(&direct).as_ref(), &[0]);
    assert_eq!(output(&reentered).as_ref(), &[1]);
}

#[test]
fn unbounded_recursion_stops_at_the_call_depth_limit_without_crashing() {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(RECURSE));

    let result = chain.call(program, vec![]);

    // The innermost call fails (depth or gas); each level returns the failed
    // status from its entrypoint, so the whole chain reverts.
    assert!(
        matches!(result, ExecutionResult::Revert { .. }),
        "{result:?}"
    );
    assert!(result.tx_gas_used() <= 30_000_000);
}
