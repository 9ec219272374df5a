//! Start-up time and transactions per second, side by side in one run: a Stylus counter
//! and a Solidity counter on this devnet, and the same Solidity counter on a real Anvil,
//! the baseline.
//!
//! ```text
//! scripts/setup.sh                  # once: installs anvil (npm) and solc
//! cargo run -p devnet --release --example throughput [-- <transactions per counter>]
//! ```
//!
//! The Solidity counter is `tests/fixtures/Workload.sol`; the Stylus one is the SDK
//! program `test-programs/counter`, built for wasm32 and deployed with CREATE then
//! `ArbWasm.activateProgram`, as `cargo stylus deploy` does without a constructor. Each
//! transaction is `increment()`, pre-signed, sent with `eth_sendRawTransaction` one after
//! another and mined at once; its receipt is read back before the next is sent, as a
//! deploy script or test would. Without anvil the devnet rows are still printed.

#[path = "../tests/support/mod.rs"]
mod support;

#[path = "../tests/stylus_support/mod.rs"]
mod stylus_support;

use std::time::{Duration, Instant};

use alloy::consensus::TxEnvelope;
use alloy::eips::eip2718::Encodable2718;
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::stylus::{compress, deploy_initcode};
use devnet::{Config, Devnet};
use stylus_support::{ARB_WASM, sdk_program};
use support::{Anvil, deploy_workload, mined, plain, wallet};

sol! {
    /// What both counters answer: `Workload.sol` and the Stylus `test-counter`.
    interface Counter {
        function increment() external returns (uint256);
        function count() external view returns (uint256);
    }
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
}

/// One row of the table: a counter on a node.
struct Row {
    node: &'static str,
    contract: &'static str,
    startup: Duration,
    tps: f64,
}

#[tokio::main]
async fn main() {
    let transactions: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    // Built before any node starts, so the compiler does not compete with the measurement.
    let stylus_wasm = sdk_program("test-counter");

    let started = Instant::now();
    let node = Devnet::spawn(Config::ephemeral())
        .await
        .expect("devnet starts");
    plain(&node.endpoint())
        .get_chain_id()
        .await
        .expect("devnet answers");
    let devnet_startup = started.elapsed();
    let key = node.accounts().signers()[0].clone();
    let provider = wallet(&node.endpoint(), key.clone());

    // Both deployed before either is measured: the wallet's nonces do not see the raw sends.
    let solidity = deploy_workload(&provider, 0).await;
    let stylus = deploy_stylus_counter(&provider, &stylus_wasm).await;
    let devnet_solidity = Row {
        node: "devnet",
        contract: "Solidity",
        startup: devnet_startup,
        tps: increments_per_second(&node.endpoint(), &key, solidity, transactions).await,
    };
    let devnet_stylus = Row {
        node: "devnet",
        contract: "Stylus",
        startup: devnet_startup,
        tps: increments_per_second(&node.endpoint(), &key, stylus, transactions).await,
    };

    let started = Instant::now();
    let anvil = match Anvil::start().await {
        Some(anvil) => {
            let startup = started.elapsed();
            let provider = wallet(anvil.endpoint(), key.clone());
            let solidity = deploy_workload(&provider, 0).await;
            Some(Row {
                node: "anvil",
                contract: "Solidity",
                startup,
                tps: increments_per_second(anvil.endpoint(), &key, solidity, transactions).await,
            })
        }
        None => None,
    };

    println!(
        "{transactions} × Counter.increment() per row: pre-signed, sequential \
         eth_sendRawTransaction + receipt"
    );
    println!(
        "{:<8} {:<10} {:>12} {:>10}",
        "node", "contract", "start-up", "tx/s"
    );
    for row in anvil.iter().chain([&devnet_solidity, &devnet_stylus]) {
        println!(
            "{:<8} {:<10} {:>12.1?} {:>10.0}",
            row.node, row.contract, row.startup, row.tps
        );
    }
    println!();
    match &anvil {
        Some(anvil) => {
            ratio("devnet-Solidity / anvil-Solidity", &devnet_solidity, anvil);
            ratio("devnet-Stylus / anvil-Solidity", &devnet_stylus, anvil);
        }
        None => println!("anvil not installed: no Anvil baseline (run scripts/setup.sh)"),
    }
    println!(
        "{:<34} throughput {:.2}×",
        "devnet-Stylus / devnet-Solidity",
        devnet_stylus.tps / devnet_solidity.tps
    );
}

fn ratio(label: &str, row: &Row, baseline: &Row) {
    println!(
        "{label:<34} throughput {:.2}×, start-up {:.3}×",
        row.tps / baseline.tps,
        row.startup.as_secs_f64() / baseline.startup.as_secs_f64()
    );
}

/// Deploys the Stylus program with CREATE and activates it, paying more than the data fee.
async fn deploy_stylus_counter(provider: &DynProvider, wasm: &[u8]) -> Address {
    let deploy = TransactionRequest::default().with_deploy_code(deploy_initcode(&compress(wasm)));
    let program = mined(provider, deploy)
        .await
        .contract_address
        .expect("a creation has a contract address");
    let activate = TransactionRequest::default()
        .with_to(ARB_WASM)
        .with_value(U256::from(10u128.pow(18)))
        .with_input(ArbWasm::activateProgramCall { program }.abi_encode());
    assert!(
        mined(provider, activate).await.status(),
        "activation succeeds"
    );
    program
}

/// Measures sequential increments of `counter`, which must start at 0; checks the count
/// at the end.
async fn increments_per_second(
    endpoint: &str,
    key: &PrivateKeySigner,
    counter: Address,
    transactions: u64,
) -> f64 {
    let raw = presign(endpoint, key, counter, transactions).await;

    let client = plain(endpoint);
    let started = Instant::now();
    for tx in &raw {
        let hash = *client
            .send_raw_transaction(tx)
            .await
            .expect("accepted")
            .tx_hash();
        // Anvil mines just after answering, so its receipt may take a few polls.
        let receipt = loop {
            if let Some(receipt) = client.get_transaction_receipt(hash).await.expect("answers") {
                break receipt;
            }
            tokio::task::yield_now().await;
        };
        assert!(receipt.status(), "increment succeeds");
    }
    let elapsed = started.elapsed();

    let count = client
        .call(
            TransactionRequest::default()
                .with_to(counter)
                .with_input(Counter::countCall {}.abi_encode()),
        )
        .await
        .expect("count readable");
    assert_eq!(U256::from_be_slice(&count), U256::from(transactions));
    transactions as f64 / elapsed.as_secs_f64()
}

/// Signs every increment up front so signing time stays out of the measurement.
async fn presign(
    endpoint: &str,
    key: &PrivateKeySigner,
    counter: Address,
    transactions: u64,
) -> Vec<Bytes> {
    let provider = plain(endpoint);
    let chain_id = provider.get_chain_id().await.expect("chain id");
    let first_nonce = provider
        .get_transaction_count(key.address())
        .await
        .expect("nonce");
    let wallet = EthereumWallet::from(key.clone());
    let mut raw = Vec::new();
    for nonce in first_nonce..first_nonce + transactions {
        let request = TransactionRequest::default()
            .with_to(counter)
            .with_input(Counter::incrementCall {}.abi_encode())
            .with_nonce(nonce)
            .with_chain_id(chain_id)
            .with_gas_limit(200_000)
            .with_max_fee_per_gas(10_000_000_000)
            .with_max_priority_fee_per_gas(0);
        let envelope: TxEnvelope = request.build(&wallet).await.expect("signs");
        raw.push(envelope.encoded_2718().into());
    }
    raw
}
