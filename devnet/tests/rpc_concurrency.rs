//! Reads never wait behind a long execution: while a 30M-gas Stylus loop runs (as an
//! `eth_call` or as a transaction), the node answers reads from the last committed block.

use std::time::{Duration, Instant};

use crate::stylus_support::wat;
use crate::support::{deploy_stylus, dev_key, plain, spawn, wallet};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, U256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;

/// A Stylus program that loops until its gas runs out.
const INFINITE_LOOP: &str = r#"
(module
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (loop $forever (br $forever))
    (i32.const 0)))
"#;

const HEAVY_GAS: u64 = 30_000_000;

async fn deploy_loop(provider: &DynProvider) -> Address {
    deploy_stylus(provider, &wat(INFINITE_LOOP)).await
}

#[tokio::test]
async fn reads_answer_while_a_heavy_call_runs() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let program = deploy_loop(&provider).await;
    let height = provider.get_block_number().await.unwrap();

    // Given an eth_call that burns 30M gas in a Stylus loop.
    let heavy_provider = plain(&endpoint);
    let started = Instant::now();
    let heavy = tokio::spawn(async move {
        let call = TransactionRequest::default()
            .with_to(program)
            .with_gas_limit(HEAVY_GAS);
        let _ = heavy_provider.call(call).await;
        started.elapsed()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;

    // When reads arrive meanwhile, then they are answered before the call ends.
    let reader = plain(&endpoint);
    let reads = Instant::now();
    assert_eq!(reader.get_block_number().await.unwrap(), height);
    let balance = reader
        .get_balance(dev_key(&node, 1).address())
        .await
        .unwrap();
    assert_eq!(balance, U256::from(10u128.pow(22)));
    let code = reader.get_code_at(program).await.unwrap();
    assert!(!code.is_empty());
    let read_time = reads.elapsed();
    assert!(
        !heavy.is_finished(),
        "the heavy call should still be running after the reads ({read_time:?})"
    );
    let heavy_time = heavy.await.unwrap();
    assert!(
        read_time < heavy_time,
        "reads took {read_time:?}, the heavy call {heavy_time:?}"
    );
}

#[tokio::test]
async fn reads_see_the_last_committed_block_while_a_transaction_runs() {
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let program = deploy_loop(&provider).await;
    let height = provider.get_block_number().await.unwrap();
    let sender = dev_key(&node, 2).address();
    let balance_before = provider.get_balance(sender).await.unwrap();

    // Given a transaction that runs the loop until its 30M gas are gone.
    let sending = plain(&endpoint);
    let heavy = tokio::spawn(async move {
        let tx = TransactionRequest::default()
            .with_from(sender)
            .with_to(program)
            .with_gas_limit(HEAVY_GAS);
        let pending = sending.send_transaction(tx).await.expect("accepted");
        *pending.tx_hash()
    });
    tokio::time::sleep(Duration::from_millis(200)).await;

    // When reading meanwhile, then the answers are those of the block before it.
    let reader = plain(&endpoint);
    assert_eq!(reader.get_block_number().await.unwrap(), height);
    assert_eq!(reader.get_balance(sender).await.unwrap(), balance_before);
    assert!(
        !heavy.is_finished(),
        "the transaction should still be executing after the reads"
    );

    // And once it is mined, the next block carries it, out of gas.
    let hash = heavy.await.unwrap();
    let receipt = reader
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .expect("mined");
    assert!(!receipt.status());
    assert_eq!(receipt.gas_used, HEAVY_GAS);
    assert_eq!(reader.get_block_number().await.unwrap(), height + 1);
    assert!(reader.get_balance(sender).await.unwrap() < balance_before);
}
