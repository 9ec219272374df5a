//! On chain every call, the constructor included, reaches the vault through its hand router;
//! these scenarios send the same alloy-encoded calldata through it and through the SDK's
//! generated router (which `export-abi` describes) and expect identical answers and logs.

use alloy_primitives::B256;
use alloy_sol_types::{sol, SolCall};

use super::{permit::sign, *};
use crate::router::{route, SELECTORS};

sol!("IVault.sol");

fn funded_vault() -> World {
    let w = given_vault();
    for who in [ALICE, BOB, TREASURY] {
        w.fund(who, e18(1_000));
    }
    w
}

/// Runs `calls` (sender, calldata) on two identical worlds, one per router, and compares
/// every answer and the logs each call leaves.
fn assert_routers_agree(calls: &[(Address, Vec<u8>)]) {
    let mut hand = funded_vault();
    let mut sdk = funded_vault();
    for (sender, calldata) in calls {
        let by_hand = route(hand.by(*sender), calldata);
        let by_sdk = lrt_common::router::sdk_route(sdk.by(*sender), calldata);
        assert_eq!(
            by_hand, by_sdk,
            "answers differ for calldata {calldata:02x?}"
        );
        assert_eq!(
            hand.chain.vm.get_emitted_logs(),
            sdk.chain.vm.get_emitted_logs(),
            "logs differ after calldata {calldata:02x?}"
        );
    }
}

const STRANGER: Address = address!("0000000000000000000000000000000000005eed");

/// A scenario calling every function that can succeed, each once at least.
fn answering_calls() -> Vec<(Address, Vec<u8>)> {
    use IVault::*;
    let key = super::permit::key("router");
    let w = given_vault();
    let signed = sign(&w, &key, BOB, e18(3), U256::ZERO, U256::MAX);
    let owner = signed.owner;
    let calls: Vec<(Address, Vec<u8>)> = vec![
        (STRANGER, nameCall {}.abi_encode()),
        (STRANGER, symbolCall {}.abi_encode()),
        (STRANGER, decimalsCall {}.abi_encode()),
        (STRANGER, assetCall {}.abi_encode()),
        (STRANGER, DOMAIN_SEPARATORCall {}.abi_encode()),
        (STRANGER, tvlCapCall {}.abi_encode()),
        (STRANGER, perDepositCapCall {}.abi_encode()),
        (STRANGER, maxDepositCall { _receiver: ALICE }.abi_encode()),
        (STRANGER, maxMintCall { _receiver: ALICE }.abi_encode()),
        (
            ALICE,
            depositCall {
                assets: e18(100),
                receiver: ALICE,
            }
            .abi_encode(),
        ),
        (
            BOB,
            depositWithMinSharesCall {
                assets: e18(50),
                receiver: BOB,
                min_shares_out: e18(49),
            }
            .abi_encode(),
        ),
        (
            ALICE,
            mintCall {
                shares: e18(10),
                receiver: ALICE,
            }
            .abi_encode(),
        ),
        (STRANGER, totalSupplyCall {}.abi_encode()),
        (STRANGER, totalAssetsCall {}.abi_encode()),
        (STRANGER, balanceOfCall { account: ALICE }.abi_encode()),
        (
            ALICE,
            transferCall {
                to: BOB,
                value: e18(5),
            }
            .abi_encode(),
        ),
        (
            ALICE,
            approveCall {
                spender: BOB,
                value: e18(7),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            allowanceCall {
                owner: ALICE,
                spender: BOB,
            }
            .abi_encode(),
        ),
        (
            BOB,
            transferFromCall {
                from: ALICE,
                to: STRANGER,
                value: e18(2),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            permitCall {
                owner,
                spender: BOB,
                value: e18(3),
                deadline: U256::MAX,
                v: signed.v,
                r: signed.r,
                s: signed.s,
            }
            .abi_encode(),
        ),
        (STRANGER, noncesCall { owner }.abi_encode()),
        (
            ADMIN,
            setCapsCall {
                tvl_cap: e18(10_000),
                per_deposit_cap: e18(500),
            }
            .abi_encode(),
        ),
        (ADMIN, setVestingPeriodCall { period: 3_600 }.abi_encode()),
        (
            ADMIN,
            setProtocolFeeCall {
                fee_wad: e18(1) / u(20),
            }
            .abi_encode(),
        ),
        (ADMIN, setTreasuryCall { treasury: TREASURY }.abi_encode()),
        (ADMIN, setCuratorCall { curator: BOB }.abi_encode()),
        (TREASURY, notifyRewardsCall { amount: e18(12) }.abi_encode()),
        (STRANGER, unvestedRewardsCall {}.abi_encode()),
        (STRANGER, vestingPeriodCall {}.abi_encode()),
        (STRANGER, protocolFeeWadCall {}.abi_encode()),
        (STRANGER, treasuryCall {}.abi_encode()),
        (STRANGER, curatorCall {}.abi_encode()),
        (STRANGER, hubCall {}.abi_encode()),
        (STRANGER, withdrawalQueueCall {}.abi_encode()),
        (
            STRANGER,
            convertToSharesCall { assets: e18(1) }.abi_encode(),
        ),
        (
            STRANGER,
            convertToAssetsCall { shares: e18(1) }.abi_encode(),
        ),
        (STRANGER, previewDepositCall { assets: e18(1) }.abi_encode()),
        (STRANGER, previewMintCall { shares: e18(1) }.abi_encode()),
        (
            STRANGER,
            previewWithdrawCall { assets: e18(1) }.abi_encode(),
        ),
        (STRANGER, previewRedeemCall { shares: e18(1) }.abi_encode()),
        (STRANGER, maxWithdrawCall { _owner: ALICE }.abi_encode()),
        (STRANGER, maxRedeemCall { _owner: ALICE }.abi_encode()),
        (
            QUEUE,
            lockSharesCall {
                owner: ALICE,
                shares: e18(20),
            }
            .abi_encode(),
        ),
        (
            QUEUE,
            redeemLockedCall {
                shares: e18(20),
                max_assets: e18(20),
                receiver: ALICE,
            }
            .abi_encode(),
        ),
        (
            HUB,
            slashCall {
                assets: e18(4),
                recipient: BURN,
            }
            .abi_encode(),
        ),
        (STRANGER, slashOwedCall { recipient: BURN }.abi_encode()),
        (STRANGER, totalSlashOwedCall {}.abi_encode()),
        (STRANGER, paySlashedCall { recipient: BURN }.abi_encode()),
        (
            ADMIN,
            proposeWiringCall {
                hub: BOB,
                withdrawal_queue: QUEUE,
            }
            .abi_encode(),
        ),
        (STRANGER, pendingWiringCall {}.abi_encode()),
        (ADMIN, cancelWiringCall {}.abi_encode()),
        (
            ADMIN,
            setPauserCall {
                account: BOB,
                allowed: true,
            }
            .abi_encode(),
        ),
        (STRANGER, isPauserCall { account: BOB }.abi_encode()),
        (BOB, pauseCall { bits: 1 }.abi_encode()),
        (STRANGER, pausedCall {}.abi_encode()),
        (ADMIN, unpauseCall { bits: 1 }.abi_encode()),
        (ADMIN, transferAdminCall { new_admin: BOB }.abi_encode()),
        (STRANGER, pendingAdminCall {}.abi_encode()),
        (BOB, acceptAdminCall {}.abi_encode()),
        (STRANGER, adminCall {}.abi_encode()),
    ];
    calls
}

#[test]
fn every_function_answers_like_the_sdk_router() {
    let calls = answering_calls();
    assert_routers_agree(&calls);
    // The scenario must not be a string of reverts that agree trivially.
    let mut world = funded_vault();
    let failed: Vec<_> = calls
        .iter()
        .filter(|(sender, calldata)| route(world.by(*sender), calldata).is_err())
        .map(|(_, calldata)| format!("{:02x?}", &calldata[..4]))
        .collect();
    assert!(failed.is_empty(), "calls reverted: {failed:?}");
}

/// Calls each refused with a named error (and the functions that always refuse).
fn refused_calls() -> Vec<(Address, Vec<u8>)> {
    use IVault::*;
    vec![
        (ADMIN, setHubCall { hub: BOB }.abi_encode()),
        (
            ADMIN,
            setWithdrawalQueueCall {
                withdrawal_queue: BOB,
            }
            .abi_encode(),
        ),
        (ADMIN, executeWiringCall {}.abi_encode()),
        (BOB, pauseCall { bits: 2 }.abi_encode()),
        (
            STRANGER,
            setCapsCall {
                tvl_cap: u(1),
                per_deposit_cap: u(1),
            }
            .abi_encode(),
        ),
        (
            ALICE,
            depositCall {
                assets: U256::ZERO,
                receiver: ALICE,
            }
            .abi_encode(),
        ),
        (
            ALICE,
            transferCall {
                to: BOB,
                value: e18(1),
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            withdrawCall {
                _assets: u(1),
                _receiver: ALICE,
                _owner: ALICE,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            redeemCall {
                _shares: u(1),
                _receiver: ALICE,
                _owner: ALICE,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            slashCall {
                assets: u(1),
                recipient: BURN,
            }
            .abi_encode(),
        ),
        (ADMIN, setVestingPeriodCall { period: 0 }.abi_encode()),
        (ADMIN, setProtocolFeeCall { fee_wad: e18(1) }.abi_encode()),
        (STRANGER, notifyRewardsCall { amount: e18(1) }.abi_encode()),
        (
            STRANGER,
            permitCall {
                owner: ALICE,
                spender: BOB,
                value: u(1),
                deadline: U256::ZERO,
                v: 27,
                r: B256::ZERO,
                s: B256::ZERO,
            }
            .abi_encode(),
        ),
        (STRANGER, pauseCall { bits: 1 }.abi_encode()),
    ]
}

#[test]
fn refused_calls_revert_with_the_same_named_errors() {
    assert_routers_agree(&refused_calls());
}

#[test]
fn the_router_tests_call_every_selector() {
    let (answering, refused) = (answering_calls(), refused_calls());
    let calls = answering.iter().chain(&refused).map(|(_, c)| &c[..]);
    let unexercised = lrt_common::router::unexercised(SELECTORS, calls);
    assert!(unexercised.is_empty(), "never called: {unexercised:?}");
}

#[test]
fn malformed_calldata_reverts_without_data_like_the_sdk_router() {
    use IVault::*;
    let mut dirty_address = balanceOfCall { account: ALICE }.abi_encode();
    dirty_address[4] = 1;
    let mut bool_two = setPauserCall {
        account: BOB,
        allowed: true,
    }
    .abi_encode();
    bool_two[4 + 63] = 2;
    let mut wide_u8 = pauseCall { bits: 1 }.abi_encode();
    wide_u8[4 + 30] = 1;
    let mut wide_u64 = setVestingPeriodCall { period: 60 }.abi_encode();
    wide_u64[4 + 23] = 1;
    let mut short = depositCall {
        assets: u(1),
        receiver: ALICE,
    }
    .abi_encode();
    short.pop();
    let calls = [
        Vec::new(),
        vec![0x06, 0xfd, 0xde],
        vec![0xde, 0xad, 0xbe, 0xef],
        dirty_address,
        bool_two,
        wide_u8,
        wide_u64,
        short,
    ];
    for calldata in &calls {
        let mut world = funded_vault();
        assert_eq!(route(world.by(ADMIN), calldata), Err(Vec::new()));
    }
    assert_routers_agree(&calls.map(|calldata| (ADMIN, calldata)));
}

#[test]
fn the_router_answers_exactly_the_functions_of_ivault_sol() {
    let declared = lrt_common::router::declared_selectors(include_str!("../../IVault.sol"));
    let mut routed = SELECTORS.to_vec();
    routed.sort_unstable();
    assert!(!declared.is_empty());
    assert_eq!(routed, declared);
}

/// What StylusDeployer sends in the deploy transaction: the SDK's constructor selector and the
/// constructor's arguments, ABI-encoded as `(address,string,string,address,address)`.
fn constructor_calldata(name: &str, symbol: &str) -> Vec<u8> {
    use alloy_sol_types::{sol_data, SolType};
    type Params = (
        sol_data::Address,
        sol_data::String,
        sol_data::String,
        sol_data::Address,
        sol_data::Address,
    );
    let args = (ASSET, name.to_owned(), symbol.to_owned(), ADMIN, TREASURY);
    let mut calldata = lrt_common::router::CONSTRUCTOR.to_be_bytes().to_vec();
    calldata.extend(Params::abi_encode_params(&args));
    calldata
}

#[test]
fn the_router_runs_the_constructor_once_as_the_sdk_did() {
    let by_router = Chain::new();
    let mut vault = Vault::from(&by_router);
    by_router.vm.set_sender(DEPLOYER);
    let calldata = constructor_calldata("Restaked ETH", "rstETH");
    assert_eq!(route(&mut vault, &calldata), Ok(Vec::new()));
    assert_eq!(vault.name(), "Restaked ETH");
    assert_eq!(vault.symbol(), "rstETH");
    assert_eq!((vault.asset(), vault.admin()), (ASSET, ADMIN));
    assert_eq!(vault.treasury(), TREASURY);

    let direct = given_vault().chain;
    let constructor_logs = by_router.vm.get_emitted_logs();
    assert_eq!(
        constructor_logs,
        direct.vm.get_emitted_logs()[..constructor_logs.len()],
        "same events as the constructor called directly"
    );

    assert_eq!(
        route(&mut vault, &calldata),
        Err(Vec::new()),
        "a second constructor call reverts"
    );
}

#[test]
fn constructor_arguments_are_checked_like_any_call() {
    let fresh_vault = || Vault::from(&Chain::new());
    let mut truncated = constructor_calldata("Restaked ETH", "rstETH");
    truncated.truncate(4 + 5 * 32);
    assert_eq!(route(&mut fresh_vault(), &truncated), Err(Vec::new()));
    let too_long = constructor_calldata(&"x".repeat(32), "rstETH");
    assert_eq!(
        route(&mut fresh_vault(), &too_long),
        Err(Vec::from(VaultError::from(crate::errors::StringTooLong {
            length: u(32)
        })))
    );
}
