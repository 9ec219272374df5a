//! Mining modes: automine off pools transactions until a block is mined, which then
//! carries them all; interval mining makes blocks on a timer.

use std::time::Duration;

use crate::support::{dev_key, plain, rpc_ok, spawn, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use serde_json::json;

fn payment(to: u8) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(Address::repeat_byte(to))
        .with_value(U256::from(1_000))
}

#[tokio::test]
async fn without_automine_transactions_wait_for_the_next_block() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let sender = dev_key(&node, 0);
    let provider = wallet(&endpoint, sender.clone());
    rpc_ok(&endpoint, "evm_setAutomine", json!([false])).await;
    assert_eq!(
        rpc_ok(&endpoint, "anvil_getAutomine", json!([])).await,
        false
    );

    // The wallet reads the `pending` nonce, so both transactions get their own.
    let first = *provider
        .send_transaction(payment(1))
        .await
        .unwrap()
        .tx_hash();
    let second = *provider
        .send_transaction(payment(2))
        .await
        .unwrap()
        .tx_hash();
    let third = *provider
        .send_transaction(payment(3))
        .await
        .unwrap()
        .tx_hash();

    assert_eq!(provider.get_block_number().await.unwrap(), 0);
    assert!(
        provider
            .get_transaction_receipt(first)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        rpc_ok(&endpoint, "txpool_status", json!([])).await,
        json!({"pending": "0x3", "queued": "0x0"})
    );
    let content = rpc_ok(&endpoint, "txpool_content", json!([])).await;
    let (holder, by_nonce) = content["pending"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .expect("one sender");
    assert_eq!(holder.parse::<Address>().unwrap(), sender.address());
    assert_eq!(by_nonce["1"]["hash"], json!(second));
    let pooled = provider
        .get_transaction_by_hash(first)
        .await
        .unwrap()
        .expect("pooled");
    assert!(pooled.block_number.is_none());

    // A dropped transaction never makes it into a block.
    assert_eq!(
        rpc_ok(&endpoint, "anvil_dropTransaction", json!([third])).await,
        json!(third)
    );

    provider.evm_mine(None).await.unwrap();

    let block = provider.get_block(1.into()).await.unwrap().unwrap();
    assert_eq!(
        block.transactions.hashes().collect::<Vec<_>>(),
        vec![first, second]
    );
    let receipt = provider
        .get_transaction_receipt(second)
        .await
        .unwrap()
        .expect("mined");
    assert_eq!(receipt.transaction_index, Some(1));
    assert_eq!(receipt.block_number, Some(1));
    assert!(
        provider
            .get_transaction_receipt(third)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        rpc_ok(&endpoint, "txpool_status", json!([])).await,
        json!({"pending": "0x0", "queued": "0x0"})
    );
    assert_eq!(
        provider.get_balance(Address::repeat_byte(2)).await.unwrap(),
        U256::from(1_000)
    );

    // Automine back on: each transaction is mined as it arrives again.
    // (Sent by the node: the wallet's cached nonce still counts the dropped transaction.)
    rpc_ok(&endpoint, "evm_setAutomine", json!([true])).await;
    let node_signed = payment(4).with_from(sender.address());
    let hash = *plain(&endpoint)
        .send_transaction(node_signed)
        .await
        .unwrap()
        .tx_hash();
    assert!(
        provider
            .get_transaction_receipt(hash)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn interval_mining_makes_blocks_on_a_timer() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = plain(&endpoint);
    rpc_ok(&endpoint, "evm_setIntervalMining", json!([1])).await;
    let from = dev_key(&node, 1).address();
    let hash = *provider
        .send_transaction(payment(6).with_from(from))
        .await
        .unwrap()
        .tx_hash();

    let mut mined = None;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        mined = provider.get_transaction_receipt(hash).await.unwrap();
        if mined.is_some() {
            break;
        }
    }
    assert!(mined.is_some(), "mined by the timer within 4 s");
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    assert!(
        provider.get_block_number().await.unwrap() >= 2,
        "empty blocks keep coming"
    );

    rpc_ok(&endpoint, "evm_setIntervalMining", json!([0])).await;
    // A block being mined as the timer stopped may still land.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stopped = provider.get_block_number().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(provider.get_block_number().await.unwrap(), stopped);
}
