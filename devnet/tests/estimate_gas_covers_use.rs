//! `eth_estimateGas` is never below what the transaction then uses: it is
//! estimated in the block the transaction will be mined in, so code whose cost
//! depends on time is priced as it will run, even after `evm_increaseTime`.

use crate::stylus_support::solc;
use crate::support::{dev_key, mined, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::{Config, Devnet};
use revm::primitives::hex;

/// Cheap before `unlock`, a loop of fresh storage writes after it.
const TIMED: &str = r#"
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Timed {
    uint256 public immutable unlock;
    mapping(uint256 => uint256) public marks;
    constructor() { unlock = block.timestamp + 1000; }
    function work() external {
        if (block.timestamp < unlock) return;
        for (uint256 i = 0; i < 20; i++) marks[i] = block.timestamp;
    }
}
"#;

sol! {
    function work() external;
}

#[tokio::test]
async fn an_estimate_after_a_time_jump_covers_the_path_the_transaction_takes() {
    let node = Devnet::spawn(Config::ephemeral()).await.expect("starts");
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let settings = serde_json::json!({ "optimizer": { "enabled": true, "runs": 200 }, "evmVersion": "cancun" });
    let init = hex::decode(solc(TIMED, "Timed", "evm.bytecode.object", settings)).expect("hex");
    let deployed = mined(
        &provider,
        TransactionRequest::default().with_deploy_code(init),
    )
    .await;
    let timed: Address = deployed.contract_address.expect("created");
    provider
        .anvil_increase_time(2_000)
        .await
        .expect("time moves");
    let request = TransactionRequest::default()
        .with_from(dev_key(&node, 0).address())
        .with_to(timed)
        .with_input(workCall {}.abi_encode());

    let estimate = provider
        .estimate_gas(request.clone())
        .await
        .expect("estimates");
    let receipt = mined(&provider, request.with_gas_limit(estimate)).await;

    assert!(
        receipt.status(),
        "the estimate covers the loop: {receipt:?}"
    );
    assert!(receipt.gas_used <= estimate);
    assert!(estimate > U256::from(20 * 20_000).to::<u64>());
}
