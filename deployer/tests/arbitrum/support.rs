//! Devnets of their own for these tests, and small Stylus programs to deploy on them.

use std::path::PathBuf;

use alloy::primitives::{Address, U256};
use deployer::chain::Wallet;

use crate::cli::support::{CONFIG, Run, lrt, scratch};

/// A devnet running on its own thread for the rest of the test binary.
pub struct Node {
    pub rpc_url: String,
    pub keys: Vec<String>,
}

impl Node {
    pub fn start(config: devnet::Config) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async move {
                let node = devnet::Devnet::spawn(config)
                    .await
                    .expect("the devnet starts");
                let keys = node
                    .accounts()
                    .signers()
                    .iter()
                    .map(|s| format!("0x{}", alloy::hex::encode(s.to_bytes())))
                    .collect();
                tx.send((node.endpoint(), keys)).unwrap();
                std::future::pending::<()>().await;
            });
        });
        let (rpc_url, keys) = rx.recv().expect("the devnet thread reports its endpoint");
        Self { rpc_url, keys }
    }

    /// `lrt args… --rpc-url <this node> --manifest <manifest>`, signed by account 0.
    pub fn lrt(&self, manifest: &std::path::Path, args: &[&str]) -> Run {
        let manifest = manifest.to_string_lossy().into_owned();
        let mut all = args.to_vec();
        all.extend(["--rpc-url", &self.rpc_url, "--manifest", &manifest]);
        all.extend(["--private-key", &self.keys[0]]);
        lrt(&all)
    }

    /// The test config deployed here by `lrt deploy`; returns the manifest.
    pub fn deploy(&self, name: &str) -> PathBuf {
        let (config, manifest) = config_file(name);
        let config = config.to_string_lossy().into_owned();
        let report = self
            .lrt(&manifest, &["deploy", "--config", &config, "--json"])
            .expect(0)
            .json();
        assert_eq!(report["deployed"], true, "{report:#}");
        manifest
    }

    /// Account 0's nonce and balance.
    pub fn account_state(&self) -> (u64, U256) {
        block_on(async {
            let wallet = self.wallet();
            let me = wallet.address();
            let nonce = alloy::providers::Provider::get_transaction_count(wallet.provider(), me)
                .await
                .unwrap();
            (nonce, wallet.balance(me).await.unwrap())
        })
    }

    pub fn wallet(&self) -> Wallet {
        Wallet::connect(&self.rpc_url, &self.keys[0]).unwrap()
    }

    /// Moves the clock `days` forward and mines a block there.
    pub fn warp_days(&self, days: u64) {
        block_on(self.wallet().warp(days * 86_400)).unwrap();
    }
}

/// The test config written to a fresh scratch directory, and where its manifest goes.
pub fn config_file(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let config = dir.join("test.toml");
    std::fs::write(&config, CONFIG).unwrap();
    (config, dir.join("test.json"))
}

pub fn block_on<F: Future>(work: F) -> F::Output {
    tokio::runtime::Runtime::new().unwrap().block_on(work)
}

/// Deterministic incompressible bytes (xorshift), to make programs of a chosen size.
pub fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

/// A Stylus program carrying `data` at address 1024 that answers any call of `n` bytes of
/// calldata (a constructor call included) with the byte `data[n]`.
pub fn data_program(data: &[u8]) -> Vec<u8> {
    let escaped: String = data.iter().map(|b| format!("\\{b:02x}")).collect();
    let pages = (1024 + data.len()).div_ceil(65_536);
    wat::parse_str(format!(
        r#"(module
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") {pages})
  (data (i32.const 1024) "{escaped}")
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $write_result (i32.add (i32.const 1024) (local.get $len)) (i32.const 1))
    (i32.const 0)))"#
    ))
    .expect("the fixture is valid WAT")
}

/// Calls `program` with `len` zero bytes of calldata; its one-byte answer.
pub async fn call_with_len(wallet: &Wallet, program: Address, len: usize) -> Vec<u8> {
    use alloy::{network::TransactionBuilder, providers::Provider, rpc::types::TransactionRequest};
    let tx = TransactionRequest::default()
        .with_to(program)
        .with_input(vec![0u8; len]);
    wallet.provider().call(tx).await.unwrap().to_vec()
}
