//! A chain in memory, driven through the executor the way the node drives it.
//! Shared by the Stylus test binaries; each uses a subset, hence the allow below.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use devnet::evm::l1::Posting;
use devnet::evm::{BlockEnv, Checks, Db, ExecutionResult, Executor, Output, TxEnv};
use devnet::stylus::{RecentPrograms, Rules, canonical_wasm, compress, deploy_initcode};
use revm::primitives::{Address, Bytes, TxKind, U256, address};
use revm::state::AccountInfo;

pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
pub const CHAIN_ID: u64 = 412_346;

/// Increments slot 0 (its last byte) and returns the new value; uses the
/// storage cache and flush exactly as the SDK does.
pub const COUNTER: &str = r#"
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

pub struct TestChain {
    pub exec: Executor,
    pub db: Db,
    pub block: BlockEnv,
    pub sender: Address,
    nonce: u64,
}

impl TestChain {
    pub fn new() -> Self {
        Self::with_rules(Rules::default())
    }

    /// A chain running another ArbOS version or in debug mode.
    pub fn with_rules(rules: Rules) -> Self {
        let sender = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        let mut db = Db::default();
        db.insert_account_info(
            sender,
            AccountInfo {
                balance: U256::from(10u128.pow(24)),
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
        Self {
            exec: Executor::with_rules(CHAIN_ID, rules),
            db,
            block,
            sender,
            nonce: 0,
        }
    }

    pub fn send(
        &mut self,
        kind: TxKind,
        data: impl Into<Bytes>,
        value: U256,
        gas_limit: u64,
    ) -> ExecutionResult {
        let tx = TxEnv {
            caller: self.sender,
            gas_limit,
            gas_price: self.block.basefee as u128,
            kind,
            value,
            data: data.into(),
            nonce: self.nonce,
            chain_id: Some(CHAIN_ID),
            ..Default::default()
        };
        let result = self
            .exec
            // No batch poster here: L1 data is charged by the node (see arbitrum_l1_gas).
            .transact_commit(&mut self.db, &self.block, tx, Posting::None)
            .expect("transaction is valid");
        self.nonce += 1;
        result
    }

    /// Calls `to` as a later transaction of the block whose earlier transactions ran
    /// `recent` programs.
    pub fn call_in_block(
        &mut self,
        to: Address,
        data: impl Into<Bytes>,
        recent: &mut RecentPrograms,
    ) -> ExecutionResult {
        let tx = TxEnv {
            caller: self.sender,
            gas_limit: 30_000_000,
            gas_price: self.block.basefee as u128,
            kind: TxKind::Call(to),
            data: data.into(),
            nonce: self.nonce,
            chain_id: Some(CHAIN_ID),
            ..Default::default()
        };
        let result = self
            .exec
            .transact_commit_in_block(
                &mut self.db,
                &self.block,
                tx,
                Posting::None,
                Checks::Signed,
                recent,
            )
            .expect("transaction is valid");
        self.nonce += 1;
        result
    }

    pub fn call(&mut self, to: Address, data: impl Into<Bytes>) -> ExecutionResult {
        self.send(TxKind::Call(to), data, U256::ZERO, 30_000_000)
    }

    pub fn create(&mut self, init_code: Vec<u8>) -> Address {
        match self.send(TxKind::Create, init_code, U256::ZERO, 30_000_000) {
            ExecutionResult::Success {
                output: Output::Create(_, Some(address)),
                ..
            } => address,
            other => panic!("deployment failed: {other:?}"),
        }
    }

    /// Deploys `wasm` with the init code `cargo stylus deploy` sends.
    pub fn deploy_program(&mut self, wasm: &[u8]) -> Address {
        self.create(deploy_initcode(&compress(wasm)))
    }

    pub fn activate(&mut self, program: Address) -> ExecutionResult {
        let mut data = vec![0x58, 0xc7, 0x80, 0xc2];
        data.extend_from_slice(&[0u8; 12]);
        data.extend_from_slice(program.as_slice());
        self.send(
            TxKind::Call(ARB_WASM),
            data,
            U256::from(10u128.pow(18)),
            30_000_000,
        )
    }

    pub fn deploy_activated(&mut self, wasm: &[u8]) -> Address {
        let program = self.deploy_program(wasm);
        let result = self.activate(program);
        assert!(result.is_success(), "activation failed: {result:?}");
        program
    }

    /// Deploys `runtime` EVM code behind a minimal constructor that returns it.
    pub fn deploy_evm(&mut self, runtime: &[u8]) -> Address {
        let len = runtime.len() as u8;
        let mut init = vec![
            0x60, len, 0x80, 0x60, 12, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00,
        ];
        init.extend_from_slice(runtime);
        self.create(init)
    }

    pub fn storage(&self, address: Address, slot: u64) -> U256 {
        self.storage_at(address, U256::from(slot))
    }

    pub fn storage_at(&self, address: Address, slot: U256) -> U256 {
        self.db
            .cache
            .accounts
            .get(&address)
            .and_then(|a| a.storage.get(&slot).copied())
            .unwrap_or_default()
    }

    pub fn balance(&self, address: Address) -> U256 {
        self.db
            .cache
            .accounts
            .get(&address)
            .map(|a| a.info.balance)
            .unwrap_or_default()
    }

    pub fn code(&self, address: Address) -> Bytes {
        self.db
            .cache
            .accounts
            .get(&address)
            .and_then(|a| a.info.code.as_ref())
            .map(|c| c.original_bytes())
            .unwrap_or_default()
    }

    /// What the sender paid for `result`'s gas.
    pub fn gas_cost(&self, result: &ExecutionResult) -> U256 {
        U256::from(result.tx_gas_used()) * U256::from(self.block.basefee)
    }
}

pub fn wat(source: &str) -> Vec<u8> {
    wat::parse_str(source).expect("test WAT is valid")
}

pub fn output(result: &ExecutionResult) -> Bytes {
    match result {
        ExecutionResult::Success { output, .. } => output.data().clone(),
        ExecutionResult::Revert { output, .. } => output.clone(),
        ExecutionResult::Halt { .. } => Bytes::new(),
    }
}

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("devnet sits in the repo")
}

/// The SDK programs of `devnet/test-programs`, by package name.
pub const SDK_PROGRAMS: [&str; 4] = [
    "test-counter",
    "test-caller",
    "test-reentrancy-probe",
    "test-logger",
];

/// The WASM of SDK program `package` (one of [`SDK_PROGRAMS`]), built from source for
/// wasm32 the way `cargo stylus` builds it; all of them are built once per test binary.
pub fn sdk_program(package: &str) -> Vec<u8> {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    let dir = BUILT.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .current_dir(repo_root())
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--quiet",
            ])
            .args(SDK_PROGRAMS.iter().flat_map(|p| ["-p", p]))
            // The test build's flags are for the host, not for WASM.
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "building the SDK test programs failed");
        repo_root().join("target/wasm32-unknown-unknown/release")
    });
    assert!(
        SDK_PROGRAMS.contains(&package),
        "unknown test program {package}"
    );
    let file = dir.join(format!("{}.wasm", package.replace('-', "_")));
    let wasm = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    // As `cargo stylus` does before deploying: Nitro refuses rustc's raw encoding.
    canonical_wasm(&wasm).expect("rustc output re-encodes")
}

/// Compiles `source` with the repo's solc (`scripts/solc`, standard JSON) and returns
/// `contract`'s `output` (`"evm.bytecode.object"` or `"evm.deployedBytecode.object"`) as hex.
pub fn solc(source: &str, contract: &str, output: &str, settings: serde_json::Value) -> String {
    let mut settings = settings;
    settings["outputSelection"] = serde_json::json!({ "*": { "*": [output] } });
    let input = serde_json::json!({
        "language": "Solidity",
        "sources": { "Source.sol": { "content": source } },
        "settings": settings,
    });
    let mut solc = Command::new(repo_root().join("scripts/solc"))
        .arg("--standard-json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("scripts/solc runs (scripts/setup.sh installs solcjs)");
    serde_json::to_writer(solc.stdin.take().expect("stdin"), &input).expect("input written");
    let out = solc.wait_with_output().expect("solc finishes");
    let out: serde_json::Value = serde_json::from_slice(&out.stdout).expect("solc prints JSON");
    let errors = out["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.iter().all(|e| e["severity"] != "error"),
        "solc: {errors:?}"
    );
    let mut value = &out["contracts"]["Source.sol"][contract];
    for key in output.split('.') {
        value = &value[key];
    }
    value.as_str().expect("compiled code").to_owned()
}
