//! `debug_traceTransaction` / `debug_traceCall` with geth's callTracer: the call tree of a
//! transaction, Stylus frames included, replayed on the state it saw.

use crate::stylus_support::sdk_program;
use crate::support::{
    Workload, deploy_stylus, deploy_workload, dev_key, mined, rpc, rpc_ok, spawn, wallet,
};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::SolCall;
use serde_json::json;

sol! {
    // The SDK exports `increment_on` under its Solidity name.
    function incrementOn(address counter) external returns (uint256);
}

const CALL_TRACER: &str = r#"{"tracer": "callTracer"}"#;

fn tracer() -> serde_json::Value {
    serde_json::from_str(CALL_TRACER).unwrap()
}

#[tokio::test]
async fn a_transaction_trace_shows_its_nested_calls() {
    let node = spawn().await;
    let sender = dev_key(&node, 0);
    let provider = wallet(&node.endpoint(), sender.clone());
    let contract = deploy_workload(&provider, 0).await;
    let burn = Workload::burnCall {
        rounds: U256::from(3),
    }
    .abi_encode();
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(contract)
            .with_input(burn.clone()),
    )
    .await;

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash, tracer()]),
    )
    .await;

    assert_eq!(trace["type"], "CALL");
    assert_eq!(trace["from"], json!(sender.address()));
    assert_eq!(trace["to"], json!(contract));
    assert_eq!(trace["input"], json!(alloy::primitives::Bytes::from(burn)));
    assert_eq!(trace["gasUsed"], json!(format!("{:#x}", receipt.gas_used)));
    let calls = trace["calls"].as_array().expect("burn calls sink");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["type"], "CALL");
    assert_eq!(calls[0]["from"], json!(contract));
    assert_eq!(calls[0]["to"], json!(contract));
    let sink = Workload::sinkCall {
        rounds: U256::from(3),
    }
    .abi_encode();
    assert_eq!(
        calls[0]["input"],
        json!(alloy::primitives::Bytes::from(sink))
    );
    assert!(calls[0].get("error").is_none());

    let top_only = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash, {"tracer": "callTracer", "tracerConfig": {"onlyTopCall": true}}]),
    )
    .await;
    assert!(top_only.get("calls").is_none());
}

#[tokio::test]
async fn a_traced_call_reports_the_revert_and_its_reason() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 0).await;
    let fail = Workload::failCall {
        reason: "boom".into(),
    }
    .abi_encode();

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceCall",
        json!([{"to": contract, "data": alloy::primitives::Bytes::from(fail)}, "latest", tracer()]),
    )
    .await;

    assert_eq!(trace["error"], "execution reverted");
    assert_eq!(trace["revertReason"], "boom");
}

#[tokio::test]
async fn a_stylus_program_appears_in_the_call_tree_with_its_calls() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let counter = deploy_workload(&provider, 0).await;
    let caller = deploy_stylus(&provider, &sdk_program("test-caller")).await;

    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(caller)
            .with_input(incrementOnCall { counter }.abi_encode()),
    )
    .await;
    assert!(receipt.status());

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash, tracer()]),
    )
    .await;
    assert_eq!(trace["to"], json!(caller));
    let calls = trace["calls"]
        .as_array()
        .expect("the program called the counter");
    assert_eq!(calls.len(), 1, "{trace}");
    assert_eq!(calls[0]["from"], json!(caller));
    assert_eq!(calls[0]["to"], json!(counter));
    assert_eq!(
        calls[0]["input"],
        json!(alloy::primitives::Bytes::from(
            Workload::incrementCall {}.abi_encode()
        ))
    );
    assert_eq!(calls[0]["output"], json!(format!("0x{:064x}", 1)));
}

#[tokio::test]
async fn tracing_needs_the_call_tracer_and_a_known_transaction() {
    let node = spawn().await;
    let unknown = rpc(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([format!("0x{}", "ab".repeat(32)), tracer()]),
    )
    .await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    let opcode_logger = rpc(
        &node.endpoint(),
        "debug_traceCall",
        json!([{"to": Address::ZERO}, "latest"]),
    )
    .await;
    assert_eq!(opcode_logger["error"]["code"], -32602, "{opcode_logger}");
}
