//! `anvil_dumpState` / `anvil_loadState` in Anvil's own format: a state dumped by the
//! devnet loads into a real Anvil, and one dumped by Anvil loads into the devnet.

use std::io::Read as _;

use crate::support::{
    Anvil, Workload, deploy_workload, dev_key, mined, plain, rpc, rpc_ok, spawn, wallet,
};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;
use serde_json::json;

/// A `Workload` counter at 41, incremented once, on the chain behind `endpoint`.
async fn counter_at_42(endpoint: &str, key: alloy::signers::local::PrivateKeySigner) -> Address {
    let provider = wallet(endpoint, key);
    let contract = deploy_workload(&provider, 41).await;
    let increment = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode());
    assert!(mined(&provider, increment).await.status());
    contract
}

/// The JSON inside a dump: hex of gzip, as Anvil writes it.
fn unpack(dump: &serde_json::Value) -> serde_json::Value {
    let bytes: Bytes = serde_json::from_value(dump.clone()).expect("a hex string");
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut json)
        .expect("gzip");
    serde_json::from_slice(&json).expect("JSON")
}

async fn count(endpoint: &str, contract: Address) -> U256 {
    let call = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::countCall {}.abi_encode());
    U256::from_be_slice(&plain(endpoint).call(call).await.expect("count()"))
}

#[tokio::test]
async fn a_devnet_dump_is_anvils_format_and_loads_into_anvil() {
    let node = spawn().await;
    let key = dev_key(&node, 0);
    let contract = counter_at_42(&node.endpoint(), key.clone()).await;

    let dump = rpc_ok(&node.endpoint(), "anvil_dumpState", json!([])).await;

    let state = unpack(&dump);
    let head = plain(&node.endpoint()).get_block_number().await.unwrap();
    assert_eq!(state["best_block_number"], head);
    assert_eq!(state["block"]["number"], format!("{head:#x}"));
    let account = &state["accounts"][contract.to_string().to_lowercase()];
    assert_eq!(account["nonce"], 1);
    assert_eq!(
        account["storage"][format!("0x{:064x}", 0)],
        format!("0x{:064x}", 42)
    );
    let code = plain(&node.endpoint()).get_code_at(contract).await.unwrap();
    assert_eq!(account["code"], json!(code));

    let Some(anvil) = Anvil::start().await else {
        eprintln!("SKIPPED: node_modules/.bin/anvil is not installed (run scripts/setup.sh)");
        return;
    };
    assert_eq!(
        rpc_ok(anvil.endpoint(), "anvil_loadState", json!([dump])).await,
        true
    );
    assert_eq!(count(anvil.endpoint(), contract).await, U256::from(42));
    let devnet_balance = plain(&node.endpoint())
        .get_balance(key.address())
        .await
        .unwrap();
    assert_eq!(
        plain(anvil.endpoint())
            .get_balance(key.address())
            .await
            .unwrap(),
        devnet_balance
    );
    // Anvil carries on from the devnet's head block...
    let head_block = plain(&node.endpoint())
        .get_block_by_number(head.into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        plain(anvil.endpoint()).get_block_number().await.unwrap(),
        head
    );
    // ...and from its state: the next increment sees 42.
    let increment = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode());
    assert!(
        mined(&wallet(anvil.endpoint(), key), increment)
            .await
            .status()
    );
    assert_eq!(count(anvil.endpoint(), contract).await, U256::from(43));
    let next = plain(anvil.endpoint())
        .get_block_by_number((head + 1).into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.header.parent_hash, head_block.header.hash);
}

#[tokio::test]
async fn an_anvil_dump_loads_into_the_devnet() {
    let Some(anvil) = Anvil::start().await else {
        eprintln!("SKIPPED: node_modules/.bin/anvil is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let key = dev_key(&node, 0);
    let contract = counter_at_42(anvil.endpoint(), key.clone()).await;
    let dump = rpc_ok(anvil.endpoint(), "anvil_dumpState", json!([])).await;
    assert!(
        unpack(&dump)["blocks"]
            .as_array()
            .is_some_and(|b| !b.is_empty()),
        "Anvil keeps its blocks"
    );

    assert_eq!(
        rpc_ok(&node.endpoint(), "anvil_loadState", json!([dump])).await,
        true
    );

    assert_eq!(count(&node.endpoint(), contract).await, U256::from(42));
    let reader = plain(&node.endpoint());
    assert_eq!(
        reader.get_balance(key.address()).await.unwrap(),
        plain(anvil.endpoint())
            .get_balance(key.address())
            .await
            .unwrap()
    );
    assert_eq!(
        reader.get_transaction_count(key.address()).await.unwrap(),
        2
    );
    // The devnet carries on from it: the sender's nonce and the counter continue.
    let increment = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode());
    assert!(
        mined(&wallet(&node.endpoint(), key), increment)
            .await
            .status()
    );
    assert_eq!(count(&node.endpoint(), contract).await, U256::from(43));

    // The same state as plain JSON (Anvil takes that too) loads as well.
    let plain_json = Bytes::from(serde_json::to_vec(&unpack(&dump)).unwrap());
    assert_eq!(
        rpc_ok(&node.endpoint(), "anvil_loadState", json!([plain_json])).await,
        true
    );
    assert_eq!(count(&node.endpoint(), contract).await, U256::from(42));
    let garbage = rpc(&node.endpoint(), "anvil_loadState", json!(["0x1f8b0000"])).await;
    assert_eq!(garbage["error"]["code"], -32602, "{garbage}");
}
