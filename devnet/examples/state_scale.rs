//! Does a block's cost follow what it changes, or the size of the state? Sequential token
//! transfers and the node's memory at 0, 10,000 and 100,000 funded token holders, this
//! devnet against a real Anvil, interleaved in one run.
//!
//! ```text
//! scripts/setup.sh                  # once: installs anvil (npm) and solc
//! cargo run -p devnet --release --example state_scale [-- <holders>,... [<transfers>]]
//! ```
//!
//! Each node runs in its own process (the devnet is this example re-run as a server), so
//! its resident memory (VmRSS) is its own. For each size: a fresh node, the `Token`
//! fixture deployed, then `holders` accounts each given 1 ETH and a token balance
//! (`anvil_setBalance` + `anvil_setStorageAt`, in JSON-RPC batches), then a warm-up, then
//! `transfers` pre-signed `transfer()` calls from a dev account to holders, each sent with
//! `eth_sendRawTransaction` and its receipt read before the next, within a time budget per
//! node. The rate printed is the median over rounds of [`ROUND`] transfers, so a moment of
//! contention on a shared machine does not decide a row. Without anvil the devnet rows are
//! still printed.

#[path = "../tests/support/mod.rs"]
mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use alloy::consensus::TxEnvelope;
use alloy::eips::eip2718::Encodable2718;
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::{Address, B256, Bytes, U256, keccak256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use alloy::sol;
use alloy::sol_types::SolCall;
use alloy::transports::http::reqwest;
use serde_json::json;
use support::{Anvil, fixture_bytecode, mined, plain, wallet};

sol! {
    interface Token {
        function transfer(address to, uint256 amount) external returns (bool);
        function balanceOf(address holder) external view returns (uint256);
    }
}

/// Anvil's first key, funded on both nodes.
const SENDER_KEY: &str = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const WARM_UP: usize = 20;
/// A node slower than this per size is measured on fewer transfers.
const BUDGET: Duration = Duration::from_secs(30);
const BATCH: usize = 500;
/// Transfers per timed round; a row's rate is the median of its rounds'.
const ROUND: usize = 100;

struct Measure {
    tps: f64,
    transfers: usize,
    rss_mib: f64,
    setup: Duration,
}

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("serve") {
        let port = args
            .next()
            .and_then(|p| p.parse().ok())
            .expect("serve <port>");
        return serve(port);
    }
    let mut args = std::env::args().skip(1);
    let sizes: Vec<usize> = args
        .next()
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![0, 10_000, 100_000]);
    let transfers: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    tokio::runtime::Runtime::new()
        .expect("a runtime")
        .block_on(compare(sizes, transfers));
}

/// The devnet's side: a node on `port` until killed.
fn serve(port: u16) {
    let config = devnet::Config {
        port,
        ..devnet::Config::default()
    };
    tokio::runtime::Runtime::new()
        .expect("a runtime")
        .block_on(devnet::node::run(config))
        .expect("devnet runs");
}

async fn compare(sizes: Vec<usize>, transfers: usize) {
    let token_code = fixture_bytecode("Token.sol", "Token");
    let mut rows = Vec::new();
    for &holders in &sizes {
        let devnet = {
            let node = DevnetProcess::start().await;
            let measure = measure(
                &node.endpoint,
                node.child.id(),
                &token_code,
                holders,
                transfers,
            )
            .await;
            drop(node);
            measure
        };
        let anvil = match Anvil::start().await {
            Some(anvil) => Some(
                measure(
                    anvil.endpoint(),
                    anvil.pid(),
                    &token_code,
                    holders,
                    transfers,
                )
                .await,
            ),
            None => None,
        };
        eprintln!("measured {holders} holders");
        rows.push((holders, devnet, anvil));
    }

    println!(
        "sequential Token.transfer(): pre-signed eth_sendRawTransaction + receipt, {transfers} per row (or {BUDGET:?}), median of {ROUND}-transfer rounds"
    );
    println!(
        "{:>8} {:<7} {:>9} {:>8} {:>10} {:>9}",
        "holders", "node", "tx/s", "sent", "RSS MiB", "setup"
    );
    for (holders, devnet, anvil) in &rows {
        for (name, m) in [("devnet", Some(devnet)), ("anvil", anvil.as_ref())] {
            if let Some(m) = m {
                println!(
                    "{holders:>8} {name:<7} {:>9.0} {:>8} {:>10.1} {:>9.1?}",
                    m.tps, m.transfers, m.rss_mib, m.setup
                );
            }
        }
    }
    println!();
    let empty = rows.first().map(|(_, devnet, _)| devnet.tps);
    for (holders, devnet, anvil) in &rows {
        let own = empty.map_or(String::new(), |base| {
            format!(
                "devnet vs its own rate at {}: {:.2}×",
                rows[0].0,
                devnet.tps / base
            )
        });
        match anvil {
            Some(anvil) => println!(
                "{holders:>8} holders: devnet / anvil throughput {:.2}×, memory {:.2}×; {own}",
                devnet.tps / anvil.tps,
                devnet.rss_mib / anvil.rss_mib
            ),
            None => println!("{holders:>8} holders: {own} (anvil not installed)"),
        }
    }
}

/// A devnet in its own process: this example, re-run as `serve <port>`.
struct DevnetProcess {
    child: Child,
    endpoint: String,
}

impl DevnetProcess {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(std::env::current_exe().expect("this example"))
            .args(["serve", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("devnet process starts");
        let node = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let probe = plain(&node.endpoint);
        for _ in 0..1000 {
            if probe.get_chain_id().await.is_ok() {
                return node;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("devnet did not answer on {}", node.endpoint);
    }
}

impl Drop for DevnetProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Holder `i`: an address no key controls.
fn holder(i: usize) -> Address {
    Address::from_word(keccak256((i as u64).to_be_bytes()))
}

/// Where `Token.balanceOf[account]` is stored.
fn balance_slot(account: Address) -> B256 {
    keccak256([account.into_word().0, [0u8; 32]].concat())
}

async fn measure(
    endpoint: &str,
    pid: u32,
    token_code: &Bytes,
    holders: usize,
    transfers: usize,
) -> Measure {
    let key: PrivateKeySigner = SENDER_KEY.parse().expect("key");
    let provider = wallet(endpoint, key.clone());
    let started = Instant::now();
    let token = mined(
        &provider,
        TransactionRequest::default().with_deploy_code(token_code.clone()),
    )
    .await
    .contract_address
    .expect("token deployed");
    fund(endpoint, token, key.address(), holders).await;
    let setup = started.elapsed();

    let raw = presign(endpoint, &key, token, holders, WARM_UP + transfers).await;
    let client = plain(endpoint);
    let send = |tx: Bytes| {
        let client = client.clone();
        async move {
            let hash = *client
                .send_raw_transaction(&tx)
                .await
                .expect("accepted")
                .tx_hash();
            // Anvil mines just after answering, so its receipt may take a few polls.
            loop {
                if let Some(receipt) = client.get_transaction_receipt(hash).await.expect("answers")
                {
                    assert!(receipt.status(), "transfer succeeds");
                    return;
                }
                tokio::task::yield_now().await;
            }
        }
    };
    for tx in &raw[..WARM_UP] {
        send(tx.clone()).await;
    }
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(transfers);
    for tx in &raw[WARM_UP..] {
        let sent = Instant::now();
        send(tx.clone()).await;
        latencies.push(sent.elapsed());
        if started.elapsed() > BUDGET {
            break;
        }
    }
    let tps = median_rate(&latencies);
    let sent = latencies.len();
    Measure {
        tps,
        transfers: sent,
        rss_mib: rss_mib(pid),
        setup,
    }
}

/// Gives the sender a large token balance and each holder 1 ETH and 1,000 tokens.
async fn fund(endpoint: &str, token: Address, sender: Address, holders: usize) {
    let http = reqwest::Client::new();
    let mut calls = vec![json!([
        "anvil_setStorageAt",
        [
            token,
            balance_slot(sender),
            B256::from(U256::from(10u128.pow(30)))
        ]
    ])];
    let ether = U256::from(10u128.pow(18));
    let tokens = B256::from(U256::from(1_000u64));
    for i in 0..holders {
        let account = holder(i);
        calls.push(json!(["anvil_setBalance", [account, ether]]));
        calls.push(json!([
            "anvil_setStorageAt",
            [token, balance_slot(account), tokens]
        ]));
    }
    for chunk in calls.chunks(BATCH) {
        let batch: Vec<_> = chunk
            .iter()
            .enumerate()
            .map(|(id, call)| json!({"jsonrpc": "2.0", "id": id, "method": call[0], "params": call[1]}))
            .collect();
        let answers: serde_json::Value = http
            .post(endpoint)
            .json(&batch)
            .send()
            .await
            .expect("node answers")
            .json()
            .await
            .expect("JSON");
        let failed = answers
            .as_array()
            .expect("a batch answer")
            .iter()
            .find(|a| a.get("error").is_some());
        assert!(failed.is_none(), "funding failed: {failed:?}");
    }
}

/// Transfers of 1 token from `key` to holders in turn (to fresh accounts on an empty state).
async fn presign(
    endpoint: &str,
    key: &PrivateKeySigner,
    token: Address,
    holders: usize,
    count: usize,
) -> Vec<Bytes> {
    let provider = plain(endpoint);
    let chain_id = provider.get_chain_id().await.expect("chain id");
    let first_nonce = provider
        .get_transaction_count(key.address())
        .await
        .expect("nonce");
    let wallet = EthereumWallet::from(key.clone());
    let mut raw = Vec::with_capacity(count);
    for i in 0..count {
        let to = holder(if holders == 0 {
            1_000_000 + i
        } else {
            (i * 7_919) % holders
        });
        let request = TransactionRequest::default()
            .with_to(token)
            .with_input(
                Token::transferCall {
                    to,
                    amount: U256::from(1),
                }
                .abi_encode(),
            )
            .with_nonce(first_nonce + i as u64)
            .with_chain_id(chain_id)
            .with_gas_limit(100_000)
            .with_max_fee_per_gas(10_000_000_000)
            .with_max_priority_fee_per_gas(0);
        let envelope: TxEnvelope = request.build(&wallet).await.expect("signs");
        raw.push(envelope.encoded_2718().into());
    }
    raw
}

/// Transfers per second: the median of the rates of consecutive [`ROUND`]-transfer rounds
/// (a last, shorter round counts when it is the only one).
fn median_rate(latencies: &[Duration]) -> f64 {
    let rounds: Vec<&[Duration]> = latencies.chunks(ROUND).collect();
    let full = rounds.iter().filter(|r| r.len() == ROUND).count().max(1);
    let mut rates: Vec<f64> = rounds[..full.min(rounds.len())]
        .iter()
        .map(|round| round.len() as f64 / round.iter().sum::<Duration>().as_secs_f64())
        .collect();
    rates.sort_by(f64::total_cmp);
    rates.get(rates.len() / 2).copied().unwrap_or(0.0)
}

/// Resident memory of process `pid`, from /proc (0 where there is no /proc).
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}
