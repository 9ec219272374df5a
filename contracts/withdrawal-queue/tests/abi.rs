//! The checked-in Solidity interface must be what the Rust code exports.

use stylus_sdk::abi::GenerateAbi;

struct Interface;

impl core::fmt::Display for Interface {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        withdrawal_queue::WithdrawalQueue::fmt_abi(f)
    }
}

#[test]
fn checked_in_iwithdrawalqueue_sol_matches_the_exported_abi() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/IWithdrawalQueue.sol");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let exported = Interface.to_string();
    assert!(
        checked_in.ends_with(&exported) && checked_in.contains("SPDX-License-Identifier"),
        "contracts/withdrawal-queue/IWithdrawalQueue.sol is stale; regenerate it with\n  \
         cargo run -p withdrawal-queue --features export-abi --bin withdrawal-queue-abi > contracts/withdrawal-queue/IWithdrawalQueue.sol"
    );
}

#[test]
fn every_event_the_queue_declares_decodes_as_alloy_from_the_lean_encoding() {
    use lrt_common::abi::{check_event, declared_events};
    use stylus_sdk::alloy_primitives::{Address, U256};
    use withdrawal_queue::events::*;
    let (a, b, c) = (
        Address::repeat_byte(1),
        Address::repeat_byte(2),
        Address::repeat_byte(3),
    );
    let (x, y) = (U256::from(123_456_789u64), U256::MAX);
    let mut checked = vec![
        check_event(RedeemRequest {
            controller: a,
            owner: b,
            requestId: x,
            sender: c,
            shares: y,
        }),
        check_event(OperatorSet {
            controller: a,
            operator: b,
            approved: true,
        }),
        check_event(RedeemClaimed {
            requestId: x,
            controller: a,
            receiver: b,
            shares: x,
            assets: y,
        }),
        check_event(WithdrawalDelaySet { delay: 86_400 }),
        check_event(WithdrawalDelayScheduled {
            delay: 3_600,
            effectiveAt: 1_700_000_000,
        }),
    ];
    checked.sort();
    assert_eq!(checked, declared_events(include_str!("../src/events.rs")));
}
