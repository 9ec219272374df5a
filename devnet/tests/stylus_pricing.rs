//! Stylus gas as Nitro charges it: activation's init and cached costs from the
//! module (crates/prover/src/binary.rs), ink per opcode (programs/meter.rs,
//! `pricing_v1`), a nested program's pages against the transaction's
//! (arbos/programs/programs.go, memory.go) and ArbOS 60's recent-programs cache.

use crate::stylus_support::{ARB_WASM, TestChain, output, sdk_program, wat};
use alloy::primitives::Address;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::stylus::params::{cached_gas, init_gas};
use devnet::stylus::validate::check;
use devnet::stylus::{ModuleInfo, RecentPrograms, Rules};

sol! {
    interface ArbWasm {
        function programInitGas(address program) external view returns (uint64 gas, uint64 gasWhenCached);
    }
}

/// Two functions of types (i32)→i32 and (i32 i64)→i64, one global, one data
/// segment of 5 bytes, 2 pages.
const COUNTED: &str = r#"
(module
  (import "vm_hooks" "read_args" (func (param i32)))
  (memory (export "memory") 2)
  (global (mut i32) (i32.const 0))
  (data (i32.const 0) "hello")
  (func (export "user_entrypoint") (param i32) (result i32) i32.const 0)
  (func (param i32 i64) (result i64) local.get 1))
"#;

fn info(wasm: &[u8], rules: &Rules) -> ModuleInfo {
    check(wasm, rules).expect("valid module").1
}

#[test]
fn activation_records_the_init_and_cached_cost_nitros_formula_gives() {
    let wasm = wat(COUNTED);
    // Counted by hand from COUNTED.
    let funcs = 2u64;
    let type_len = (1 + 1) + (2 + 1);
    // Its global plus the four Nitro's instrumentation adds (ink, ink status, scratch, stack).
    let globals = 1 + 4;
    // The data segment as encoded: flags 0, `i32.const 0; end`, length 5, "hello".
    let data_len = 1 + 3 + 1 + 5;
    let footprint = 2u64;
    let wasm_len = wasm.len() as u64;

    // binary.rs, WasmBinary::instrument (Stylus version 2).
    let init = funcs * 8252 / 1000 + type_len * 1059 / 1000 + wasm_len * 1286 / 10_000;
    let cached = funcs * 13_420 / 100_000
        + type_len * 89 / 100_000
        + wasm_len * 122 / 100_000
        + globals * 1628 / 1000
        + data_len * 75_244 / 100_000
        + footprint * 5;
    let asm =
        512_000 + funcs * 996_829 / 1000 + type_len * 11_416 / 1000 + wasm_len * 62_628 / 10_000;

    let info = info(&wasm, &Rules::default());
    assert_eq!(
        (
            info.init_cost as u64,
            info.cached_cost as u64,
            info.asm_estimate as u64
        ),
        (init, cached, asm)
    );
    assert_eq!(info.footprint, 2);
}

/// Nitro's prediction from the counts of `wasm`, counted here with wasmparser:
/// (initCost, cachedCost, asmEstimate).
fn counted_costs(wasm: &[u8]) -> (u64, u64, u64) {
    use wasmparser::{Parser, Payload};
    let (mut funcs, mut globals, mut data_len, mut footprint) = (0u64, 4u64, 0u64, 0u64);
    let (mut arity, mut type_len) = (Vec::new(), 0u64);
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.expect("valid wasm") {
            Payload::TypeSection(types) => {
                for ty in types.into_iter_err_on_gc_types() {
                    let ty = ty.expect("function type");
                    arity.push((ty.params().len() + ty.results().len()) as u64);
                }
            }
            Payload::FunctionSection(functions) => {
                for ty in functions {
                    type_len += arity[ty.expect("type index") as usize];
                }
            }
            Payload::CodeSectionStart { count, .. } => funcs = count as u64,
            Payload::GlobalSection(section) => globals += section.count() as u64,
            Payload::MemorySection(memories) => {
                let first = memories.into_iter().next().expect("a memory");
                footprint = first.expect("memory type").initial;
            }
            Payload::DataSection(datas) => {
                for data in datas {
                    let range = data.expect("data").range;
                    data_len += range.end - range.start;
                }
            }
            Payload::ElementSection(elements) => {
                for element in elements {
                    let range = element.expect("element").range;
                    data_len += range.end - range.start;
                }
            }
            _ => {}
        }
    }
    let wasm_len = wasm.len() as u64;
    let init = funcs * 8252 / 1000 + type_len * 1059 / 1000 + wasm_len * 1286 / 10_000;
    let cached = funcs * 13_420 / 100_000
        + type_len * 89 / 100_000
        + wasm_len * 122 / 100_000
        + globals * 1628 / 1000
        + data_len * 75_244 / 100_000
        + footprint * 5;
    let asm =
        512_000 + funcs * 996_829 / 1000 + type_len * 11_416 / 1000 + wasm_len * 62_628 / 10_000;
    (init, cached, asm)
}

#[test]
fn sdk_programs_get_the_costs_nitro_predicts_from_their_counts() {
    for package in ["test-counter", "test-caller", "test-logger"] {
        let wasm = sdk_program(package);
        let info = info(&wasm, &Rules::default());
        let recorded = (
            info.init_cost as u64,
            info.cached_cost as u64,
            info.asm_estimate as u64,
        );
        assert_eq!(recorded, counted_costs(&wasm), "{package}");
        // An SDK program is thousands of bytes: its init cost is mostly the WASM length.
        assert!(info.init_cost as usize > wasm.len() / 10, "{package}");
    }
}

#[test]
fn program_init_gas_answers_from_the_recorded_costs() {
    let mut chain = TestChain::new();
    let wasm = wat(COUNTED);
    let info = info(&wasm, chain.exec.rules());
    let program = chain.deploy_activated(&wasm);
    let answer = output(&chain.call(
        ARB_WASM,
        ArbWasm::programInitGasCall { program }.abi_encode(),
    ));
    let answer = ArbWasm::programInitGasCall::abi_decode_returns(&answer).expect("two words");
    // params.go: 69·128 + initCost·50·2 %, and 11·32 + cachedCost·50·2 %.
    let cached = 11 * 32 + info.cached_cost as u64;
    assert_eq!(answer.gasWhenCached, cached);
    assert_eq!(answer.gas, 69 * 128 + info.init_cost as u64 + cached);
}

/// Reads the ink left, runs `between`, reads it again and returns the difference.
fn ink_probe(between: &str) -> String {
    format!(
        r#"
(module
  (import "vm_hooks" "evm_ink_left" (func $ink (result i64)))
  (import "vm_hooks" "write_result" (func $out (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (local $before i64)
    call $ink
    local.set $before
    {between}
    i32.const 0
    local.get $before
    call $ink
    i64.sub
    i64.store
    i32.const 0
    i32.const 8
    call $out
    i32.const 0))
"#
    )
}

fn measured_ink(between: &str) -> u64 {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(&ink_probe(between)));
    let result = chain.call(program, Vec::new());
    assert!(result.is_success(), "{result:?}");
    u64::from_le_bytes(output(&result)[..8].try_into().expect("8 bytes"))
}

// Nitro's prices (meter.rs `pricing_v1`, config.rs, arbutil pricing.rs).
const HEADER: u64 = 2450;
const CALL: u64 = 3800;
const LOCAL_SET: u64 = 210;
const LOCAL_GET: u64 = 75;
const CONST: u64 = 1;
const HOSTIO: u64 = 8400;

#[test]
fn each_opcode_of_a_basic_block_costs_its_own_ink() {
    // The block between the reads: local.set, i32.const, local.get and the
    // call, charged with its header before the call; then the hostio's own ink.
    let plain = measured_ink("");
    assert_eq!(
        plain,
        LOCAL_SET + CONST + LOCAL_GET + CALL + HEADER + HOSTIO
    );

    // Two adds (70 each) and their operands in the same block.
    let adds = measured_ink("i32.const 1 i32.const 2 i32.add i32.const 3 i32.add drop");
    assert_eq!(adds - plain, 3 * CONST + 2 * 70 + 9);
}

#[test]
fn a_branch_starts_a_new_block_with_its_own_header() {
    let plain = measured_ink("");
    // `block` (1) and `br 0` (765) close a block. The branch leaves before
    // the header of the block that holds only `end`, so that one is never paid.
    let branched = measured_ink("block br 0 end");
    assert_eq!(branched - plain, 1 + 765 + HEADER);
    // Without the branch, `block` joins the first block and `end` pays its own.
    let fallen = measured_ink("block end");
    assert_eq!(fallen - plain, 1 + 1 + HEADER);
}

#[test]
fn memory_fill_pays_per_byte() {
    let plain = measured_ink("");
    let filled = measured_ink("i32.const 0 i32.const 7 i32.const 800 memory.fill");
    // Three consts, the opcode's 950, and 800 / 8 ink per byte (config.rs).
    assert_eq!(filled - plain, 3 * CONST + 950 + 800 * 100);
}

/// Calls the program whose address is its calldata and returns the ink the
/// call took, with `pages` pages of its own memory.
fn caller(pages: u32) -> String {
    format!(
        r#"
(module
  (import "vm_hooks" "read_args" (func $args (param i32)))
  (import "vm_hooks" "evm_ink_left" (func $ink (result i64)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "write_result" (func $out (param i32 i32)))
  (memory (export "memory") {pages})
  (func (export "user_entrypoint") (param i32) (result i32)
    (local $before i64)
    (call $args (i32.const 0))
    (local.set $before (call $ink))
    (drop (call $call (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 32)
                      (i64.const -1) (i32.const 64)))
    (i64.store (i32.const 128) (i64.sub (local.get $before) (call $ink)))
    (call $out (i32.const 128) (i32.const 8))
    (i32.const 0)))
"#
    )
}

const CALLEE: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32) i32.const 0))
"#;

fn call_ink(chain: &mut TestChain, caller: Address, callee: Address) -> u64 {
    let result = chain.call(caller, callee.to_vec());
    assert!(result.is_success(), "{result:?}");
    u64::from_le_bytes(output(&result)[..8].try_into().expect("8 bytes"))
}

#[test]
fn a_nested_program_pays_for_pages_beyond_what_the_transaction_holds_open() {
    let mut chain = TestChain::new();
    let callee = chain.deploy_activated(&wat(CALLEE));
    // Same code, one page or three: the callee's page is free under the first
    // (two open in all) and the fourth open page under the second.
    let small = chain.deploy_activated(&wat(&caller(1)));
    let large = chain.deploy_activated(&wat(&caller(3)));
    let under_small = call_ink(&mut chain, small, callee);
    let under_large = call_ink(&mut chain, large, callee);
    // memory.go: GasCost(1, open 3, ever 3) = 1 page · 1,000 gas, no exponent step.
    assert_eq!(under_large - under_small, 1000 * 10_000);
}

fn entry_gas_twice_in_a_block(rules: Rules) -> (u64, u64, ModuleInfo) {
    let mut chain = TestChain::with_rules(rules);
    let wasm = wat(COUNTED);
    let info = info(&wasm, &rules);
    let program = chain.deploy_activated(&wasm);
    let mut recent = RecentPrograms::default();
    let first = chain.call_in_block(program, Vec::new(), &mut recent);
    let second = chain.call_in_block(program, Vec::new(), &mut recent);
    (first.tx_gas_used(), second.tx_gas_used(), info)
}

#[test]
fn since_arbos_60_a_program_run_earlier_in_the_block_pays_only_its_cached_cost() {
    let (first, second, info) = entry_gas_twice_in_a_block(Rules::default());
    assert_eq!(first - second, init_gas(info.init_cost));
    // Both still pay the cached cost.
    assert!(second > cached_gas(info.cached_cost));
}

#[test]
fn before_arbos_60_every_call_pays_the_init_cost() {
    let (first, second, _) = entry_gas_twice_in_a_block(Rules::new(51, false).expect("supported"));
    assert_eq!(first, second);
}

#[test]
fn the_recent_programs_cache_ends_with_the_block() {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(COUNTED));
    // `call` runs each transaction alone in its block.
    let first = chain.call(program, Vec::new()).tx_gas_used();
    let second = chain.call(program, Vec::new()).tx_gas_used();
    assert_eq!(first, second);
}
