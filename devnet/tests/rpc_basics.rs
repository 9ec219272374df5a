//! Read-only node facts, and what the node does with requests it cannot serve.

use crate::support::{plain, post_raw, spawn};
use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{U256, address};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;

#[tokio::test]
async fn reports_the_nitro_dev_chain_identity_and_fees() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    assert_eq!(provider.get_chain_id().await.unwrap(), 412_346);
    assert_eq!(provider.get_net_version().await.unwrap(), 412_346);
    assert!(
        provider
            .get_client_version()
            .await
            .unwrap()
            .starts_with("stylus-lrt-devnet/")
    );
    assert_eq!(provider.get_gas_price().await.unwrap(), 100_000_000);
    assert_eq!(provider.get_max_priority_fee_per_gas().await.unwrap(), 0);
    assert_eq!(provider.get_block_number().await.unwrap(), 0);
}

#[tokio::test]
async fn prefunds_anvils_accounts_and_the_nitro_dev_key() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    let accounts = provider.get_accounts().await.unwrap();
    assert_eq!(accounts.len(), 11);
    assert_eq!(
        accounts[0],
        address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
    );
    assert_eq!(
        accounts[10],
        address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E")
    );
    let ten_thousand_eth = U256::from(10_000u64) * U256::from(10u64).pow(U256::from(18));
    for account in accounts {
        assert_eq!(
            provider.get_balance(account).await.unwrap(),
            ten_thousand_eth
        );
    }
}

#[tokio::test]
async fn genesis_block_is_served_by_number_tag_and_hash() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    let latest = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .unwrap()
        .unwrap();
    let by_hash = provider
        .get_block_by_hash(latest.header.hash)
        .await
        .unwrap()
        .unwrap();
    let earliest = provider
        .get_block_by_number(BlockNumberOrTag::Earliest)
        .await
        .unwrap();

    assert_eq!(latest.header.number, 0);
    assert_eq!(by_hash.header.hash, latest.header.hash);
    assert_eq!(earliest.unwrap().header.hash, latest.header.hash);
    assert_eq!(latest.header.base_fee_per_gas, Some(100_000_000));
    assert!(
        provider
            .get_block_by_number(7.into())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn fee_history_reports_the_constant_base_fee() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    let history = provider
        .get_fee_history(4, BlockNumberOrTag::Latest, &[25.0, 75.0])
        .await
        .unwrap();

    assert_eq!(history.oldest_block, 0);
    assert_eq!(history.base_fee_per_gas, vec![100_000_000, 100_000_000]);
    assert_eq!(history.reward, Some(vec![vec![0, 0]]));
}

#[tokio::test]
async fn fee_history_rejects_descending_percentiles() {
    let node = spawn().await;
    let answer = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"eth_feeHistory","params":["0x1","latest",[90,10]]}"#,
    )
    .await;
    assert_eq!(answer["error"]["code"], -32602);
}

#[tokio::test]
async fn malformed_json_gets_a_parse_error_and_the_node_keeps_serving() {
    let node = spawn().await;

    let answer = post_raw(&node.endpoint(), r#"{"jsonrpc":"2.0","id":1,"method":"#).await;
    assert_eq!(answer["error"]["code"], -32700);

    let provider = plain(&node.endpoint());
    assert_eq!(provider.get_chain_id().await.unwrap(), 412_346);
}

#[tokio::test]
async fn unknown_methods_and_bad_params_get_json_rpc_errors() {
    let node = spawn().await;
    let endpoint = node.endpoint();

    let unknown = post_raw(
        &endpoint,
        r#"{"jsonrpc":"2.0","id":1,"method":"eth_mystery"}"#,
    )
    .await;
    assert_eq!(unknown["error"]["code"], -32601);

    let bad_address = post_raw(
        &endpoint,
        r#"{"jsonrpc":"2.0","id":2,"method":"eth_getBalance","params":["0x1234","latest"]}"#,
    )
    .await;
    assert_eq!(bad_address["error"]["code"], -32602);

    let missing = post_raw(
        &endpoint,
        r#"{"jsonrpc":"2.0","id":3,"method":"eth_getCode"}"#,
    )
    .await;
    assert_eq!(missing["error"]["code"], -32602);
}

#[tokio::test]
async fn batches_are_answered_per_request() {
    let node = spawn().await;
    let answer = post_raw(
        &node.endpoint(),
        r#"[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},
            {"jsonrpc":"2.0","id":2,"method":"eth_nope"}]"#,
    )
    .await;
    let answers = answer.as_array().expect("a batch answer");
    let by_id = |id: u64| {
        answers
            .iter()
            .find(|a| a["id"] == id)
            .expect("answer per id")
    };
    assert_eq!(by_id(1)["result"], "0x64aba");
    assert_eq!(by_id(2)["error"]["code"], -32601);
}

#[tokio::test]
async fn past_blocks_answer_and_future_blocks_are_refused_with_a_clear_error() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    provider.evm_mine(None).await.unwrap();

    let answer = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"eth_getBalance",
            "params":["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","0x0"]}"#,
    )
    .await;
    // 10,000 ETH, the dev accounts' genesis balance.
    assert_eq!(answer["result"], "0x21e19e0c9bab2400000", "{answer}");

    let future = post_raw(
        &node.endpoint(),
        r#"{"jsonrpc":"2.0","id":1,"method":"eth_getBalance",
            "params":["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","0x99"]}"#,
    )
    .await;
    assert!(
        future["error"]["message"]
            .as_str()
            .unwrap()
            .contains("header not found")
    );
}

#[tokio::test]
async fn browser_origins_may_call_the_node() {
    let node = spawn().await;
    let preflight = alloy::transports::http::reqwest::Client::new()
        .request(
            alloy::transports::http::reqwest::Method::OPTIONS,
            node.endpoint(),
        )
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();

    assert!(preflight.status().is_success());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}
