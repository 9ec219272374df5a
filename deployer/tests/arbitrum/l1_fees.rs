//! Gas limits from NodeInterface cover the L1 data gas a transaction pays on Arbitrum.

use alloy::{
    network::TransactionBuilder, primitives::Bytes, providers::Provider,
    rpc::types::TransactionRequest,
};
use deployer::{chain::Wallet, fees, stylus};

use super::support::{data_program, noise};

/// 50 gwei: L1 data costs 500 times the devnet's L2 base fee per gas unit.
const HIGH_L1_BASE_FEE: u64 = 50_000_000_000;

async fn expensive_l1_devnet() -> (devnet::DevnetHandle, Wallet) {
    let node = devnet::Devnet::spawn(devnet::Config {
        l1_base_fee: HIGH_L1_BASE_FEE,
        ..devnet::Config::ephemeral()
    })
    .await
    .unwrap();
    let wallet =
        Wallet::with_signer(&node.endpoint(), node.accounts().signers()[0].clone()).unwrap();
    (node, wallet)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transaction_sent_with_exactly_the_estimate_pays_its_l1_data_and_succeeds() {
    // Given a chain where L1 data is expensive, and a creation carrying 12 KB of code
    let (_node, wallet) = expensive_l1_devnet().await;
    let code = stylus::program_code(&data_program(&noise(12_000)));
    let tx = TransactionRequest::default()
        .with_from(wallet.address())
        .with_deploy_code(Bytes::from(stylus::deploy_initcode(&code)));

    // When it is estimated through NodeInterface
    let estimate = fees::estimate(wallet.provider(), &tx).await.unwrap();

    // Then most of its gas is L1 data
    assert!(estimate.l1 > estimate.l2(), "{estimate:?}");
    // And sent with exactly that gas limit, it succeeds
    let sent = wallet
        .send_tx(tx.with_gas_limit(estimate.total), "create")
        .await
        .unwrap();
    assert!(
        sent.gas_used <= estimate.total,
        "used {} > {estimate:?}",
        sent.gas_used
    );
    // Where the L2 part alone would not have covered what it used
    assert!(
        sent.gas_used > estimate.l2(),
        "used {}, {estimate:?}",
        sent.gas_used
    );
    let receipt: serde_json::Value = wallet
        .provider()
        .raw_request("eth_getTransactionReceipt".into(), (sent.hash,))
        .await
        .unwrap();
    let l1_hex = receipt["gasUsedForL1"]
        .as_str()
        .expect("gasUsedForL1 in the receipt");
    let l1_used = u64::from_str_radix(l1_hex.trim_start_matches("0x"), 16).unwrap();
    eprintln!(
        "12 KB creation at 50 gwei L1: estimate {} (L1 {}), used {} (L1 {l1_used})",
        estimate.total, estimate.l1, sent.gas_used
    );
    assert!(estimate.l1 >= l1_used);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stylus_deploy_through_the_factory_succeeds_when_l1_data_is_expensive() {
    let (_node, wallet) = expensive_l1_devnet().await;
    let data = noise(8_000);

    let deployed = stylus::deploy(&wallet, &data_program(&data), &[], "deploy the fixture")
        .await
        .unwrap();

    assert_eq!(
        super::support::call_with_len(&wallet, deployed.address, 9).await,
        [data[9]]
    );
}
