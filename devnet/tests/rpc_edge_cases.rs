//! Requests at the edges, answered as Anvil answers them.

use crate::support::{dev_key, mined, post_raw, rpc, spawn, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{U256, address};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::transports::http::reqwest;
use serde_json::json;

#[tokio::test]
async fn json_that_is_not_a_request_is_an_invalid_request() {
    let node = spawn().await;
    for body in ["\"foo\"", "1", "null", "true", "[]"] {
        let response = reqwest::Client::new()
            .post(node.endpoint())
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("node answers");
        assert_eq!(response.status(), 200, "for {body}");
        let answer: serde_json::Value = response.json().await.unwrap();
        assert_eq!(answer["error"]["code"], -32600, "for {body}: {answer}");
        assert_eq!(answer["id"], serde_json::Value::Null);
    }
    // Malformed JSON is still a parse error.
    let answer = post_raw(&node.endpoint(), "{ not json").await;
    assert_eq!(answer["error"]["code"], -32700);
}

#[tokio::test]
async fn extra_positional_params_are_refused() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let account = dev_key(&node, 0).address();

    let answer = rpc(
        &endpoint,
        "eth_getBalance",
        json!([account, "latest", "extra"]),
    )
    .await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    let answer = rpc(&endpoint, "eth_blockNumber", json!([1])).await;
    assert_eq!(answer["error"]["code"], -32602, "{answer}");

    // As many as the method takes is fine, and so are fewer when the rest are optional.
    let answer = rpc(&endpoint, "eth_getBalance", json!([account, "latest"])).await;
    assert!(answer["result"].is_string(), "{answer}");
    let answer = rpc(&endpoint, "eth_getBalance", json!([account])).await;
    assert!(answer["result"].is_string(), "{answer}");
}

#[tokio::test]
async fn extra_params_inside_a_batch_are_refused_one_by_one() {
    let node = spawn().await;
    let batch = json!([
        {"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []},
        {"jsonrpc": "2.0", "id": 2, "method": "eth_chainId", "params": ["surplus"]},
    ]);
    let answers = post_raw(&node.endpoint(), &batch.to_string()).await;
    let answers = answers.as_array().expect("a batch answer");
    let by_id = |id: u64| answers.iter().find(|a| a["id"] == id).expect("answered");
    assert_eq!(by_id(1)["result"], "0x64aba");
    assert_eq!(by_id(2)["error"]["code"], -32602);
}

#[tokio::test]
async fn receipts_and_logs_carry_the_block_timestamp() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(address!("00000000000000000000000000000000000000e2"))
            .with_value(U256::from(1)),
    )
    .await;
    let block = provider
        .get_block_by_number(receipt.block_number.unwrap().into())
        .await
        .unwrap()
        .unwrap();

    let raw = rpc(
        &node.endpoint(),
        "eth_getTransactionReceipt",
        json!([receipt.transaction_hash]),
    )
    .await;
    let stamp = raw["result"]["blockTimestamp"]
        .as_str()
        .expect("receipt has blockTimestamp");
    assert_eq!(
        u64::from_str_radix(stamp.trim_start_matches("0x"), 16).unwrap(),
        block.header.timestamp
    );
}
