//! `eth_getProof`: real Merkle-Patricia proofs against the block's state root, and the
//! `cast` commands built on it (`proof`, `codehash`, `storage-root`).

use crate::support::{
    Workload, cast, deploy_workload, dev_key, foundry_tool, mined, plain, spawn, wallet,
};
use alloy::consensus::{EMPTY_ROOT_HASH, TrieAccount};
use alloy::eips::BlockNumberOrTag;
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, B256, KECCAK256_EMPTY, U256, address, keccak256};
use alloy::providers::Provider;
use alloy::rpc::types::TransactionRequest;
use alloy::sol_types::SolCall;
use alloy::trie::Nibbles;
use alloy::trie::proof::verify_proof;

#[tokio::test]
async fn account_and_storage_proofs_verify_against_the_state_root() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let contract = deploy_workload(&provider, 7).await;
    let credit = TransactionRequest::default().with_to(contract).with_input(
        Workload::creditCall {
            to: Address::repeat_byte(0x11),
            amount: U256::from(500),
        }
        .abi_encode(),
    );
    assert!(mined(&provider, credit).await.status());

    let block = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .unwrap()
        .unwrap();
    let root = block.header.state_root;
    let slots = [B256::ZERO, B256::with_last_byte(9)];
    let proof = provider
        .get_proof(contract, slots.to_vec())
        .await
        .expect("eth_getProof answers");

    // The account proof proves exactly the account the response describes.
    let account = TrieAccount {
        nonce: proof.nonce,
        balance: proof.balance,
        storage_root: proof.storage_hash,
        code_hash: proof.code_hash,
    };
    verify_proof(
        root,
        Nibbles::unpack(keccak256(contract)),
        Some(alloy::rlp::encode(account)),
        &proof.account_proof,
    )
    .expect("the account proof verifies against the block's state root");
    let code = provider.get_code_at(contract).await.unwrap();
    assert_eq!(proof.code_hash, keccak256(&code));
    assert_eq!(proof.nonce, 1, "a contract starts at nonce 1");

    // Slot 0 (count = 7) is present; slot 9 is proven absent.
    assert_eq!(proof.storage_proof[0].value, U256::from(7));
    assert_eq!(proof.storage_proof[1].value, U256::ZERO);
    for entry in &proof.storage_proof {
        let key = entry.key.as_b256();
        let expected = (!entry.value.is_zero()).then(|| alloy::rlp::encode(entry.value));
        verify_proof(
            proof.storage_hash,
            Nibbles::unpack(keccak256(key)),
            expected,
            &entry.proof,
        )
        .unwrap_or_else(|e| panic!("storage proof of {key}: {e}"));
    }
}

#[tokio::test]
async fn a_missing_account_is_proven_absent_with_empty_hashes() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let nobody = address!("00000000000000000000000000000000000b0d1e");
    let root = provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await
        .unwrap()
        .unwrap()
        .header
        .state_root;

    let proof = provider.get_proof(nobody, Vec::new()).await.unwrap();

    assert_eq!(proof.code_hash, KECCAK256_EMPTY);
    assert_eq!(proof.storage_hash, EMPTY_ROOT_HASH);
    assert_eq!(proof.balance, U256::ZERO);
    verify_proof(
        root,
        Nibbles::unpack(keccak256(nobody)),
        None,
        &proof.account_proof,
    )
    .expect("the proof shows the account is absent");
}

#[tokio::test]
async fn a_past_blocks_proof_verifies_against_that_blocks_root() {
    let node = spawn().await;
    let provider = wallet(&node.endpoint(), dev_key(&node, 0));
    let recipient = address!("00000000000000000000000000000000000000e1");
    let send = |value: u64| {
        TransactionRequest::default()
            .with_to(recipient)
            .with_value(U256::from(value))
    };
    let first = mined(&provider, send(5)).await;
    mined(&provider, send(6)).await;
    let then = first.block_number.unwrap();
    let root = provider
        .get_block_by_number(BlockNumberOrTag::Number(then))
        .await
        .unwrap()
        .unwrap()
        .header
        .state_root;

    let proof = provider
        .get_proof(recipient, Vec::new())
        .number(then)
        .await
        .unwrap();

    assert_eq!(proof.balance, U256::from(5));
    let account = TrieAccount {
        nonce: 0,
        balance: U256::from(5),
        storage_root: EMPTY_ROOT_HASH,
        code_hash: KECCAK256_EMPTY,
    };
    verify_proof(
        root,
        Nibbles::unpack(keccak256(recipient)),
        Some(alloy::rlp::encode(account)),
        &proof.account_proof,
    )
    .expect("verifies against the root of the block asked for");
}

#[tokio::test]
async fn cast_proof_codehash_and_storage_root_work() {
    let Some(binary) = foundry_tool("cast") else {
        eprintln!("SKIPPED: cast is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let endpoint = node.endpoint();
    let provider = wallet(&endpoint, dev_key(&node, 0));
    let contract = deploy_workload(&provider, 3).await;
    let expected = provider
        .get_proof(contract, Vec::new())
        .await
        .expect("eth_getProof answers");

    let (ok, codehash, stderr) =
        cast(&binary, &endpoint, &["codehash", &contract.to_string()]).await;
    assert!(ok, "cast codehash failed: {stderr}");
    assert_eq!(codehash, expected.code_hash.to_string());

    let (ok, storage_root, stderr) =
        cast(&binary, &endpoint, &["storage-root", &contract.to_string()]).await;
    assert!(ok, "cast storage-root failed: {stderr}");
    assert_eq!(storage_root, expected.storage_hash.to_string());
    assert_ne!(expected.storage_hash, EMPTY_ROOT_HASH);

    let (ok, proof, stderr) =
        cast(&binary, &endpoint, &["proof", &contract.to_string(), "0"]).await;
    assert!(ok, "cast proof failed: {stderr}");
    let proof: serde_json::Value = serde_json::from_str(&proof).expect("cast prints JSON");
    assert_eq!(proof["storageHash"], expected.storage_hash.to_string());
    assert_eq!(
        proof["storageProof"][0]["value"], "0x3",
        "slot 0 holds the count: {proof}"
    );
}
