//! The state file: a node restarted from it finds balances, code, storage, nonces and its
//! head block as they were.

use std::path::{Path, PathBuf};

use crate::support::{Workload, deploy_workload, mined, plain, post_raw, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256, address};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;
use devnet::{Config, Devnet, NodeError};

const FRIEND: Address = address!("00000000000000000000000000000000000f12e0");

/// A fresh path under the target directory, unique per test.
fn state_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("devnet-state");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

fn with_state(path: &Path) -> Config {
    Config {
        state: Some(path.to_owned()),
        ..Config::ephemeral()
    }
}

#[tokio::test]
async fn a_restarted_node_keeps_balances_code_storage_and_head() {
    let path = state_path("restart");
    let node = Devnet::spawn(with_state(&path)).await.unwrap();
    assert!(
        node.loaded_from().is_none(),
        "first start has nothing to load"
    );
    let owner = node.accounts().signers()[0].clone();
    let provider = wallet(&node.endpoint(), owner.clone());
    let contract = deploy_workload(&provider, 10).await;
    let credit = Workload::creditCall {
        to: FRIEND,
        amount: U256::from(77),
    };
    mined(
        &provider,
        TransactionRequest::default()
            .with_to(contract)
            .with_input(credit.abi_encode()),
    )
    .await;
    provider
        .anvil_set_balance(FRIEND, U256::from(5))
        .await
        .unwrap();
    let balance = provider.get_balance(owner.address()).await.unwrap();
    let code = provider.get_code_at(contract).await.unwrap();
    let head = provider
        .get_block_by_number(Default::default())
        .await
        .unwrap()
        .unwrap();

    let saved = node.shutdown().await.unwrap();
    assert_eq!(saved.as_deref(), Some(path.as_path()));

    let node = Devnet::spawn(with_state(&path)).await.unwrap();
    assert_eq!(node.loaded_from(), Some(path.as_path()));
    let provider = wallet(&node.endpoint(), owner.clone());
    assert_eq!(
        provider.get_balance(owner.address()).await.unwrap(),
        balance
    );
    assert_eq!(provider.get_balance(FRIEND).await.unwrap(), U256::from(5));
    assert_eq!(
        provider
            .get_transaction_count(owner.address())
            .await
            .unwrap(),
        2
    );
    assert_eq!(provider.get_code_at(contract).await.unwrap(), code);
    assert_eq!(
        provider.get_storage_at(contract, U256::ZERO).await.unwrap(),
        U256::from(10)
    );
    let credits = Workload::creditsCall(FRIEND).abi_encode();
    let read = provider
        .call(
            TransactionRequest::default()
                .with_to(contract)
                .with_input(credits),
        )
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&read), U256::from(77));
    let restored = provider
        .get_block_by_number(Default::default())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(restored.header.number, head.header.number);
    assert_eq!(restored.header.hash, head.header.hash);

    // The chain goes on from there: the contract still works and blocks continue.
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(contract)
            .with_input(Workload::incrementCall {}.abi_encode()),
    )
    .await;
    assert!(receipt.status());
    assert_eq!(receipt.block_number, Some(head.header.number + 1));
    node.shutdown().await.unwrap();
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn save_state_on_demand_writes_the_file_atomically() {
    let path = state_path("on-demand");
    let node = Devnet::spawn(with_state(&path)).await.unwrap();
    let provider = plain(&node.endpoint());
    provider
        .anvil_set_balance(FRIEND, U256::from(31))
        .await
        .unwrap();

    let answer = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"devnet_saveState","params":[]}"#,
    )
    .await;
    assert_eq!(answer["result"], path.to_str().unwrap());
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["chainId"], 412_346);
    assert_eq!(
        json["accounts"][FRIEND.to_string().to_lowercase()]["balance"],
        "0x1f"
    );
    let mut temp = path.clone().into_os_string();
    temp.push(".tmp");
    assert!(
        !PathBuf::from(temp).exists(),
        "the temporary file was renamed into place"
    );

    drop(node);
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_state_file_from_another_chain_is_refused_at_start() {
    let path = state_path("other-chain");
    let node = Devnet::spawn(with_state(&path)).await.unwrap();
    node.shutdown().await.unwrap();

    let other = Config {
        chain_id: 1,
        ..with_state(&path)
    };
    let error = Devnet::spawn(other)
        .await
        .err()
        .expect("chain id mismatch is refused");
    assert!(matches!(error, NodeError::State(_)));
    assert!(error.to_string().contains("--chain-id 412346"), "{error}");
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_corrupt_state_file_is_refused_at_start() {
    let path = state_path("corrupt");
    std::fs::write(&path, b"{\"format\": 1, \"chainId\": ").unwrap();

    let error = Devnet::spawn(with_state(&path))
        .await
        .err()
        .expect("corrupt file is refused");
    assert!(
        error.to_string().contains("is not a devnet state file"),
        "{error}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_busy_port_is_a_named_error() {
    let first = Devnet::spawn(Config::ephemeral()).await.unwrap();
    let taken = Config {
        port: first.addr().port(),
        ..Config::ephemeral()
    };

    let error = Devnet::spawn(taken).await.err().expect("port in use");
    assert!(matches!(error, NodeError::Bind { .. }));
    assert!(error.to_string().contains("--port"), "{error}");
}
