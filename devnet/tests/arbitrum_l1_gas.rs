//! L1 data gas, as on Arbitrum: every transaction pays for posting its
//! brotli-compressed bytes to L1 (16 L1 gas per byte at ArbOS's L1 base fee
//! estimate), bought as L2 gas at the base fee; receipts say how much
//! (`gasUsedForL1`) and at which L1 block; estimates include it; NodeInterface
//! at 0xc8 splits an estimate into its parts.

use crate::support::{Workload, deploy_workload, dev_key, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, B256, U256, address};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::evm::l1;
use devnet::{Config, Devnet, DevnetHandle};

const RECIPIENT: Address = address!("00000000000000000000000000000000000000aa");
const NODE_INTERFACE: Address = address!("00000000000000000000000000000000000000c8");

sol! {
    function gasEstimateComponents(address to, bool contractCreation, bytes data)
        external payable
        returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    function gasEstimateL1Component(address to, bool contractCreation, bytes data)
        external payable
        returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
}

/// The node as it starts by default: L1 data priced.
async fn node() -> DevnetHandle {
    Devnet::spawn(Config::ephemeral())
        .await
        .expect("devnet starts")
}

/// The receipt as JSON, with Nitro's extra fields.
async fn raw_receipt(provider: &DynProvider, hash: B256) -> serde_json::Value {
    provider
        .raw_request("eth_getTransactionReceipt".into(), (hash,))
        .await
        .expect("receipt answers")
}

fn quantity(value: &serde_json::Value) -> u64 {
    let text = value.as_str().expect("a hex quantity");
    u64::from_str_radix(text.trim_start_matches("0x"), 16).expect("hex")
}

#[tokio::test]
async fn a_transfer_pays_its_l1_data_as_gas_and_the_receipt_says_how_much() {
    let node = node().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let request = TransactionRequest::default()
        .with_to(RECIPIENT)
        .with_value(U256::from(1));

    let pending = provider.send_transaction(request).await.expect("accepted");
    let receipt = raw_receipt(&provider, *pending.tx_hash()).await;

    let for_l1 = quantity(&receipt["gasUsedForL1"]);
    assert!(for_l1 > 0, "{receipt}");
    assert_eq!(quantity(&receipt["gasUsed"]), 21_000 + for_l1);
    let block = provider
        .get_block_by_number(quantity(&receipt["blockNumber"]).into())
        .await
        .unwrap()
        .expect("block");
    assert_eq!(
        quantity(&receipt["l1BlockNumber"]),
        l1::block_number(block.header.timestamp)
    );
    assert_eq!(
        quantity(&receipt["blockNumber"]),
        1,
        "RPC block numbers stay L2"
    );
}

#[tokio::test]
async fn a_gas_limit_that_covers_execution_but_not_l1_data_is_refused() {
    let node = node().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let request = TransactionRequest::default()
        .with_to(RECIPIENT)
        .with_gas_limit(21_000);

    let error = provider
        .send_transaction(request)
        .await
        .expect_err("refused");

    assert!(
        error.to_string().contains("intrinsic gas too low"),
        "{error}"
    );
}

#[tokio::test]
async fn the_transaction_gas_cap_applies_to_execution_with_l1_gas_on_top() {
    let node = node().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let transfer = |gas: u64| {
        TransactionRequest::default()
            .with_to(RECIPIENT)
            .with_gas_limit(gas)
    };

    // A transfer's L1 data costs well over 10,000 gas here.
    let within = provider.send_transaction(transfer(32_010_000)).await;
    let beyond = provider.send_transaction(transfer(40_000_000)).await;

    assert!(within.is_ok(), "{within:?}");
    assert!(beyond.is_err());
}

#[tokio::test]
async fn the_estimate_includes_l1_gas_and_covers_what_the_transaction_uses() {
    let node = node().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let workload = deploy_workload(&provider, 0).await;
    let from = dev_key(&node, 0).address();
    let request = TransactionRequest::default()
        .with_from(from)
        .with_to(workload)
        .with_input(Workload::incrementCall {}.abi_encode());

    let estimate = provider.estimate_gas(request.clone()).await.unwrap();
    let pending = provider
        .send_transaction(request.with_gas_limit(estimate))
        .await
        .expect("accepted");
    let receipt = raw_receipt(&provider, *pending.tx_hash()).await;

    assert_eq!(receipt["status"], "0x1", "{receipt}");
    let used = quantity(&receipt["gasUsed"]);
    assert!(used <= estimate, "used {used}, estimated {estimate}");
    assert!(estimate - used < used / 5, "the padding stays modest");
}

#[tokio::test]
async fn node_interface_splits_an_estimate_into_l2_and_l1_parts() {
    let node = node().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let workload = deploy_workload(&provider, 0).await;
    let from = dev_key(&node, 0).address();
    let data = Workload::incrementCall {}.abi_encode();
    let direct = TransactionRequest::default()
        .with_from(from)
        .with_to(workload)
        .with_input(data.clone());
    let ask = |input: Vec<u8>| {
        TransactionRequest::default()
            .with_from(from)
            .with_to(NODE_INTERFACE)
            .with_input(input)
    };

    let estimate = provider.estimate_gas(direct).await.unwrap();
    let components = provider
        .call(ask(gasEstimateComponentsCall {
            to: workload,
            contractCreation: false,
            data: data.clone().into(),
        }
        .abi_encode()))
        .await
        .unwrap();
    let l1_only = provider
        .call(ask(gasEstimateL1ComponentCall {
            to: workload,
            contractCreation: false,
            data: data.into(),
        }
        .abi_encode()))
        .await
        .unwrap();

    let parts = gasEstimateComponentsCall::abi_decode_returns(&components).unwrap();
    let l1_part = gasEstimateL1ComponentCall::abi_decode_returns(&l1_only).unwrap();
    assert_eq!(parts.gasEstimate, estimate);
    assert!(parts.gasEstimateForL1 > 0 && parts.gasEstimateForL1 < parts.gasEstimate);
    assert_eq!(parts.gasEstimateForL1, l1_part.gasEstimateForL1);
    assert_eq!(parts.baseFee, U256::from(100_000_000u64));
    assert_eq!(parts.l1BaseFeeEstimate, U256::from(l1::DEFAULT_L1_BASE_FEE));
    assert_eq!(l1_part.baseFee, parts.baseFee);
}
