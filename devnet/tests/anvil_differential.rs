//! The same Solidity workload on this devnet and on a real Anvil must produce the same
//! receipts (status, gas, logs, created addresses), return values, revert data and storage.

use crate::support::{Anvil, Workload, mined, spawn, wallet, workload_bytecode};
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, Bytes, U256, address, keccak256};
use alloy::providers::{DynProvider, Provider};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use alloy::sol_types::{SolCall, SolConstructor};

const ALICE: Address = address!("00000000000000000000000000000000000a11ce");
const BOB: Address = address!("0000000000000000000000000000000000000b0b");

/// What one chain answered to the workload, in comparable form.
#[derive(Debug, PartialEq)]
struct Outcome {
    receipts: Vec<ReceiptFacts>,
    calls: Vec<Result<Bytes, (i64, Option<String>)>>,
    storage: Vec<U256>,
}

#[derive(Debug, PartialEq)]
struct ReceiptFacts {
    status: bool,
    gas_used: u64,
    contract_address: Option<Address>,
    logs: Vec<(Address, Vec<alloy::primitives::B256>, Bytes, Option<u64>)>,
    logs_bloom: alloy::primitives::Bloom,
}

impl From<TransactionReceipt> for ReceiptFacts {
    fn from(receipt: TransactionReceipt) -> Self {
        Self {
            status: receipt.status(),
            gas_used: receipt.gas_used,
            contract_address: receipt.contract_address,
            logs: receipt
                .inner
                .logs()
                .iter()
                .map(|l| {
                    (
                        l.address(),
                        l.topics().to_vec(),
                        l.data().data.clone(),
                        l.log_index,
                    )
                })
                .collect(),
            logs_bloom: *receipt.inner.logs_bloom(),
        }
    }
}

fn to(contract: Address, data: impl SolCall) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(contract)
        .with_input(data.abi_encode())
}

async fn run_workload(provider: &DynProvider) -> Outcome {
    let mut code = workload_bytecode().to_vec();
    code.extend(
        Workload::constructorCall {
            start: U256::from(5),
        }
        .abi_encode(),
    );
    let deploy = mined(
        provider,
        TransactionRequest::default().with_deploy_code(code),
    )
    .await;
    let contract = deploy.contract_address.expect("deployed");
    let mut receipts = vec![ReceiptFacts::from(deploy)];

    let gas = 300_000;
    let steps = [
        to(contract, Workload::incrementCall {}),
        to(
            contract,
            Workload::creditCall {
                to: ALICE,
                amount: U256::from(10),
            },
        ),
        to(
            contract,
            Workload::creditCall {
                to: BOB,
                amount: U256::from(5_000),
            },
        )
        .with_gas_limit(gas),
        to(
            contract,
            Workload::failCall {
                reason: "boom".into(),
            },
        )
        .with_gas_limit(gas),
        to(
            contract,
            Workload::burnCall {
                rounds: U256::from(12),
            },
        ),
        to(contract, Workload::incrementCall {}),
    ];
    for step in steps {
        receipts.push(mined(provider, step).await.into());
    }

    let mut calls = Vec::new();
    for call in [
        to(contract, Workload::countCall {}),
        to(contract, Workload::creditsCall(ALICE)),
        to(contract, Workload::incrementCall {}),
        to(
            contract,
            Workload::creditCall {
                to: BOB,
                amount: U256::from(5_000),
            },
        ),
        to(
            contract,
            Workload::failCall {
                reason: "boom".into(),
            },
        ),
    ] {
        let answer = provider.call(call).await.map_err(|e| {
            let payload = e.as_error_resp().expect("an RPC error");
            (
                payload.code,
                payload.as_revert_data().map(|d| d.to_string()),
            )
        });
        calls.push(answer);
    }

    let alice_slot = keccak256(
        [
            ALICE.into_word().0,
            alloy::primitives::B256::from(U256::from(1)).0,
        ]
        .concat(),
    );
    let sink_slot = keccak256(
        [
            Address::with_last_byte(12).into_word().0,
            alloy::primitives::B256::from(U256::from(1)).0,
        ]
        .concat(),
    );
    let mut storage = Vec::new();
    for slot in [
        U256::ZERO,
        U256::from_be_bytes(alice_slot.0),
        U256::from_be_bytes(sink_slot.0),
    ] {
        storage.push(provider.get_storage_at(contract, slot).await.unwrap());
    }
    Outcome {
        receipts,
        calls,
        storage,
    }
}

#[tokio::test]
async fn the_solidity_workload_matches_anvil() {
    let Some(anvil) = Anvil::start().await else {
        eprintln!("SKIPPED: node_modules/.bin/anvil is not installed (run scripts/setup.sh)");
        return;
    };
    let node = spawn().await;
    let key = node.accounts().signers()[0].clone();

    let ours = run_workload(&wallet(&node.endpoint(), key.clone())).await;
    let theirs = run_workload(&wallet(anvil.endpoint(), key)).await;

    assert_eq!(ours.receipts.len(), 7);
    assert_eq!(
        ours.receipts.iter().map(|r| r.status).collect::<Vec<_>>(),
        [true, true, true, false, false, true, true],
        "the workload has two mined reverts"
    );
    for (i, (a, b)) in ours.receipts.iter().zip(&theirs.receipts).enumerate() {
        assert_eq!(a, b, "receipt of step {i}");
    }
    assert_eq!(ours.calls, theirs.calls);
    assert_eq!(ours.storage, theirs.storage);
    assert_eq!(ours.storage[0], U256::from(7));
}
