//! Node-side signing with the dev keys: `eth_sign`, `personal_sign`,
//! `eth_signTypedData_v4`, `eth_signTransaction`. Impersonated accounts have no key.

use crate::support::{dev_key, plain, rpc, rpc_ok, spawn};
use alloy::consensus::TxEnvelope;
use alloy::consensus::transaction::SignerRecoverable;
use alloy::dyn_abi::TypedData;
use alloy::eips::eip2718::Decodable2718;
use alloy::primitives::{Address, Bytes, Signature, U256};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;
use serde_json::json;

fn signature(value: &serde_json::Value) -> Signature {
    let bytes: Bytes = serde_json::from_value(value.clone()).expect("hex bytes");
    Signature::try_from(bytes.as_ref()).expect("65-byte signature")
}

#[tokio::test]
async fn eth_sign_and_personal_sign_sign_the_eip191_message() {
    let node = spawn().await;
    let account = dev_key(&node, 1).address();
    let message = b"hello devnet";
    let hex = alloy::primitives::hex::encode_prefixed(message);

    let signed = rpc_ok(&node.endpoint(), "eth_sign", json!([account, hex])).await;
    let recovered = signature(&signed)
        .recover_address_from_msg(message)
        .expect("recoverable");
    assert_eq!(recovered, account);
    let personal = rpc_ok(&node.endpoint(), "personal_sign", json!([hex, account])).await;
    assert_eq!(personal, signed, "same signature, arguments swapped");
}

#[tokio::test]
async fn typed_data_v4_is_signed_over_its_eip712_hash() {
    let node = spawn().await;
    let account = dev_key(&node, 0).address();
    let typed = json!({
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "chainId", "type": "uint256"}
            ],
            "Mail": [
                {"name": "to", "type": "address"},
                {"name": "contents", "type": "string"}
            ]
        },
        "primaryType": "Mail",
        "domain": {"name": "Devnet", "chainId": 412346},
        "message": {"to": "0x00000000000000000000000000000000000000aa", "contents": "gm"}
    });

    let signed = rpc_ok(
        &node.endpoint(),
        "eth_signTypedData_v4",
        json!([account, typed]),
    )
    .await;

    let hash = serde_json::from_value::<TypedData>(typed)
        .unwrap()
        .eip712_signing_hash()
        .unwrap();
    assert_eq!(
        signature(&signed)
            .recover_address_from_prehash(&hash)
            .unwrap(),
        account
    );
}

#[tokio::test]
async fn a_signed_transaction_is_returned_unsent_and_can_be_sent_raw() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let account = dev_key(&node, 2).address();
    let request = json!({
        "from": account,
        "to": "0x00000000000000000000000000000000000000bb",
        "value": "0x2a",
        "gasPrice": "0x3b9aca00",
    });

    let raw = rpc_ok(&node.endpoint(), "eth_signTransaction", json!([request])).await;
    let raw: Bytes = serde_json::from_value(raw).unwrap();
    let tx = TxEnvelope::decode_2718_exact(&raw).expect("a signed transaction");
    assert_eq!(tx.recover_signer().unwrap(), account);
    assert_eq!(provider.get_block_number().await.unwrap(), 0, "not sent");

    let pending = provider.send_raw_transaction(&raw).await.expect("sendable");
    let receipt = provider
        .get_transaction_receipt(*pending.tx_hash())
        .await
        .unwrap()
        .expect("mined");
    assert!(receipt.status());
    assert_eq!(
        provider
            .get_balance(
                "0x00000000000000000000000000000000000000bb"
                    .parse()
                    .unwrap()
            )
            .await
            .unwrap(),
        U256::from(42)
    );
}

#[tokio::test]
async fn accounts_without_a_key_cannot_sign() {
    let node = spawn().await;
    let provider = plain(&node.endpoint());
    let impersonated = Address::repeat_byte(0xaa);
    provider
        .anvil_impersonate_account(impersonated)
        .await
        .unwrap();

    for (method, params) in [
        ("eth_sign", json!([impersonated, "0x68656c6c6f"])),
        (
            "personal_sign",
            json!(["0x68656c6c6f", Address::repeat_byte(0xcc)]),
        ),
        (
            "eth_signTransaction",
            json!([{"from": impersonated, "to": impersonated, "gas": "0x5208", "gasPrice": "0x1"}]),
        ),
    ] {
        let answer = rpc(&node.endpoint(), method, params).await;
        assert_eq!(answer["error"]["code"], -32602, "{method}: {answer}");
        assert_eq!(answer["error"]["message"], "No Signer available");
    }
}
