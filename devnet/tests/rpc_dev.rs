//! Anvil's developer methods: state edits, mining, time travel, snapshots.

use crate::support::Workload;
use crate::support::{deploy_workload, dev_key, plain, post_raw, rpc_error_code, spawn, wallet};
use alloy::eips::BlockNumberOrTag;
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, B256, Bytes, U256, address};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;

const TARGET: Address = address!("00000000000000000000000000000000000000d7");

async fn latest_timestamp(provider: &impl Provider) -> u64 {
    provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .unwrap()
        .unwrap()
        .header
        .timestamp
}

#[tokio::test]
async fn set_balance_nonce_code_and_storage_edit_the_latest_state() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    // PUSH1 0x2a PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: returns 42.
    let code = Bytes::from_static(&[0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3]);

    provider
        .anvil_set_balance(TARGET, U256::from(123))
        .await
        .unwrap();
    provider.anvil_set_nonce(TARGET, 9).await.unwrap();
    provider.anvil_set_code(TARGET, code.clone()).await.unwrap();
    let slot = U256::from(3);
    assert!(
        provider
            .anvil_set_storage_at(TARGET, slot, B256::with_last_byte(7))
            .await
            .unwrap()
    );

    assert_eq!(provider.get_balance(TARGET).await.unwrap(), U256::from(123));
    assert_eq!(provider.get_transaction_count(TARGET).await.unwrap(), 9);
    assert_eq!(provider.get_code_at(TARGET).await.unwrap(), code);
    assert_eq!(
        provider.get_storage_at(TARGET, slot).await.unwrap(),
        U256::from(7)
    );
    let returned = provider
        .call(TransactionRequest::default().with_to(TARGET))
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&returned), U256::from(42));
    assert_eq!(
        provider.get_block_number().await.unwrap(),
        0,
        "edits mine nothing"
    );
}

#[tokio::test]
async fn a_storage_edit_is_seen_by_the_contract() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 1).await;

    provider
        .anvil_set_storage_at(address, U256::ZERO, B256::with_last_byte(55))
        .await
        .unwrap();

    let call = TransactionRequest::default()
        .with_to(address)
        .with_input(Workload::countCall {}.abi_encode());
    assert_eq!(
        U256::from_be_slice(&provider.call(call).await.unwrap()),
        U256::from(55)
    );
}

#[tokio::test]
async fn anvil_mine_and_evm_mine_add_empty_blocks() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    provider.anvil_mine(Some(3), Some(100)).await.unwrap();
    assert_eq!(provider.get_block_number().await.unwrap(), 3);
    let second = provider
        .get_block_by_number(2.into())
        .await
        .unwrap()
        .unwrap();
    let third = provider
        .get_block_by_number(3.into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.header.timestamp - second.header.timestamp, 100);
    assert_eq!(third.header.parent_hash, second.header.hash);
    assert!(third.transactions.is_empty());

    assert_eq!(provider.evm_mine(None).await.unwrap(), "0x0");
    assert_eq!(provider.get_block_number().await.unwrap(), 4);
}

#[tokio::test]
async fn increase_time_moves_the_next_block_and_block_timestamp() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;
    let before = latest_timestamp(&provider).await;

    let offset = provider.anvil_increase_time(7 * 24 * 3600).await.unwrap();
    assert!(offset >= 7 * 24 * 3600);
    provider.evm_mine(None).await.unwrap();

    let after = latest_timestamp(&provider).await;
    assert!(after >= before + 7 * 24 * 3600, "{after} vs {before}");
    let call = TransactionRequest::default()
        .with_to(address)
        .with_input(Workload::now_Call {}.abi_encode());
    let seen = provider
        .call(call)
        .block(alloy::eips::BlockId::latest())
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&seen), U256::from(after));
}

#[tokio::test]
async fn set_next_block_timestamp_applies_to_exactly_the_next_block() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let target = latest_timestamp(&provider).await + 1_000_000;

    provider
        .anvil_set_next_block_timestamp(target)
        .await
        .unwrap();
    provider.evm_mine(None).await.unwrap();
    assert_eq!(latest_timestamp(&provider).await, target);
    provider.evm_mine(None).await.unwrap();
    assert!(latest_timestamp(&provider).await >= target);

    let (code, message) = rpc_error_code(provider.anvil_set_next_block_timestamp(5).await);
    assert_eq!(code, -32602);
    assert!(message.contains("lower than the latest block"), "{message}");
}

#[tokio::test]
async fn revert_restores_state_blocks_and_receipts_of_a_snapshot() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let from = node.accounts().addresses()[0];
    let before_balance = provider.get_balance(from).await.unwrap();

    let snapshot = provider.anvil_snapshot().await.unwrap();
    let request = TransactionRequest::default()
        .with_from(from)
        .with_to(TARGET)
        .with_value(U256::from(1));
    let hash = *provider.send_transaction(request).await.unwrap().tx_hash();
    let later = provider.anvil_snapshot().await.unwrap();
    provider
        .anvil_set_balance(TARGET, U256::from(999))
        .await
        .unwrap();

    assert!(provider.anvil_revert(snapshot).await.unwrap());

    assert_eq!(provider.get_block_number().await.unwrap(), 0);
    assert_eq!(provider.get_balance(from).await.unwrap(), before_balance);
    assert_eq!(provider.get_balance(TARGET).await.unwrap(), U256::ZERO);
    assert!(
        provider
            .get_transaction_receipt(hash)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        !provider.anvil_revert(later).await.unwrap(),
        "later snapshots are dropped"
    );
    assert!(
        !provider.anvil_revert(snapshot).await.unwrap(),
        "a snapshot is used once"
    );
}

#[tokio::test]
async fn dev_methods_reject_malformed_params() {
    let node = spawn().await;
    let answer = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"anvil_setBalance","params":["0xnothex","0x1"]}"#,
    )
    .await;
    assert_eq!(answer["error"]["code"], -32602);

    let code = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":2,"method":"anvil_setCode",
            "params":["0x00000000000000000000000000000000000000d7","0xef01"]}"#,
    )
    .await;
    assert_eq!(
        code["error"]["code"], -32602,
        "a truncated EIP-7702 designator is invalid code"
    );
}

#[tokio::test]
async fn save_state_without_a_file_says_how_to_configure_one() {
    let node = spawn().await;
    let answer = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"devnet_saveState","params":[]}"#,
    )
    .await;
    assert_eq!(answer["error"]["code"], -32602);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--state")
    );
}

#[tokio::test]
async fn past_blocks_state_is_served_for_the_kept_window_and_refused_beyond_it() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    // PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: returns slot 0.
    let code = Bytes::from_static(&[
        0x60, 0x00, 0x54, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3,
    ]);
    provider.anvil_set_code(TARGET, code).await.unwrap();
    let read_slot = |block: u64| {
        let provider = provider.clone();
        async move {
            let out = provider
                .call(TransactionRequest::default().with_to(TARGET))
                .block(block.into())
                .await
                .unwrap();
            U256::from_be_slice(&out)
        }
    };
    for value in 1..=3u8 {
        provider
            .anvil_set_storage_at(TARGET, U256::ZERO, B256::with_last_byte(value))
            .await
            .unwrap();
        provider
            .anvil_set_balance(TARGET, U256::from(value))
            .await
            .unwrap();
        provider.evm_mine(None).await.unwrap();
    }
    // Edits made while block n was the head are part of block n's state, as `latest` showed
    // them then: blocks 0, 1, 2 hold 1, 2, 3, and block 3 (the head) still holds 3.
    for block in 0..=3u64 {
        let expected = U256::from((block + 1).min(3));
        assert_eq!(read_slot(block).await, expected, "call at {block}");
        assert_eq!(
            provider
                .get_balance(TARGET)
                .block_id(block.into())
                .await
                .unwrap(),
            expected,
            "balance at {block}"
        );
    }

    provider
        .anvil_mine(Some(devnet::chain::KEPT_STATES as u64 + 1), None)
        .await
        .unwrap();
    let refused = provider.get_balance(TARGET).block_id(1.into()).await;
    let (code, message) = rpc_error_code(refused);
    assert_eq!(code, -32000);
    assert!(message.contains("not kept"), "{message}");
    assert_eq!(read_slot(4).await, U256::from(3));
}
