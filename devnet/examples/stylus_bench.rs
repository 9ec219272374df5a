//! Calls per second through the executor: a Stylus counter against the same
//! counter in EVM bytecode, measured in the same run. No RPC, no blocks: for the
//! whole node against Anvil, see the `throughput` example.
//!
//! `cargo run --release -p devnet --example stylus_bench`

#[path = "../tests/stylus_support/mod.rs"]
mod stylus_support;

use std::time::Instant;

use revm::primitives::Address;
use stylus_support::{COUNTER, TestChain, wat};

const CALLS: u64 = 3_000;

/// PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
const EVM_COUNTER: [u8; 14] = [
    0x5f, 0x54, 0x60, 0x01, 0x01, 0x80, 0x5f, 0x55, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3,
];

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
}
