//! The checked-in Solidity interface must be what the Rust code exports.

use stylus_sdk::abi::GenerateAbi;

struct Interface;

impl core::fmt::Display for Interface {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        hub::Hub::fmt_abi(f)
    }
}

#[test]
fn checked_in_ihub_sol_matches_the_exported_abi() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/IHub.sol");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let exported = Interface.to_string();
    assert!(
        checked_in.ends_with(&exported) && checked_in.contains("SPDX-License-Identifier"),
        "contracts/hub/IHub.sol is stale; regenerate it with\n  \
         cargo run -p hub --features export-abi --bin hub-abi > contracts/hub/IHub.sol"
    );
}

#[test]
fn every_event_the_hub_declares_decodes_as_alloy_from_the_lean_encoding() {
    use hub::events::*;
    use lrt_common::abi::{check_event, declared_events};
    use stylus_sdk::alloy_primitives::{Address, Bytes, B256, U256};
    let (a, b, c) = (
        Address::repeat_byte(1),
        Address::repeat_byte(2),
        Address::repeat_byte(3),
    );
    let (x, id) = (U256::from(123_456_789u64), B256::repeat_byte(9));
    let uri = || "ipfs://some-metadata-uri-longer-than-a-word".to_string();
    let mut checked = vec![
        check_event(VaultRegistered { vault: a }),
        check_event(OperatorRegistered {
            operator: a,
            metadataUri: uri(),
        }),
        check_event(OperatorMetadataUpdated {
            operator: a,
            metadataUri: String::new(),
        }),
        check_event(AvsConfigured {
            avs: a,
            metadataUri: uri(),
            slasher: b,
            recipient: c,
            allowlistOnly: true,
        }),
        check_event(AvsAllowlistSet {
            avs: a,
            operator: b,
            allowed: true,
        }),
        check_event(SlashCapSet {
            avs: a,
            maxFractionPerDayWad: x,
        }),
        check_event(SlashSinkSet { sink: a }),
        check_event(AvsApprovalSet {
            vault: a,
            avs: b,
            maxFractionWad: x,
            redistribute: true,
            effectiveAt: 7,
        }),
        check_event(OptInRequested {
            operator: a,
            avs: b,
        }),
        check_event(OperatorJoined {
            operator: a,
            avs: b,
        }),
        check_event(OperatorExited {
            operator: a,
            avs: b,
            ejected: true,
            slashableUntil: 9,
        }),
        check_event(DelegationSet {
            vault: a,
            operator: b,
            fractionWad: x,
            effectiveAt: 5,
        }),
        check_event(AllocationSet {
            operator: a,
            avs: b,
            fractionWad: x,
            effectiveAt: 5,
        }),
        check_event(OperatorSlashed {
            avs: a,
            operator: b,
            slashId: id,
            fractionWad: x,
            totalAssets: U256::MAX,
        }),
        check_event(VaultSlashed {
            slashId: id,
            vault: a,
            operator: b,
            assets: x,
            recipient: c,
        }),
        check_event(VaultSlashFailed {
            slashId: id,
            vault: a,
            reason: Bytes::from(vec![0xde, 0xad, 0xbe, 0xef]),
            assets: x,
        }),
        check_event(DeallocationDelaySet {
            delay: 1,
            effectiveAt: 2,
        }),
        check_event(AllocationDelaySet {
            delay: 3,
            effectiveAt: 4,
        }),
    ];
    checked.sort();
    assert_eq!(checked, declared_events(include_str!("../src/events.rs")));
}
