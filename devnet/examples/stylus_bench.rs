//! Calls per second through the executor: a Stylus counter against the same
//! counter in EVM bytecode, measured in the same run; then the time of a 30M-gas Stylus
//! call spent in WASM alone and in hostio calls (what tracing support must not slow).
//! No RPC, no blocks: for the whole node against Anvil, see the `throughput` example.
//!
//! `cargo run --release -p devnet --example stylus_bench`

#[path = "../tests/stylus_support/mod.rs"]
mod stylus_support;

use std::time::{Duration, Instant};

use revm::primitives::Address;
use stylus_support::{COUNTER, TestChain, wat};

const CALLS: u64 = 3_000;

/// PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
const EVM_COUNTER: [u8; 14] = [
    0x5f, 0x54, 0x60, 0x01, 0x01, 0x80, 0x5f, 0x55, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3,
];

/// Loops until its ink runs out, in WASM alone.
const WASM_LOOP: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
"#;

/// Loops until its ink runs out, calling a hostio on every turn.
const HOSTIO_LOOP: &str = r#"
(module
  (import "vm_hooks" "msg_value" (func $msg_value (param i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (loop $forever (call $msg_value (i32.const 0)) (br $forever))
    (i32.const 0)))
"#;

const HEAVY_GAS: u64 = 30_000_000;

/// The fastest of five runs of a call that burns [`HEAVY_GAS`].
fn heavy_call(chain: &mut TestChain, target: Address) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let result = chain.send(
                revm::primitives::TxKind::Call(target),
                Vec::new(),
                revm::primitives::U256::ZERO,
                HEAVY_GAS,
            );
            assert_eq!(result.tx_gas_used(), HEAVY_GAS, "{result:?}");
            start.elapsed()
        })
        .min()
        .expect("five runs")
}

/// Calls `target` [`CALLS`] times; returns calls per second and the gas of the last call.
fn calls_per_second(chain: &mut TestChain, target: Address) -> (f64, u64) {
    let start = Instant::now();
    let mut gas = 0;
    for _ in 0..CALLS {
        let result = chain.call(target, Vec::new());
        assert!(result.is_success(), "{result:?}");
        gas = result.tx_gas_used();
    }
    (CALLS as f64 / start.elapsed().as_secs_f64(), gas)
}

fn main() {
    let mut chain = TestChain::new();
    let stylus = chain.deploy_activated(&wat(COUNTER));
    let evm = chain.deploy_evm(&EVM_COUNTER);

    let (evm_rate, evm_gas) = calls_per_second(&mut chain, evm);
    let (stylus_rate, stylus_gas) = calls_per_second(&mut chain, stylus);
    println!("{CALLS} counter calls through Executor::transact_commit");
    println!("  EVM    : {evm_rate:>9.0} calls/s  ({evm_gas} gas per call)");
    println!("  Stylus : {stylus_rate:>9.0} calls/s  ({stylus_gas} gas per call)");
    println!("  Stylus/EVM speed ratio: {:.2}", stylus_rate / evm_rate);

    let wasm_loop = chain.deploy_activated(&wat(WASM_LOOP));
    let hostio_loop = chain.deploy_activated(&wat(HOSTIO_LOOP));
    let wasm = heavy_call(&mut chain, wasm_loop);
    let hostio = heavy_call(&mut chain, hostio_loop);
    println!("a {HEAVY_GAS}-gas Stylus call (best of 5)");
    println!("  WASM loop   : {:>7.1} ms", wasm.as_secs_f64() * 1e3);
    println!("  hostio loop : {:>7.1} ms", hostio.as_secs_f64() * 1e3);
}
