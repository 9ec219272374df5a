//! `debug_traceTransaction` / `debug_traceCall`, replayed on the state the transaction saw:
//! geth's callTracer (the call tree, Stylus frames included) and its default struct
//! logger (every instruction; a Stylus frame's hostios).

use crate::stylus_support::sdk_program;
use crate::support::{
    Anvil, Workload, cast, deploy_stylus, deploy_workload, dev_key, foundry_tool, mined, rpc,
    rpc_ok, spawn, wallet,
};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::{SolCall, SolEvent};
use serde_json::json;

sol! {
    // The SDK exports `increment_on` under its Solidity name.
    function incrementOn(address counter) external returns (uint256);
    function log(string message) external returns (uint256);
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
async fn tracing_needs_a_known_tracer_and_a_known_transaction() {
    let node = spawn().await;
    let unknown = rpc(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([format!("0x{}", "ab".repeat(32)), tracer()]),
    )
    .await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    let unknown_tracer = rpc(
        &node.endpoint(),
        "debug_traceCall",
        json!([{"to": Address::ZERO}, "latest", {"tracer": "fourByteTracer"}]),
    )
    .await;
    assert_eq!(unknown_tracer["error"]["code"], -32602, "{unknown_tracer}");
}

/// The struct logs' `op`s at `depth`, in order.
fn ops_at(trace: &serde_json::Value, depth: u64) -> Vec<String> {
    trace["structLogs"]
        .as_array()
        .expect("struct logs")
        .iter()
        .filter(|log| log["depth"] == depth)
        .map(|log| log["op"].as_str().expect("op").to_owned())
        .collect()
}

#[tokio::test]
async fn the_default_tracer_logs_every_instruction_with_its_gas_stack_and_storage() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 7).await;
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(contract)
            .with_input(Workload::incrementCall {}.abi_encode()),
    )
    .await;

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash]),
    )
    .await;

    assert_eq!(trace["gas"], receipt.gas_used, "{trace}");
    assert_eq!(trace["failed"], false);
    assert_eq!(trace["returnValue"], format!("0x{:064x}", 8));
    let logs = trace["structLogs"].as_array().expect("struct logs");
    assert_eq!(logs[0]["pc"], 0);
    assert_eq!(logs[0]["op"], "PUSH1");
    assert_eq!(logs[0]["depth"], 1);
    assert_eq!(logs[0]["stack"], json!([]));
    assert_eq!(logs[1]["stack"], json!(["0x80"]));
    assert!(logs[0].get("memory").is_none(), "memory is opt-in");
    // Each instruction starts with what the one before left.
    for pair in logs.windows(2) {
        let (gas, cost) = (
            pair[0]["gas"].as_u64().unwrap(),
            pair[0]["gasCost"].as_u64().unwrap(),
        );
        assert_eq!(pair[1]["gas"].as_u64().unwrap(), gas - cost, "{}", pair[0]);
    }
    // `count` lives in slot 0: read as 7, written as 8 (20,000 gas less the warm read, at once).
    let slot = format!("0x{:064x}", 0);
    let sload = logs.iter().find(|l| l["op"] == "SLOAD").expect("an SLOAD");
    assert_eq!(sload["storage"][&slot], format!("0x{:064x}", 7));
    assert_eq!(sload["gasCost"], 2100);
    let sstore = logs
        .iter()
        .find(|l| l["op"] == "SSTORE")
        .expect("an SSTORE");
    assert_eq!(sstore["storage"][&slot], format!("0x{:064x}", 8));
    assert_eq!(sstore["gasCost"], 2900);
    assert!(logs.iter().any(|l| l["op"] == "LOG3"));
    assert_eq!(logs.last().unwrap()["op"], "RETURN");
}

#[tokio::test]
async fn the_struct_logger_honours_geths_options() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 0).await;
    let call = json!({"to": contract, "data": alloy::primitives::Bytes::from(Workload::incrementCall {}.abi_encode())});

    let lean = rpc_ok(
        &node.endpoint(),
        "debug_traceCall",
        json!([call, "latest", {"disableStack": true, "disableStorage": true}]),
    )
    .await;
    let logs = lean["structLogs"].as_array().unwrap();
    assert!(
        logs.iter()
            .all(|l| l.get("stack").is_none() && l.get("storage").is_none()),
        "{lean}"
    );

    let full = rpc_ok(
        &node.endpoint(),
        "debug_traceCall",
        json!([call, "latest", {"enableMemory": true, "enableReturnData": true, "limit": 10}]),
    )
    .await;
    let logs = full["structLogs"].as_array().unwrap();
    assert_eq!(logs.len(), 10);
    assert_eq!(logs[0]["memory"], json!([]));
    // After `PUSH1 0x80 PUSH1 0x40 MSTORE` the free-memory pointer is in the third word.
    let after_mstore = logs.iter().position(|l| l["op"] == "MSTORE").unwrap() + 1;
    let memory = logs[after_mstore]["memory"].as_array().unwrap();
    assert_eq!(memory.len(), 3);
    assert_eq!(memory[2], format!("0x{:064x}", 0x80));
    assert_eq!(logs[0]["returnData"], "0x");
}

#[tokio::test]
async fn a_reverting_call_logs_its_failure_and_revert_data() {
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
        json!([{"to": contract, "data": alloy::primitives::Bytes::from(fail)}, "latest"]),
    )
    .await;

    assert_eq!(trace["failed"], true);
    let reason = alloy::sol_types::SolError::abi_encode(&alloy::sol_types::Revert::from("boom"));
    assert_eq!(
        trace["returnValue"],
        json!(alloy::primitives::Bytes::from(reason))
    );
    assert_eq!(
        trace["structLogs"].as_array().unwrap().last().unwrap()["op"],
        "REVERT"
    );
}

#[tokio::test]
async fn a_stylus_frame_logs_its_hostios_as_steps() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let logger = deploy_stylus(&provider, &sdk_program("test-logger")).await;
    let receipt = mined(
        &provider,
        TransactionRequest::default().with_to(logger).with_input(
            logCall {
                message: "hi".into(),
            }
            .abi_encode(),
        ),
    )
    .await;
    assert!(receipt.status());

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash]),
    )
    .await;

    // Tracing does not change what the program did.
    assert_eq!(trace["gas"], receipt.gas_used);
    assert_eq!(trace["failed"], false);
    assert_eq!(trace["returnValue"], format!("0x{:064x}", 0));
    let ops = ops_at(&trace, 1);
    for hostio in [
        "read_args",
        "storage_load_bytes32",
        "storage_cache_bytes32",
        "emit_log",
        "storage_flush_cache",
        "write_result",
    ] {
        assert!(ops.iter().any(|op| op == hostio), "{hostio} in {ops:?}");
    }
    let position = |name: &str| ops.iter().position(|op| op == name).unwrap();
    assert!(position("read_args") < position("emit_log"));
    assert!(position("emit_log") < position("write_result"));
    let logs = trace["structLogs"].as_array().unwrap();
    let load = logs
        .iter()
        .find(|l| l["op"] == "storage_load_bytes32")
        .unwrap();
    // A cold slot: 2,100 gas plus the hostio's own ink.
    let cost = load["gasCost"].as_u64().unwrap();
    assert!((2100..2200).contains(&cost), "{load}");
    let emit = logs.iter().find(|l| l["op"] == "emit_log").unwrap();
    assert!(emit["gasCost"].as_u64().unwrap() >= 375 * 3, "{emit}");
}

#[tokio::test]
async fn a_stylus_call_step_comes_before_the_callees_instructions() {
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

    let trace = rpc_ok(
        &node.endpoint(),
        "debug_traceTransaction",
        json!([receipt.transaction_hash]),
    )
    .await;

    let logs = trace["structLogs"].as_array().unwrap();
    let call = logs
        .iter()
        .position(|l| l["op"] == "call_contract")
        .expect("the program calls the counter");
    assert_eq!(logs[call]["depth"], 1);
    assert_eq!(logs[call + 1]["depth"], 2, "the counter runs next");
    assert_eq!(logs[call + 1]["op"], "PUSH1");
    // The step's cost includes the gas handed to the callee, as CALL's does.
    assert!(logs[call]["gasCost"].as_u64().unwrap() >= logs[call + 1]["gas"].as_u64().unwrap());
    assert!(ops_at(&trace, 2).iter().any(|op| op == "SSTORE"));
    let after = ops_at(&trace, 1);
    let call_at = after.iter().position(|op| op == "call_contract").unwrap();
    assert!(
        after[call_at + 1..].iter().any(|op| op == "write_result"),
        "{after:?}"
    );
}

#[tokio::test]
async fn cast_replays_and_traces_against_the_devnet() {
    let Some(binary) = foundry_tool("cast") else {
        eprintln!("SKIPPED: node_modules/.bin/cast is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let contract = deploy_workload(&provider, 0).await;
    let receipt = mined(
        &provider,
        TransactionRequest::default().with_to(contract).with_input(
            Workload::burnCall {
                rounds: U256::from(2),
            }
            .abi_encode(),
        ),
    )
    .await;

    let hash = receipt.transaction_hash.to_string();
    let (ok, out, err) = cast(&binary, &endpoint, &["run", &hash]).await;
    assert!(ok, "cast run failed: {err}");
    assert!(out.contains("Transaction successfully executed"), "{out}");
    assert!(out.contains("::burn(2)"), "{out}");
    // cast may not know `sink`'s name; its selector is there either way.
    let sink = alloy::hex::encode(Workload::sinkCall::SELECTOR);
    assert!(
        out.contains(&sink) || out.contains("sink("),
        "the nested call is in the trace: {out}"
    );

    let (ok, out, err) = cast(
        &binary,
        &endpoint,
        &["call", "--trace", &contract.to_string(), "increment()"],
    )
    .await;
    assert!(ok, "cast call --trace failed: {err}");
    assert!(out.contains("Transaction successfully executed"), "{out}");
    assert!(out.contains("d09de08a"), "the call to increment(): {out}");
    let incremented = format!("{:?}", Workload::Incremented::SIGNATURE_HASH);
    assert!(
        out.contains(&incremented),
        "the event is in the trace: {out}"
    );
    assert!(
        out.contains(&format!("0x{:064x}", 1)),
        "the new count: {out}"
    );
}

#[tokio::test]
async fn a_transaction_later_in_its_block_is_traced_after_the_ones_before_it() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let contract = deploy_workload(&provider, 5).await;
    rpc_ok(&endpoint, "evm_setAutomine", json!([false])).await;
    let increment = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode())
        .with_gas_limit(200_000);
    let first = *provider
        .send_transaction(increment.clone())
        .await
        .unwrap()
        .tx_hash();
    let second = *provider
        .send_transaction(increment)
        .await
        .unwrap()
        .tx_hash();
    rpc_ok(&endpoint, "evm_mine", json!([])).await;
    let receipt = provider
        .get_transaction_receipt(second)
        .await
        .unwrap()
        .unwrap();
    let earlier = provider
        .get_transaction_receipt(first)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        receipt.block_number, earlier.block_number,
        "one block holds both"
    );

    let trace = rpc_ok(&endpoint, "debug_traceTransaction", json!([second])).await;

    // The first increment already took the count from 5 to 6.
    assert_eq!(trace["returnValue"], format!("0x{:064x}", 7));
    assert_eq!(trace["gas"], receipt.gas_used);
    let sload = trace["structLogs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["op"] == "SLOAD")
        .unwrap();
    assert_eq!(
        sload["storage"][format!("0x{:064x}", 0)],
        format!("0x{:064x}", 6)
    );
    let calls = rpc_ok(
        &endpoint,
        "debug_traceTransaction",
        json!([second, tracer()]),
    )
    .await;
    assert_eq!(calls["output"], format!("0x{:064x}", 7));
}

#[tokio::test]
async fn struct_logs_match_anvils_for_the_same_transactions() {
    // Anvil records steps only when asked to at start.
    let Some(anvil) = Anvil::start_with(&["--steps-tracing"]).await else {
        eprintln!("SKIPPED: node_modules/.bin/anvil is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let key = dev_key(&node, 0);
    let calls = [
        Workload::incrementCall {}.abi_encode(),
        Workload::burnCall {
            rounds: U256::from(2),
        }
        .abi_encode(),
        Workload::creditCall {
            to: Address::repeat_byte(7),
            amount: U256::from(2_000),
        }
        .abi_encode(),
    ];
    let options = [
        json!({}),
        json!({"enableMemory": true, "enableReturnData": true}),
        json!({"disableStack": true, "disableStorage": true}),
    ];
    let mut traces = Vec::new();
    for endpoint in [node.endpoint(), anvil.endpoint().to_owned()] {
        let provider = wallet(&endpoint, key.clone());
        let contract = deploy_workload(&provider, 3).await;
        let mut answers = Vec::new();
        for call in &calls {
            let request = TransactionRequest::default()
                .with_to(contract)
                .with_input(call.clone())
                .with_gas_limit(500_000);
            let hash = *provider.send_transaction(request).await.unwrap().tx_hash();
            provider.get_transaction_receipt(hash).await.unwrap();
            for option in &options {
                let trace =
                    rpc_ok(&endpoint, "debug_traceTransaction", json!([hash, option])).await;
                answers.push(trace);
            }
        }
        traces.push(answers);
    }
    for (i, (ours, theirs)) in traces[0].iter().zip(&traces[1]).enumerate() {
        let (a, b) = (
            ours["structLogs"].as_array().unwrap(),
            theirs["structLogs"].as_array().unwrap(),
        );
        assert_eq!(a.len(), b.len(), "trace {i}: number of steps");
        let first_difference = a.iter().zip(b).find(|(x, y)| x != y);
        assert_eq!(first_difference, None, "trace {i}");
        assert_eq!(ours, theirs, "trace {i}");
    }
}
