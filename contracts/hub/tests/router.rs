//! On chain every call, the constructor included, reaches the hub through its hand-written router;
//! these scenarios send the same alloy-encoded calldata through it and through the SDK's
//! generated router (which `export-abi` describes) and expect identical answers and logs.

use crate::support::*;
use alloy_sol_types::{sol, SolCall};
use hub::router::{route, SELECTORS};
use stylus_sdk::alloy_primitives::{Address, U256};

sol!("IHub.sol");

/// Runs `calls` (sender, calldata) on two identical worlds, one per router, and compares
/// every answer and the logs each call leaves.
fn assert_routers_agree(calls: &[(Address, Vec<u8>)]) {
    let mut hand = World::with_stake();
    let mut sdk = World::with_stake();
    for (sender, calldata) in calls {
        hand.by(*sender);
        sdk.by(*sender);
        let by_hand = hand.chain.transact(|| route(&mut hand.hub, calldata));
        let by_sdk = sdk
            .chain
            .transact(|| lrt_common::router::sdk_route(&mut sdk.hub, calldata));
        assert_eq!(
            by_hand, by_sdk,
            "answers differ for calldata {calldata:02x?}"
        );
        assert_eq!(
            hand.chain.take_logs(),
            sdk.chain.take_logs(),
            "logs differ for calldata {calldata:02x?}"
        );
    }
}

fn word(n: u64) -> Vec<u8> {
    U256::from(n).to_be_bytes::<32>().to_vec()
}

#[test]
fn every_function_answers_like_the_sdk_router() {
    use IHub::*;
    let exposure = exposureCall {
        vault: VAULT_A,
        operator: OPERATOR,
        avs: AVS,
    };
    let calls = [
        (STRANGER, adminCall {}.abi_encode()),
        (STRANGER, pendingAdminCall {}.abi_encode()),
        (STRANGER, pausedCall {}.abi_encode()),
        (STRANGER, deallocationDelayCall {}.abi_encode()),
        (STRANGER, deallocationDelayPlanCall {}.abi_encode()),
        (STRANGER, vaultsCall {}.abi_encode()),
        (STRANGER, isOperatorCall { operator: OPERATOR }.abi_encode()),
        (STRANGER, avsConfigCall { avs: AVS }.abi_encode()),
        (
            STRANGER,
            membershipCall {
                operator: OPERATOR,
                avs: AVS,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            delegationCall {
                vault: VAULT_A,
                operator: OPERATOR,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            allocationCall {
                operator: OPERATOR,
                avs: AVS,
            }
            .abi_encode(),
        ),
        (STRANGER, vaultOperatorsCall { vault: VAULT_A }.abi_encode()),
        (
            STRANGER,
            operatorAvssCall { operator: OPERATOR }.abi_encode(),
        ),
        (STRANGER, exposure.abi_encode()),
        (
            ADMIN,
            setPauserCall {
                account: PAUSER,
                allowed: true,
            }
            .abi_encode(),
        ),
        (STRANGER, isPauserCall { account: PAUSER }.abi_encode()),
        (PAUSER, pauseCall { bits: 8 }.abi_encode()),
        (ADMIN, unpauseCall { bits: 8 }.abi_encode()),
        (
            ADMIN,
            setDeallocationDelayCall { delay: 2 * DAY }.abi_encode(),
        ),
        (
            ADMIN,
            setSlashCapCall {
                avs: AVS,
                max_fraction_per_day_wad: tokens(500),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            registerOperatorCall {
                metadata_uri: "ipfs://ünïcode".into(),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            setOperatorMetadataCall {
                metadata_uri: "x".repeat(70),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            registerAvsCall {
                metadata_uri: String::new(),
                slasher: SLASHER,
                recipient: BURN,
                allowlist_only: true,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            setAvsAllowlistCall {
                operator: OPERATOR_2,
                allowed: true,
            }
            .abi_encode(),
        ),
        (OPERATOR_2, optInCall { avs: STRANGER }.abi_encode()),
        (
            STRANGER,
            acceptOperatorCall {
                operator: OPERATOR_2,
            }
            .abi_encode(),
        ),
        (
            CURATOR,
            delegateCall {
                vault: VAULT_A,
                operator: OPERATOR_2,
                fraction_wad: pct(30),
            }
            .abi_encode(),
        ),
        (
            OPERATOR_2,
            allocateCall {
                avs: STRANGER,
                fraction_wad: pct(60),
            }
            .abi_encode(),
        ),
        (
            SLASHER,
            slashCall {
                avs: AVS,
                operator: OPERATOR,
                fraction_wad: pct(10),
                slash_id: id(1),
            }
            .abi_encode(),
        ),
        (STRANGER, exposure.abi_encode()),
        (
            STRANGER,
            slashedInWindowCall {
                vault: VAULT_A,
                avs: AVS,
            }
            .abi_encode(),
        ),
        (
            CURATOR,
            setAvsApprovalCall {
                vault: VAULT_A,
                avs: AVS_2,
                max_fraction_wad: pct(20),
                redistribute: true,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            avsApprovalCall {
                vault: VAULT_A,
                avs: AVS_2,
            }
            .abi_encode(),
        ),
        (
            ADMIN,
            setAllocationDelayCall { delay: 2 * DAY }.abi_encode(),
        ),
        (STRANGER, allocationDelayCall {}.abi_encode()),
        (ADMIN, setSlashSinkCall { sink: BURN }.abi_encode()),
        (STRANGER, slashSinkCall {}.abi_encode()),
        (
            STRANGER,
            ejectOperatorCall {
                operator: OPERATOR_2,
            }
            .abi_encode(),
        ),
        (OPERATOR, optOutCall { avs: AVS }.abi_encode()),
        (ADMIN, registerVaultCall { vault: STRANGER }.abi_encode()),
        (ADMIN, transferAdminCall { new_admin: PAUSER }.abi_encode()),
        (PAUSER, acceptAdminCall {}.abi_encode()),
        (STRANGER, adminCall {}.abi_encode()),
    ];
    assert_routers_agree(&calls);
    let unexercised = lrt_common::router::unexercised(SELECTORS, calls.iter().map(|(_, c)| &c[..]));
    assert!(unexercised.is_empty(), "never called: {unexercised:?}");
}

#[test]
fn refused_calls_revert_with_the_same_named_errors() {
    use IHub::*;
    assert_routers_agree(&[
        (STRANGER, registerVaultCall { vault: STRANGER }.abi_encode()),
        (STRANGER, pauseCall { bits: 1 }.abi_encode()),
        (
            ADMIN,
            setDeallocationDelayCall { delay: 31 * DAY }.abi_encode(),
        ),
        (
            SLASHER_2,
            slashCall {
                avs: AVS,
                operator: OPERATOR,
                fraction_wad: pct(10),
                slash_id: id(2),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            exposureCall {
                vault: STRANGER,
                operator: OPERATOR,
                avs: AVS,
            }
            .abi_encode(),
        ),
        (
            OPERATOR,
            registerOperatorCall {
                metadata_uri: "again".into(),
            }
            .abi_encode(),
        ),
    ]);
}

#[test]
fn metadata_uris_are_logged_as_sent_without_a_utf8_check_on_chain() {
    use IHub::*;
    let mut world = World::new();
    let mut calldata = registerOperatorCall {
        metadata_uri: "abc".into(),
    }
    .abi_encode();
    calldata[68] = 0xff;
    world.by(STRANGER);
    assert_eq!(route(&mut world.hub, &calldata), Ok(Vec::new()));
    let logs = world.chain.take_logs();
    assert_eq!(&logs[0].1[64..67], &[0xff, b'b', b'c']);
}

#[test]
fn malformed_calldata_reverts_without_data_like_the_sdk_router() {
    use IHub::*;
    let mut dirty_address = isOperatorCall { operator: OPERATOR }.abi_encode();
    dirty_address[4] = 1;
    let mut bool_two = setPauserCall {
        account: PAUSER,
        allowed: true,
    }
    .abi_encode();
    bool_two[4 + 63] = 2;
    let mut wide_u8 = pauseCall { bits: 1 }.abi_encode();
    wide_u8[4 + 30] = 1;
    let mut wide_u64 = setDeallocationDelayCall { delay: DAY }.abi_encode();
    wide_u64[4 + 23] = 1;
    let mut short = delegateCall {
        vault: VAULT_A,
        operator: OPERATOR,
        fraction_wad: pct(1),
    }
    .abi_encode();
    short.pop();
    let string_call = registerOperatorCall {
        metadata_uri: "abc".into(),
    }
    .abi_encode();
    let mut offset_out_of_range = string_call.clone();
    offset_out_of_range[4..36].copy_from_slice(&word(4096));
    let mut length_out_of_range = string_call.clone();
    length_out_of_range[36..68].copy_from_slice(&word(33));
    let mut huge_offset = string_call;
    huge_offset[4..36].copy_from_slice(&[0xff; 32]);
    let calls = [
        Vec::new(),
        vec![0xf8, 0x51, 0xa4],
        vec![0xde, 0xad, 0xbe, 0xef],
        dirty_address,
        bool_two,
        wide_u8,
        wide_u64,
        short,
        offset_out_of_range,
        length_out_of_range,
        huge_offset,
    ];
    for calldata in &calls {
        let mut world = World::with_stake();
        world.by(ADMIN);
        assert_eq!(route(&mut world.hub, calldata), Err(Vec::new()));
    }
    assert_routers_agree(&calls.map(|calldata| (ADMIN, calldata)));
}

#[test]
fn the_router_answers_exactly_the_functions_of_ihub_sol() {
    let declared = lrt_common::router::declared_selectors(include_str!("../IHub.sol"));
    let mut routed = SELECTORS.to_vec();
    routed.sort_unstable();
    assert!(!declared.is_empty());
    assert_eq!(routed, declared);
}

#[test]
fn the_router_runs_the_constructor_once_as_the_sdk_did() {
    use alloy_sol_types::{sol_data, SolType};
    let chain = Chain::default();
    chain.set_time(START);
    chain.set_sender(ADMIN);
    let mut hub = hub::Hub::from(&chain);
    let mut calldata = lrt_common::router::CONSTRUCTOR.to_be_bytes().to_vec();
    calldata.extend(<(sol_data::Address, sol_data::Uint<64>)>::abi_encode_params(&(ADMIN, WEEK)));
    assert_eq!(route(&mut hub, &calldata), Ok(Vec::new()));
    assert_eq!(hub.admin(), ADMIN);
    assert_eq!(hub.deallocation_delay(), WEEK);
    assert_eq!(
        route(&mut hub, &calldata),
        Err(Vec::new()),
        "a second constructor call reverts"
    );

    let fresh = Chain::default();
    let mut too_long = calldata.clone();
    too_long[4 + 32 + 23] = 1;
    assert_eq!(
        route(&mut hub::Hub::from(&fresh), &too_long),
        Err(Vec::new()),
        "a delay wider than uint64 is malformed"
    );
}
