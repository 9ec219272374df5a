//! Calls per second through the executor: a Stylus counter against the same
//! counter in EVM bytecode, measured in the same run.
//!
//! `cargo run --release -p devnet --example stylus_bench`

use std::time::Instant;

use devnet::evm::{BlockEnv, Db, Executor, TxEnv};
use devnet::stylus::{compress, deploy_initcode};
use revm::primitives::{Address, Bytes, TxKind, U256, address};
use revm::state::AccountInfo;

const CALLS: u64 = 3_000;
const CHAIN_ID: u64 = 412_346;
const SENDER: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

/// The counter of the Stylus tests: load slot 0, add one, cache, flush, return it.
const STYLUS_COUNTER: &str = r#"
(module
  (import "vm_hooks" "storage_load_bytes32" (func $load (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (call $load (i32.const 0) (i32.const 32))
    (i32.store8 (i32.const 63) (i32.add (i32.load8_u (i32.const 63)) (i32.const 1)))
    (call $cache (i32.const 0) (i32.const 32))
    (call $flush (i32.const 0))
    (call $write_result (i32.const 32) (i32.const 32))
    (i32.const 0)))
"#;

/// PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
const EVM_COUNTER: [u8; 14] = [
    0x5f, 0x54, 0x60, 0x01, 0x01, 0x80, 0x5f, 0x55, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3,
];

struct Bench {
    exec: Executor,
    db: Db,
    block: BlockEnv,
    nonce: u64,
}

impl Bench {
    fn send(&mut self, kind: TxKind, data: Vec<u8>, value: U256) -> devnet::evm::ExecutionResult {
        let tx = TxEnv {
            caller: SENDER,
            gas_limit: 30_000_000,
            gas_price: self.block.basefee as u128,
            kind,
            value,
            data: Bytes::from(data),
            nonce: self.nonce,
            chain_id: Some(CHAIN_ID),
            ..Default::default()
        };
        self.nonce += 1;
        let result = self.exec.transact_commit(&mut self.db, &self.block, tx);
        result.expect("valid transaction")
    }

    fn create(&mut self, init: Vec<u8>) -> Address {
        let result = self.send(TxKind::Create, init, U256::ZERO);
        match result {
            devnet::evm::ExecutionResult::Success { output, .. } => {
                output.address().copied().expect("created")
            }
            other => panic!("deployment failed: {other:?}"),
        }
    }

    fn calls_per_second(&mut self, target: Address) -> (f64, u64) {
        let start = Instant::now();
        let mut gas = 0;
        for _ in 0..CALLS {
            let result = self.send(TxKind::Call(target), Vec::new(), U256::ZERO);
            assert!(result.is_success(), "{result:?}");
            gas = result.tx_gas_used();
        }
        (CALLS as f64 / start.elapsed().as_secs_f64(), gas)
    }
}

fn main() {
    let mut db = Db::default();
    let balance = U256::from(10u128.pow(24));
    db.insert_account_info(
        SENDER,
        AccountInfo {
            balance,
            ..Default::default()
        },
    );
    let block = BlockEnv {
        number: U256::from(1),
        timestamp: U256::from(1_750_000_000u64),
        gas_limit: 32_000_000,
        basefee: 100_000_000,
        ..Default::default()
    };
    let mut bench = Bench {
        exec: Executor::new(CHAIN_ID),
        db,
        block,
        nonce: 0,
    };

    let wasm = wat::parse_str(STYLUS_COUNTER).expect("valid WAT");
    let stylus = bench.create(deploy_initcode(&compress(&wasm)));
    let mut activate = vec![0x58, 0xc7, 0x80, 0xc2];
    activate.extend_from_slice(&[0; 12]);
    activate.extend_from_slice(stylus.as_slice());
    let activated = bench.send(TxKind::Call(ARB_WASM), activate, U256::from(10u128.pow(18)));
    assert!(activated.is_success(), "{activated:?}");

    let mut init = vec![
        0x60,
        EVM_COUNTER.len() as u8,
        0x80,
        0x60,
        12,
        0x5f,
        0x39,
        0x5f,
        0xf3,
    ];
    init.resize(12, 0x00);
    init.extend_from_slice(&EVM_COUNTER);
    let evm = bench.create(init);

    let (evm_rate, evm_gas) = bench.calls_per_second(evm);
    let (stylus_rate, stylus_gas) = bench.calls_per_second(stylus);
    println!("{CALLS} counter calls through Executor::transact_commit");
    println!("  EVM    : {evm_rate:>9.0} calls/s  ({evm_gas} gas per call)");
    println!("  Stylus : {stylus_rate:>9.0} calls/s  ({stylus_gas} gas per call)");
    println!("  Stylus/EVM speed ratio: {:.2}", stylus_rate / evm_rate);
}
