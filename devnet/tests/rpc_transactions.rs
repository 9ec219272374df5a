//! Sending transactions: the three signed types, dev-account and impersonated sends, and
//! every way a transaction can be refused without changing the chain.

use crate::support::{dev_key, plain, rpc_error_code, spawn};
use alloy::consensus::{Signed, TxEnvelope, TxLegacy};
use alloy::eips::eip2718::Encodable2718;
use alloy::eips::eip2930::{AccessList, AccessListItem};
use alloy::network::{EthereumWallet, NetworkTransactionBuilder, TransactionBuilder};
use alloy::primitives::{Address, B256, Bytes, Signature, TxKind, U256, address};
use alloy::providers::ext::AnvilApi;
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use devnet::DevnetHandle;

const RECIPIENT: Address = address!("00000000000000000000000000000000000000aa");
const GWEI: u128 = 1_000_000_000;

fn transfer(node: &DevnetHandle, nonce: u64) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(RECIPIENT)
        .with_value(U256::from(1_000))
        .with_nonce(nonce)
        .with_chain_id(node.chain_id())
        .with_gas_limit(21_000)
}

fn legacy(request: TransactionRequest) -> TransactionRequest {
    request.with_gas_price(GWEI)
}

fn eip1559(request: TransactionRequest) -> TransactionRequest {
    request
        .with_max_fee_per_gas(2 * GWEI)
        .with_max_priority_fee_per_gas(GWEI / 10)
}

async fn sign(signer: &PrivateKeySigner, request: TransactionRequest) -> Bytes {
    let wallet = EthereumWallet::from(signer.clone());
    let envelope: TxEnvelope = request
        .build(&wallet)
        .await
        .expect("complete request signs");
    envelope.encoded_2718().into()
}

/// Sends raw and expects a refusal; returns (code, message) and checks nothing changed.
async fn refused(provider: &DynProvider, raw: Bytes, sender: Address) -> (i64, String) {
    let height = provider.get_block_number().await.unwrap();
    let nonce = provider.get_transaction_count(sender).await.unwrap();
    let balance = provider.get_balance(sender).await.unwrap();

    let error = rpc_error_code(
        provider
            .send_raw_transaction(&raw)
            .await
            .map(|p| *p.tx_hash()),
    );

    assert_eq!(
        provider.get_block_number().await.unwrap(),
        height,
        "no block mined"
    );
    assert_eq!(
        provider.get_transaction_count(sender).await.unwrap(),
        nonce,
        "nonce unchanged"
    );
    assert_eq!(
        provider.get_balance(sender).await.unwrap(),
        balance,
        "balance unchanged"
    );
    error
}

#[tokio::test]
async fn legacy_access_list_and_eip1559_transfers_are_each_mined_in_their_own_block() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);
    let start = provider.get_balance(sender.address()).await.unwrap();

    let access_list = AccessList(vec![AccessListItem {
        address: RECIPIENT,
        storage_keys: vec![B256::ZERO],
    }]);
    let requests = [
        legacy(transfer(&node, 0)),
        legacy(transfer(&node, 1))
            .with_access_list(access_list)
            .with_gas_limit(30_000),
        eip1559(transfer(&node, 2)),
    ];
    let mut paid = U256::ZERO;
    for (i, request) in requests.into_iter().enumerate() {
        let hash = *provider
            .send_raw_transaction(&sign(&sender, request).await)
            .await
            .unwrap()
            .tx_hash();
        let receipt = provider
            .get_transaction_receipt(hash)
            .await
            .unwrap()
            .unwrap();
        assert!(receipt.status());
        assert_eq!(receipt.block_number, Some(i as u64 + 1));
        assert_eq!(receipt.transaction_index, Some(0));
        assert_eq!(receipt.from, sender.address());
        assert_eq!(receipt.to, Some(RECIPIENT));
        assert_eq!(
            receipt.inner.tx_type() as u8,
            i as u8,
            "type of transaction {i}"
        );
        let expected_price = if i < 2 { GWEI } else { 100_000_000 + GWEI / 10 };
        assert_eq!(receipt.effective_gas_price, expected_price);
        paid += U256::from(receipt.gas_used) * U256::from(receipt.effective_gas_price);
        paid += U256::from(1_000);

        let tx = provider
            .get_transaction_by_hash(hash)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tx.inner.signer(), sender.address());
        assert_eq!(tx.block_number, Some(i as u64 + 1));
    }
    assert_eq!(
        provider.get_balance(RECIPIENT).await.unwrap(),
        U256::from(3_000)
    );
    assert_eq!(
        provider.get_balance(sender.address()).await.unwrap(),
        start - paid
    );
    assert_eq!(
        provider
            .get_transaction_count(sender.address())
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn a_replayed_transaction_is_already_known() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);
    let raw = sign(&sender, eip1559(transfer(&node, 0))).await;
    let _accepted = provider.send_raw_transaction(&raw).await.unwrap();

    let (code, message) = refused(&provider, raw, sender.address()).await;
    assert_eq!(code, -32000);
    assert!(message.contains("already known"), "{message}");
}

#[tokio::test]
async fn a_nonce_below_the_accounts_is_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);
    let first = sign(&sender, eip1559(transfer(&node, 0))).await;
    let _accepted = provider.send_raw_transaction(&first).await.unwrap();

    let stale = eip1559(transfer(&node, 0)).with_value(U256::from(5));
    let (code, message) = refused(&provider, sign(&sender, stale).await, sender.address()).await;
    assert_eq!(code, -32000);
    assert!(message.starts_with("nonce too low"), "{message}");
}

#[tokio::test]
async fn a_nonce_gap_is_refused_rather_than_queued() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);

    let gapped = sign(&sender, eip1559(transfer(&node, 5))).await;
    let (code, message) = refused(&provider, gapped, sender.address()).await;
    assert_eq!(code, -32000);
    assert!(message.starts_with("nonce too high"), "{message}");
    assert!(message.contains("does not queue"), "{message}");
}

#[tokio::test]
async fn a_sender_who_cannot_pay_is_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let pauper = PrivateKeySigner::random();

    let raw = sign(&pauper, eip1559(transfer(&node, 0))).await;
    let (code, message) = refused(&provider, raw, pauper.address()).await;
    assert_eq!(code, -32000);
    assert!(
        message.starts_with("insufficient funds for gas * price + value"),
        "{message}"
    );
}

#[tokio::test]
async fn a_transaction_for_another_chain_is_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);

    let raw = sign(&sender, eip1559(transfer(&node, 0)).with_chain_id(1)).await;
    let (code, message) = refused(&provider, raw, sender.address()).await;
    assert_eq!(code, -32000);
    assert!(message.contains("invalid chain id"), "{message}");
}

#[tokio::test]
async fn gas_limits_above_the_block_or_below_intrinsic_cost_are_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);

    let huge = sign(
        &sender,
        eip1559(transfer(&node, 0)).with_gas_limit(40_000_000),
    )
    .await;
    let (_, message) = refused(&provider, huge, sender.address()).await;
    assert!(message.contains("exceeds block gas limit"), "{message}");

    let tiny = sign(&sender, eip1559(transfer(&node, 0)).with_gas_limit(20_000)).await;
    let (_, message) = refused(&provider, tiny, sender.address()).await;
    assert!(message.starts_with("intrinsic gas too low"), "{message}");
}

#[tokio::test]
async fn a_fee_cap_below_the_base_fee_is_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);

    let cheap = transfer(&node, 0)
        .with_max_fee_per_gas(1_000)
        .with_max_priority_fee_per_gas(0);
    let (_, message) = refused(&provider, sign(&sender, cheap).await, sender.address()).await;
    assert!(message.contains("less than block base fee"), "{message}");
}

#[tokio::test]
async fn undecodable_bytes_and_unrecoverable_signatures_are_refused() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());

    let (code, _) = rpc_error_code(
        provider
            .send_raw_transaction(&[0x02, 0xde, 0xad])
            .await
            .map(|p| *p.tx_hash()),
    );
    assert_eq!(code, -32602);

    let tx = TxLegacy {
        chain_id: Some(node.chain_id()),
        gas_price: GWEI,
        gas_limit: 21_000,
        to: TxKind::Call(RECIPIENT),
        ..TxLegacy::default()
    };
    let forged = Signed::new_unhashed(tx, Signature::new(U256::ZERO, U256::from(1), false));
    let raw = TxEnvelope::from(forged).encoded_2718();
    let (code, message) = rpc_error_code(
        provider
            .send_raw_transaction(&raw)
            .await
            .map(|p| *p.tx_hash()),
    );
    assert_eq!(code, -32000);
    assert!(message.starts_with("invalid sender"), "{message}");
    assert_eq!(provider.get_block_number().await.unwrap(), 0);
}

#[tokio::test]
async fn eth_send_transaction_signs_with_an_unlocked_dev_account() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let from = node.accounts().addresses()[10];

    let request = TransactionRequest::default()
        .with_from(from)
        .with_to(RECIPIENT)
        .with_value(U256::from(7));
    let hash = *provider.send_transaction(request).await.unwrap().tx_hash();

    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.from, from);
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(
        provider.get_balance(RECIPIENT).await.unwrap(),
        U256::from(7)
    );
    let tx = provider
        .get_transaction_by_hash(hash)
        .await
        .unwrap()
        .unwrap();
    let raw = tx.inner.inner().encoded_2718();
    assert_eq!(
        alloy::primitives::keccak256(raw),
        hash,
        "a real signed transaction"
    );
}

#[tokio::test]
async fn eth_send_transaction_needs_a_key_or_an_impersonation() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let stranger = address!("00000000000000000000000000000000000000bb");
    provider
        .anvil_set_balance(stranger, U256::from(10).pow(U256::from(18)))
        .await
        .unwrap();
    let request = TransactionRequest::default()
        .with_from(stranger)
        .with_to(RECIPIENT)
        .with_value(U256::from(3));

    let (code, message) = rpc_error_code(
        provider
            .send_transaction(request.clone())
            .await
            .map(|p| *p.tx_hash()),
    );
    assert_eq!(code, -32000);
    assert!(message.contains("anvil_impersonateAccount"), "{message}");

    provider.anvil_impersonate_account(stranger).await.unwrap();
    let hash = *provider
        .send_transaction(request.clone())
        .await
        .unwrap()
        .tx_hash();
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.from, stranger);
    assert_eq!(
        provider.get_balance(RECIPIENT).await.unwrap(),
        U256::from(3)
    );

    provider
        .anvil_stop_impersonating_account(stranger)
        .await
        .unwrap();
    assert!(provider.send_transaction(request).await.is_err());
}

#[tokio::test]
async fn two_impersonated_senders_with_identical_fields_get_distinct_hashes() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let mut hashes = Vec::new();
    for sender in [
        address!("00000000000000000000000000000000000000c1"),
        address!("00000000000000000000000000000000000000c2"),
    ] {
        provider
            .anvil_set_balance(sender, U256::from(10).pow(U256::from(18)))
            .await
            .unwrap();
        provider.anvil_impersonate_account(sender).await.unwrap();
        let request = TransactionRequest::default()
            .with_from(sender)
            .with_to(RECIPIENT)
            .with_nonce(0)
            .with_gas_limit(21_000)
            .with_max_fee_per_gas(GWEI)
            .with_max_priority_fee_per_gas(0);
        hashes.push(*provider.send_transaction(request).await.unwrap().tx_hash());
    }
    assert_ne!(hashes[0], hashes[1]);
    for hash in hashes {
        assert!(
            provider
                .get_transaction_receipt(hash)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn an_impersonated_contract_sends_as_on_anvil() {
    // Given a contract with a balance, impersonated.
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let contract = address!("00000000000000000000000000000000000000cc");
    provider
        .anvil_set_code(contract, Bytes::from_static(&[0x00]))
        .await
        .unwrap();
    provider
        .anvil_set_balance(contract, U256::from(10).pow(U256::from(18)))
        .await
        .unwrap();
    provider.anvil_impersonate_account(contract).await.unwrap();

    // When it sends with eth_sendTransaction.
    let hash = *provider
        .send_transaction(
            TransactionRequest::default()
                .with_from(contract)
                .with_to(RECIPIENT)
                .with_value(U256::from(9)),
        )
        .await
        .expect("an impersonated contract may send (no EIP-3607 check)")
        .tx_hash();

    // Then it is mined from the contract, as Anvil mines it.
    let receipt = provider
        .get_transaction_receipt(hash)
        .await
        .unwrap()
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.from, contract);
    assert_eq!(
        provider.get_balance(RECIPIENT).await.unwrap(),
        U256::from(9)
    );
    assert_eq!(provider.get_transaction_count(contract).await.unwrap(), 1);
}

#[tokio::test]
async fn a_signed_transaction_from_an_address_with_code_is_refused() {
    // Given a dev account that has code.
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let sender = dev_key(&node, 1);
    provider
        .anvil_set_code(sender.address(), Bytes::from_static(&[0x00]))
        .await
        .unwrap();

    // When it sends a signed transaction, then EIP-3607 refuses it: only impersonated
    // sends skip that check.
    let raw = sign(&sender, eip1559(transfer(&node, 0))).await;
    let (code, message) = refused(&provider, raw, sender.address()).await;
    assert_eq!(code, -32000);
    assert_eq!(message, "sender not an eoa");
}
