//! Polling filters and WebSocket subscriptions: new blocks, logs and transactions reach
//! whoever asked for them, once.

use crate::support::ws::WsClient;
use crate::support::{Workload, deploy_workload, dev_key, mined, rpc, rpc_ok, spawn, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::sol_types::{SolCall, SolEvent};
use serde_json::json;

fn increment(contract: Address) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode())
}

#[tokio::test]
async fn a_block_filter_reports_each_new_block_once() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let filter = provider.new_block_filter().await.expect("installed");
    assert!(
        provider
            .get_filter_changes::<alloy::primitives::B256>(filter)
            .await
            .unwrap()
            .is_empty(),
        "nothing mined yet"
    );

    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(Address::repeat_byte(7))
            .with_value(U256::from(1)),
    )
    .await;
    provider.evm_mine(None).await.unwrap();

    let changes = provider
        .get_filter_changes::<alloy::primitives::B256>(filter)
        .await
        .unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0], receipt.block_hash.unwrap());
    assert!(
        provider
            .get_filter_changes::<alloy::primitives::B256>(filter)
            .await
            .unwrap()
            .is_empty(),
        "already reported"
    );
    assert!(provider.uninstall_filter(filter).await.unwrap());
    assert!(!provider.uninstall_filter(filter).await.unwrap());
    let gone = rpc(&node.endpoint(), "eth_getFilterChanges", json!([filter])).await;
    assert_eq!(gone["error"]["code"], -32000);
    assert_eq!(gone["error"]["message"], "filter not found");
}

#[tokio::test]
async fn a_log_filter_reports_matching_logs_since_the_last_poll() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 0).await;
    mined(&provider, increment(contract)).await;
    let matching = Filter::new()
        .address(contract)
        .event_signature(Workload::Incremented::SIGNATURE_HASH);
    let from_now = provider.new_filter(&matching).await.unwrap();
    let from_genesis = provider
        .new_filter(&matching.clone().from_block(0))
        .await
        .unwrap();

    let first = mined(&provider, increment(contract)).await;
    let changes: Vec<alloy::rpc::types::Log> = provider.get_filter_changes(from_now).await.unwrap();
    assert_eq!(
        changes.len(),
        1,
        "only the increment after the filter was installed"
    );
    assert_eq!(changes[0].transaction_hash, Some(first.transaction_hash));
    mined(&provider, increment(contract)).await;
    let changes: Vec<alloy::rpc::types::Log> = provider.get_filter_changes(from_now).await.unwrap();
    assert_eq!(changes.len(), 1);

    // A filter from a past block reports the earlier logs on its first poll, as Anvil does.
    let changes: Vec<alloy::rpc::types::Log> =
        provider.get_filter_changes(from_genesis).await.unwrap();
    assert_eq!(changes.len(), 3);
    // eth_getFilterLogs answers the filter's whole range whenever asked.
    assert_eq!(
        provider.get_filter_logs(from_genesis).await.unwrap().len(),
        3
    );
    assert_eq!(
        provider.get_filter_logs(from_now).await.unwrap().len(),
        1,
        "latest only"
    );
}

#[tokio::test]
async fn a_pending_transaction_filter_reports_sent_transactions() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let filter = rpc_ok(
        &node.endpoint(),
        "eth_newPendingTransactionFilter",
        json!([]),
    )
    .await;
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(Address::repeat_byte(8))
            .with_value(U256::from(1)),
    )
    .await;
    let changes = rpc_ok(&node.endpoint(), "eth_getFilterChanges", json!([filter])).await;
    assert_eq!(changes, json!([receipt.transaction_hash]));
}

#[tokio::test]
async fn new_heads_and_logs_are_pushed_to_websocket_subscribers() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 0).await;
    let mut ws = WsClient::connect(node.addr()).await;

    let heads = ws.call("eth_subscribe", json!(["newHeads"])).await["result"].clone();
    let logs = ws
        .call(
            "eth_subscribe",
            json!(["logs", {"address": contract, "topics": [Workload::Incremented::SIGNATURE_HASH]}]),
        )
        .await["result"]
        .clone();
    assert!(
        heads.as_str().is_some_and(|id| id.starts_with("0x")),
        "{heads}"
    );

    let receipt = mined(&provider, increment(contract)).await;

    let head = ws.notification(&heads).await;
    assert_eq!(head["hash"], json!(receipt.block_hash.unwrap()));
    assert_eq!(
        head["number"],
        json!(format!("{:#x}", receipt.block_number.unwrap()))
    );
    let log = ws.notification(&logs).await;
    assert_eq!(log["transactionHash"], json!(receipt.transaction_hash));
    assert_eq!(log["address"], json!(contract));

    // After eth_unsubscribe, nothing more arrives for that subscription.
    let done = ws.call("eth_unsubscribe", json!([heads])).await;
    assert_eq!(done["result"], true);
    provider.evm_mine(None).await.unwrap();
    while let Some(message) = ws.next().await {
        assert_ne!(
            message["params"]["subscription"], heads,
            "unsubscribed: {message}"
        );
    }
}

#[tokio::test]
async fn an_unknown_subscription_kind_is_refused() {
    let node = spawn().await;
    let mut ws = WsClient::connect(node.addr()).await;
    let answer = ws.call("eth_subscribe", json!(["syncing-soon"])).await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
}
