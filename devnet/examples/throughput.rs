//! Start-up time and transactions per second for a Solidity counter, this devnet against
//! Anvil measured side by side in one run.
//!
//! ```text
//! cargo run -p devnet --release --example throughput [-- <transactions>]
//! ```
//!
//! Each transaction is `Workload.increment()`, pre-signed, sent with
//! `eth_sendRawTransaction` one after another and mined at once; its receipt is read back
//! before the next is sent, as a deploy script or test would.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use alloy::consensus::TxEnvelope;
use alloy::eips::eip2718::Encodable2718;
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::Bytes;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::SolCall;
use devnet::{Config, Devnet};
use support::{Anvil, Workload, deploy_workload, plain, wallet};

struct Measured {
    startup: Duration,
    tps: f64,
}

#[tokio::main]
async fn main() {
    let transactions: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);

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
    let devnet = Measured {
        startup: devnet_startup,
        tps: counter_tps(&node.endpoint(), &key, transactions).await,
    };

    let started = Instant::now();
    let Some(anvil) = Anvil::start().await else {
        println!(
            "devnet: start-up {:?}, {:.0} tx/s",
            devnet.startup, devnet.tps
        );
        println!("anvil not installed: no baseline (run scripts/setup.sh)");
        return;
    };
    let anvil_startup = started.elapsed();
    let anvil = Measured {
        startup: anvil_startup,
        tps: counter_tps(anvil.endpoint(), &key, transactions).await,
    };

    println!("{transactions} × Workload.increment(), sequential eth_sendRawTransaction + receipt");
    println!("{:<8} {:>14} {:>10}", "", "start-up", "tx/s");
    for (name, m) in [("devnet", &devnet), ("anvil", &anvil)] {
        println!("{name:<8} {:>14.1?} {:>10.0}", m.startup, m.tps);
    }
    println!(
        "devnet / anvil: start-up {:.2}×, throughput {:.2}×",
        devnet.startup.as_secs_f64() / anvil.startup.as_secs_f64(),
        devnet.tps / anvil.tps
    );
}

/// Deploys a counter, then measures sequential increments; checks the count at the end.
async fn counter_tps(endpoint: &str, key: &PrivateKeySigner, transactions: u64) -> f64 {
    let provider = wallet(endpoint, key.clone());
    let counter = deploy_workload(&provider, 0).await;
    let raw = presign(&provider, key, counter, transactions).await;

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
                .with_input(Workload::countCall {}.abi_encode()),
        )
        .await
        .expect("count readable");
    assert_eq!(
        alloy::primitives::U256::from_be_slice(&count),
        alloy::primitives::U256::from(transactions)
    );
    transactions as f64 / elapsed.as_secs_f64()
}

/// Signs every increment up front so signing time stays out of the measurement.
async fn presign(
    provider: &DynProvider,
    key: &PrivateKeySigner,
    counter: alloy::primitives::Address,
    transactions: u64,
) -> Vec<Bytes> {
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
            .with_input(Workload::incrementCall {}.abi_encode())
            .with_nonce(nonce)
            .with_chain_id(chain_id)
            .with_gas_limit(100_000)
            .with_max_fee_per_gas(10_000_000_000)
            .with_max_priority_fee_per_gas(0);
        let envelope: TxEnvelope = request.build(&wallet).await.expect("signs");
        raw.push(envelope.encoded_2718().into());
    }
    raw
}
