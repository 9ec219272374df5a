//! Foundry's `cast` against the devnet: the everyday send / call / balance / receipt flow.

use crate::support::{cast, deploy_workload, dev_key, foundry_tool, spawn, wallet};
use alloy::primitives::address;

#[tokio::test]
async fn cast_sends_calls_and_reads_balances_and_receipts() {
    let Some(binary) = foundry_tool("cast") else {
        eprintln!("SKIPPED: node_modules/.bin/cast is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let endpoint = node.endpoint();
    let key = dev_key(&node, 0);
    let private_key = key.to_bytes().to_string();
    let recipient = address!("00000000000000000000000000000000000ca570").to_string();

    let (ok, chain_id, _) = cast(&binary, &endpoint, &["chain-id"]).await;
    assert!(ok);
    assert_eq!(chain_id, "412346");

    let (ok, balance, _) = cast(&binary, &endpoint, &["balance", &key.address().to_string()]).await;
    assert!(ok);
    assert_eq!(balance, "10000000000000000000000");

    let (ok, sent, stderr) = cast(
        &binary,
        &endpoint,
        &[
            "send",
            "--private-key",
            &private_key,
            &recipient,
            "--value",
            "1234",
            "--json",
        ],
    )
    .await;
    assert!(ok, "cast send failed: {stderr}");
    let sent: serde_json::Value = serde_json::from_str(&sent).expect("cast prints the receipt");
    assert_eq!(sent["status"], "0x1");
    let hash = sent["transactionHash"].as_str().unwrap().to_owned();

    let (ok, status, _) = cast(&binary, &endpoint, &["receipt", &hash, "status"]).await;
    assert!(ok);
    assert!(
        status == "true" || status.starts_with('1'),
        "success, however cast spells it: {status}"
    );
    let (_, balance, _) = cast(&binary, &endpoint, &["balance", &recipient]).await;
    assert_eq!(balance, "1234");

    let contract = deploy_workload(&wallet(&endpoint, key), 5)
        .await
        .to_string();
    let (ok, count, _) = cast(&binary, &endpoint, &["call", &contract, "count()(uint256)"]).await;
    assert!(ok);
    assert_eq!(count, "5");
    let (ok, _, stderr) = cast(
        &binary,
        &endpoint,
        &[
            "send",
            "--private-key",
            &private_key,
            &contract,
            "increment()",
        ],
    )
    .await;
    assert!(ok, "cast send increment failed: {stderr}");
    let (_, count, _) = cast(&binary, &endpoint, &["call", &contract, "count()(uint256)"]).await;
    assert_eq!(count, "6");

    let (ok, _, stderr) = cast(
        &binary,
        &endpoint,
        &[
            "send",
            "--private-key",
            &private_key,
            &contract,
            "fail(string)",
            "boom",
        ],
    )
    .await;
    assert!(!ok, "a reverting send is refused at estimation");
    assert!(
        stderr.contains("boom"),
        "cast shows the revert reason: {stderr}"
    );
}
