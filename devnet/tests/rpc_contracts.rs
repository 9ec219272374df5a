//! A Solidity contract through the RPC: deployment, calls, reverts, gas estimation, logs,
//! storage and state overrides.

use crate::support::Workload::{self, WorkloadErrors};
use crate::support::{deploy_workload, dev_key, mined, plain, rpc_error_code, spawn, wallet};
use alloy::eips::BlockId;
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, B256, Bytes, U256, address, keccak256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::state::{AccountOverride, StateOverride};
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::sol_types::{SolCall, SolEvent};
use devnet::evm::l1;

const ALICE: Address = address!("00000000000000000000000000000000000a11ce");
const BOB: Address = address!("0000000000000000000000000000000000000b0b");

fn call(to: Address, data: impl SolCall) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(to)
        .with_input(data.abi_encode())
}

#[tokio::test]
async fn a_deployed_contract_has_code_storage_and_a_contract_address_receipt() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let deployer = dev_key(&node, 0).address();

    let address = deploy_workload(&provider, 41).await;

    assert_eq!(address, deployer.create(0));
    assert!(!provider.get_code_at(address).await.unwrap().is_empty());
    assert_eq!(
        provider.get_storage_at(address, U256::ZERO).await.unwrap(),
        U256::from(41)
    );
    let count = provider
        .call(call(address, Workload::countCall {}))
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&count), U256::from(41));
}

#[tokio::test]
async fn calls_return_values_and_mined_calls_emit_indexed_logs() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;

    let returned = provider
        .call(call(address, Workload::incrementCall {}))
        .await
        .unwrap();
    assert_eq!(
        Workload::incrementCall::abi_decode_returns(&returned).unwrap(),
        U256::from(1)
    );

    let receipt = mined(
        &provider,
        call(
            address,
            Workload::creditCall {
                to: ALICE,
                amount: U256::from(5),
            },
        ),
    )
    .await;
    assert!(receipt.status());
    let logs = receipt.inner.logs();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[0].log_index, Some(0));
    assert_eq!(logs[1].log_index, Some(1));
    assert_eq!(logs[0].block_number, receipt.block_number);
    assert_eq!(logs[0].transaction_hash, Some(receipt.transaction_hash));
    let credited = Workload::Credited::decode_log(&logs[0].inner).unwrap();
    assert_eq!((credited.to, credited.amount), (ALICE, U256::from(5)));
    assert!(
        receipt
            .inner
            .logs_bloom()
            .contains_input(alloy::primitives::BloomInput::Raw(address.as_slice()))
    );

    let number = receipt.block_number.unwrap();
    let block_receipts = provider
        .get_block_receipts(number.into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block_receipts.len(), 1);
    assert_eq!(block_receipts[0].transaction_hash, receipt.transaction_hash);
    let block = provider
        .get_block_by_number(number.into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block.header.logs_bloom, *receipt.inner.logs_bloom());
    assert_eq!(block.header.gas_used, receipt.gas_used);
}

#[tokio::test]
async fn a_reverting_call_returns_code_3_with_the_revert_data() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;

    let error = provider
        .call(call(
            address,
            Workload::creditCall {
                to: ALICE,
                amount: U256::from(5_000),
            },
        ))
        .await
        .unwrap_err();
    let payload = error.as_error_resp().unwrap();
    assert_eq!(payload.code, 3);
    let decoded = payload
        .as_decoded_interface_error::<WorkloadErrors>()
        .unwrap();
    let WorkloadErrors::TooLarge(too_large) = decoded;
    assert_eq!(too_large.requested, U256::from(5_000));

    let (code, message) = rpc_error_code(
        provider
            .call(call(
                address,
                Workload::failCall {
                    reason: "nope".into(),
                },
            ))
            .await,
    );
    assert_eq!(code, 3);
    assert_eq!(message, "execution reverted: nope");
}

#[tokio::test]
async fn a_reverting_transaction_is_mined_with_status_zero() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;
    let height = provider.get_block_number().await.unwrap();

    let request = call(
        address,
        Workload::failCall {
            reason: "nope".into(),
        },
    )
    .with_gas_limit(100_000);
    let receipt = mined(&provider, request).await;

    assert!(!receipt.status());
    assert_eq!(receipt.block_number, Some(height + 1));
    assert!(receipt.gas_used > 21_000);
    assert!(receipt.inner.logs().is_empty());
}

#[tokio::test]
async fn estimate_gas_is_the_least_gas_that_succeeds() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;
    let from = dev_key(&node, 0).address();

    // burn() makes a child call that needs 64/63 of its own use: gas used alone is not enough.
    let request = call(
        address,
        Workload::burnCall {
            rounds: U256::from(20),
        },
    )
    .with_from(from);
    let estimate = provider.estimate_gas(request.clone()).await.unwrap();

    // The failing run goes first: it reverts, so the other one meets the same storage.
    let below = mined(&provider, request.clone().with_gas_limit(estimate - 1)).await;
    assert!(!below.status(), "one gas less fails");
    let at_estimate = mined(&provider, request.with_gas_limit(estimate)).await;
    assert!(at_estimate.status(), "the estimate suffices");
    assert!(
        at_estimate.gas_used < estimate,
        "the 63/64 headroom is included"
    );
}

#[tokio::test]
async fn estimating_a_reverting_call_returns_the_revert() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;

    let (code, message) = rpc_error_code(
        provider
            .estimate_gas(call(
                address,
                Workload::failCall {
                    reason: "why".into(),
                },
            ))
            .await,
    );
    assert_eq!(code, 3);
    assert_eq!(message, "execution reverted: why");
}

#[tokio::test]
async fn estimating_beyond_what_the_sender_can_pay_fails() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let broke = address!("00000000000000000000000000000000000000ee");
    provider
        .anvil_set_balance(broke, U256::from(100_000_000u64 * 30_000))
        .await
        .unwrap();

    let request = TransactionRequest::default()
        .with_from(broke)
        .with_to(ALICE)
        .with_input(Bytes::from(vec![1u8; 2_000]))
        .with_gas_price(100_000_000);
    let (code, message) = rpc_error_code(provider.estimate_gas(request).await);
    assert_eq!(code, -32000);
    assert!(
        message.starts_with("gas required exceeds allowance"),
        "{message}"
    );
}

#[tokio::test]
async fn get_logs_filters_by_range_address_and_topic_sets() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let first = deploy_workload(&provider, 0).await;
    let second = deploy_workload(&provider, 0).await;
    let start = provider.get_block_number().await.unwrap() + 1;
    for (target, to) in [(first, ALICE), (second, BOB), (first, BOB)] {
        mined(
            &provider,
            call(
                target,
                Workload::creditCall {
                    to,
                    amount: U256::from(1),
                },
            ),
        )
        .await;
    }
    let end = provider.get_block_number().await.unwrap();

    let credited = Filter::new()
        .from_block(start)
        .to_block(end)
        .event_signature(Workload::Credited::SIGNATURE_HASH);
    assert_eq!(provider.get_logs(&credited).await.unwrap().len(), 3);

    let from_first = credited.clone().address(first);
    assert_eq!(provider.get_logs(&from_first).await.unwrap().len(), 2);

    let to_bob = credited.clone().topic1(BOB.into_word());
    let logs = provider.get_logs(&to_bob).await.unwrap();
    assert_eq!(logs.len(), 2);
    assert!(logs.iter().all(|l| l.topics()[1] == BOB.into_word()));

    let either = credited
        .clone()
        .topic1(vec![ALICE.into_word(), BOB.into_word()]);
    assert_eq!(provider.get_logs(&either).await.unwrap().len(), 3);

    let both_events = Filter::new()
        .from_block(start)
        .to_block(end)
        .address(vec![first, second])
        .event_signature(vec![
            Workload::Credited::SIGNATURE_HASH,
            Workload::Incremented::SIGNATURE_HASH,
        ]);
    let logs = provider.get_logs(&both_events).await.unwrap();
    assert_eq!(logs.len(), 6);
    let positions: Vec<_> = logs
        .iter()
        .map(|l| (l.block_number.unwrap(), l.log_index.unwrap()))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "ordered by block then index"
    );

    let last_block = Filter::new().at_block_hash(logs[5].block_hash.unwrap());
    assert_eq!(provider.get_logs(&last_block).await.unwrap().len(), 2);
    let nothing = credited.address(ALICE);
    assert!(provider.get_logs(&nothing).await.unwrap().is_empty());
}

#[tokio::test]
async fn get_logs_rejects_an_inverted_range() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    provider.anvil_mine(Some(2), None).await.unwrap();

    let (code, _) = rpc_error_code(
        provider
            .get_logs(&Filter::new().from_block(2).to_block(1))
            .await,
    );
    assert_eq!(code, -32602);
}

#[tokio::test]
async fn eth_call_applies_balance_nonce_code_and_storage_overrides() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 7).await;
    let code = provider.get_code_at(address).await.unwrap();

    // Same code at an empty address, with its count slot set: answers from the override.
    let clone = address!("000000000000000000000000000000000000c10e");
    let mut overrides = StateOverride::default();
    overrides.insert(
        clone,
        AccountOverride {
            code: Some(code),
            state: Some(std::iter::once((B256::ZERO, B256::from(U256::from(99)))).collect()),
            ..AccountOverride::default()
        },
    );
    let count = provider
        .call(call(clone, Workload::countCall {}))
        .overrides(overrides)
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&count), U256::from(99));

    // stateDiff keeps other slots: credits[ALICE] changes, count stays 7.
    let alice_slot = keccak256([ALICE.into_word().0, B256::from(U256::from(1)).0].concat());
    let mut diff = StateOverride::default();
    diff.insert(
        address,
        AccountOverride {
            state_diff: Some(std::iter::once((alice_slot, B256::from(U256::from(5)))).collect()),
            balance: Some(U256::from(1)),
            nonce: Some(9),
            ..AccountOverride::default()
        },
    );
    let credits = provider
        .call(call(address, Workload::creditsCall(ALICE)))
        .overrides(diff.clone())
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&credits), U256::from(5));
    let count = provider
        .call(call(address, Workload::countCall {}))
        .overrides(diff)
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&count), U256::from(7));

    // Overrides never touch the chain.
    assert!(provider.get_code_at(clone).await.unwrap().is_empty());
    assert_eq!(
        provider
            .get_storage_at(address, U256::from_be_bytes(alice_slot.0))
            .await
            .unwrap(),
        U256::ZERO
    );
}

#[tokio::test]
async fn eth_call_sees_the_pending_block_and_past_blocks() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let address = deploy_workload(&provider, 0).await;
    let head = provider
        .get_block(BlockId::latest())
        .await
        .unwrap()
        .unwrap();

    let latest = provider
        .call(call(address, Workload::parentHashCall {}))
        .block(BlockId::latest())
        .await
        .unwrap();
    // On Arbitrum `block.number` and BLOCKHASH are about L1 blocks.
    let l1_parent = l1::block_number(head.header.timestamp) - 1;
    assert_eq!(
        B256::from_slice(&latest),
        l1::block_hash(l1_parent),
        "BLOCKHASH sees the L1 hashes ArbOS records"
    );
    let pending = provider
        .call(call(address, Workload::now_Call {}))
        .block(BlockId::pending())
        .await
        .unwrap();
    assert!(U256::from_be_slice(&pending) >= U256::from(head.header.timestamp));

    // At block 0 the contract did not exist yet: a call to its address returns nothing.
    let before_deploy = provider
        .call(call(address, Workload::countCall {}))
        .block(BlockId::number(0))
        .await
        .unwrap();
    assert!(before_deploy.is_empty(), "{before_deploy}");
}
