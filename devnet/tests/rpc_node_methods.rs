//! The smaller methods tools call: node facts, chain settings, state dumps, pool views,
//! access lists. Each answers as Anvil does.

use crate::support::{
    Workload, cast, deploy_workload, dev_key, foundry_tool, mined, plain, rpc, rpc_ok, spawn,
    wallet,
};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, B256, U256, keccak256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;
use devnet::evm::l1::SEQUENCER;
use serde_json::json;

#[tokio::test]
async fn small_eth_methods_answer_as_anvil() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    assert_eq!(
        rpc_ok(&endpoint, "web3_sha3", json!(["0x68656c6c6f"])).await,
        json!(keccak256(b"hello"))
    );
    assert_eq!(
        rpc_ok(&endpoint, "eth_coinbase", json!([])).await,
        json!(SEQUENCER)
    );
    assert_eq!(rpc_ok(&endpoint, "eth_blobBaseFee", json!([])).await, "0x1");
    assert_eq!(
        rpc_ok(&endpoint, "txpool_status", json!([])).await,
        json!({"pending": "0x0", "queued": "0x0"})
    );
    assert_eq!(
        rpc_ok(&endpoint, "txpool_content", json!([])).await,
        json!({"pending": {}, "queued": {}})
    );
    assert_eq!(
        rpc_ok(&endpoint, "anvil_dropTransaction", json!([B256::ZERO])).await,
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn a_transaction_is_found_by_sender_and_nonce() {
    let node = spawn().await;
    let sender = dev_key(&node, 3);
    let provider = wallet(&node.endpoint(), sender.clone());
    let send = || {
        TransactionRequest::default()
            .with_to(Address::repeat_byte(9))
            .with_value(U256::from(1))
    };
    mined(&provider, send()).await;
    let second = mined(&provider, send()).await;

    let found = rpc_ok(
        &node.endpoint(),
        "eth_getTransactionBySenderAndNonce",
        json!([sender.address(), "0x1"]),
    )
    .await;
    assert_eq!(found["hash"], json!(second.transaction_hash));
    let missing = rpc_ok(
        &node.endpoint(),
        "eth_getTransactionBySenderAndNonce",
        json!([sender.address(), "0x7"]),
    )
    .await;
    assert!(missing.is_null());
}

#[tokio::test]
async fn node_info_describes_the_head_and_environment() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    provider.evm_mine(None).await.unwrap();
    let head = provider.get_block(1.into()).await.unwrap().unwrap();

    let info = rpc_ok(&node.endpoint(), "anvil_nodeInfo", json!([])).await;
    assert_eq!(info["currentBlockNumber"], "0x1");
    assert_eq!(info["currentBlockHash"], json!(head.header.hash));
    assert_eq!(info["currentBlockTimestamp"], head.header.timestamp);
    assert_eq!(info["environment"]["chainId"], 412_346);
    assert_eq!(info["environment"]["gasLimit"], "0x1e84800");
    assert!(info["forkConfig"]["forkUrl"].is_null());
}

#[tokio::test]
async fn coinbase_gas_limit_and_chain_id_can_be_changed() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = plain(&endpoint);
    let coinbase = Address::repeat_byte(0xcb);

    rpc_ok(&endpoint, "anvil_setCoinbase", json!([coinbase])).await;
    assert_eq!(
        rpc_ok(&endpoint, "anvil_setBlockGasLimit", json!(["0x1c9c380"])).await,
        true
    );
    provider.evm_mine(None).await.unwrap();
    let block = provider.get_block(1.into()).await.unwrap().unwrap();
    assert_eq!(block.header.beneficiary, coinbase);
    // Blocks report Nitro's 2^50; the limit set caps each transaction instead.
    assert_eq!(block.header.gas_limit, 1 << 50);
    let over_cap = wallet(&endpoint, dev_key(&node, 0))
        .send_transaction(
            TransactionRequest::default()
                .with_to(coinbase)
                .with_gas_limit(31_000_000),
        )
        .await;
    let refusal = over_cap
        .expect_err("31M gas is over the 30M cap")
        .to_string();
    assert!(refusal.contains("exceeds block gas limit"), "{refusal}");
    assert_eq!(
        rpc_ok(&endpoint, "eth_coinbase", json!([])).await,
        json!(coinbase)
    );

    rpc_ok(&endpoint, "anvil_setChainId", json!(["0x539"])).await;
    assert_eq!(provider.get_chain_id().await.unwrap(), 1337);
    // A transaction signed for the new id is accepted.
    let receipt = mined(
        &wallet(&endpoint, dev_key(&node, 0)),
        TransactionRequest::default()
            .with_to(coinbase)
            .with_value(U256::from(1)),
    )
    .await;
    assert!(receipt.status());
}

#[tokio::test]
async fn reset_goes_back_to_a_fresh_genesis() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 1).await;
    provider.evm_mine(None).await.unwrap();

    rpc_ok(&node.endpoint(), "anvil_reset", json!([])).await;

    assert_eq!(provider.get_block_number().await.unwrap(), 0);
    assert!(provider.get_code_at(contract).await.unwrap().is_empty());
    assert_eq!(
        provider
            .get_balance(dev_key(&node, 0).address())
            .await
            .unwrap(),
        U256::from(10u128.pow(22))
    );
    let forking = rpc(
        &node.endpoint(),
        "anvil_reset",
        json!([{"forking": {"jsonRpcUrl": "http://example.invalid"}}]),
    )
    .await;
    assert_eq!(forking["error"]["code"], -32602, "{forking}");
}

#[tokio::test]
async fn a_dumped_state_loads_into_another_node() {
    let source = spawn().await;
    let provider = wallet(&source.endpoint(), dev_key(&source, 0));
    let contract = deploy_workload(&provider, 41).await;
    let increment = TransactionRequest::default()
        .with_to(contract)
        .with_input(Workload::incrementCall {}.abi_encode());
    mined(&provider, increment).await;
    let dump = rpc_ok(&source.endpoint(), "anvil_dumpState", json!([])).await;
    assert!(dump.as_str().is_some_and(|hex| hex.starts_with("0x")));

    let target = spawn().await;
    assert_eq!(
        rpc_ok(&target.endpoint(), "anvil_loadState", json!([dump])).await,
        true
    );
    let reader = plain(&target.endpoint());
    assert_eq!(
        reader.get_storage_at(contract, U256::ZERO).await.unwrap(),
        U256::from(42)
    );
    assert_eq!(
        reader.get_code_at(contract).await.unwrap(),
        provider.get_code_at(contract).await.unwrap()
    );
    let garbage = rpc(&target.endpoint(), "anvil_loadState", json!(["0x1234"])).await;
    assert_eq!(garbage["error"]["code"], -32602);
}

#[tokio::test]
async fn an_access_list_names_what_a_call_touches_and_cast_uses_it() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let sender = dev_key(&node, 0);
    let provider = wallet(&endpoint, sender.clone());
    let contract = deploy_workload(&provider, 0).await;
    let other = deploy_workload(&provider, 0).await;
    // burn() calls itself back through sink(), which writes `rounds` credit slots.
    let burn = Workload::burnCall {
        rounds: U256::from(2),
    }
    .abi_encode();

    let request = json!({"from": sender.address(), "to": contract, "data": alloy::primitives::hex::encode_prefixed(&burn)});
    let result = rpc_ok(
        &endpoint,
        "eth_createAccessList",
        json!([request, "latest"]),
    )
    .await;
    let list = result["accessList"].as_array().expect("a list");
    assert!(result.get("error").is_none(), "{result}");
    // The recipient is warm anyway: it is listed for the two credit slots sink() wrote;
    // the sender and an untouched contract are not listed.
    let item = list
        .iter()
        .find(|item| item["address"] == json!(contract))
        .expect("the contract's slots are listed");
    assert_eq!(item["storageKeys"].as_array().unwrap().len(), 2, "{item}");
    assert!(
        list.iter()
            .all(|item| item["address"] != json!(sender.address()))
    );
    assert!(!list.iter().any(|item| item["address"] == json!(other)));
    let gas_used = u64::from_str_radix(
        result["gasUsed"].as_str().unwrap().trim_start_matches("0x"),
        16,
    )
    .unwrap();
    assert!(gas_used > 21_000);

    let Some(binary) = foundry_tool("cast") else {
        eprintln!("SKIPPED: cast is not installed (run scripts/setup.sh)");
        return;
    };
    let (ok, out, stderr) = cast(
        &binary,
        &endpoint,
        &[
            "access-list",
            &contract.to_string(),
            "burn(uint256)",
            "2",
            "--from",
            &sender.address().to_string(),
            "--json",
        ],
    )
    .await;
    assert!(ok, "cast access-list failed: {stderr}");
    let printed: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(printed["gasUsed"], result["gasUsed"], "{printed}");
}

#[tokio::test]
async fn the_next_blocks_base_fee_can_be_set_for_that_block() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let two_gwei = 2_000_000_000u128;

    rpc_ok(
        &endpoint,
        "anvil_setNextBlockBaseFeePerGas",
        json!([format!("{two_gwei:#x}")]),
    )
    .await;
    assert_eq!(provider.get_gas_price().await.unwrap(), two_gwei);
    // Wallets price from the latest block, so the fee is given explicitly.
    let receipt = mined(
        &provider,
        TransactionRequest::default()
            .with_to(Address::repeat_byte(5))
            .with_value(U256::from(1))
            .with_max_fee_per_gas(3 * two_gwei)
            .with_max_priority_fee_per_gas(0),
    )
    .await;
    let block = provider
        .get_block(receipt.block_number.unwrap().into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(block.header.base_fee_per_gas, Some(two_gwei as u64));
    assert_eq!(receipt.effective_gas_price, two_gwei);

    provider.evm_mine(None).await.unwrap();
    let next = provider.get_block(2.into()).await.unwrap().unwrap();
    assert_eq!(
        next.header.base_fee_per_gas,
        Some(100_000_000),
        "back to the constant"
    );
}

#[tokio::test]
async fn simulate_v1_runs_calls_in_sequence_on_made_up_blocks() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let contract = deploy_workload(&provider, 10).await;
    let head = provider.get_block_number().await.unwrap();
    let increment =
        alloy::primitives::hex::encode_prefixed(Workload::incrementCall {}.abi_encode());
    let count = alloy::primitives::hex::encode_prefixed(Workload::countCall {}.abi_encode());
    let fail = alloy::primitives::hex::encode_prefixed(
        Workload::failCall {
            reason: "no".into(),
        }
        .abi_encode(),
    );
    let from = dev_key(&node, 1).address();

    let blocks = rpc_ok(
        &endpoint,
        "eth_simulateV1",
        json!([{
            "blockStateCalls": [
                {"calls": [
                    {"from": from, "to": contract, "data": increment},
                    {"from": from, "to": contract, "data": increment},
                ]},
                {
                    "blockOverrides": {"time": "0x7fffffff"},
                    "calls": [
                        {"from": from, "to": contract, "data": count},
                        {"from": from, "to": contract, "data": fail},
                    ],
                },
            ]
        }, "latest"]),
    )
    .await;

    let blocks = blocks.as_array().expect("one result per block");
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0]["number"], json!(format!("{:#x}", head + 1)));
    assert_eq!(blocks[1]["number"], json!(format!("{:#x}", head + 2)));
    assert_eq!(blocks[1]["timestamp"], "0x7fffffff");
    assert_eq!(blocks[1]["parentHash"], blocks[0]["hash"]);
    let first = &blocks[0]["calls"];
    assert_eq!(first[0]["status"], "0x1");
    assert_eq!(first[1]["returnData"], json!(format!("0x{:064x}", 12)));
    assert_eq!(first[1]["logs"].as_array().unwrap().len(), 1);
    let second = &blocks[1]["calls"];
    assert_eq!(
        second[0]["returnData"],
        json!(format!("0x{:064x}", 12)),
        "sees block 1's calls"
    );
    assert_eq!(second[1]["status"], "0x0");
    assert_eq!(second[1]["error"]["code"], 3);

    // Nothing was committed.
    assert_eq!(provider.get_block_number().await.unwrap(), head);
    assert_eq!(
        provider.get_storage_at(contract, U256::ZERO).await.unwrap(),
        U256::from(10)
    );
}
