//! On chain every call, the constructor included, reaches the queue through its hand router;
//! these scenarios send the same alloy-encoded calldata through it and through the SDK's
//! generated router (which `export-abi` describes) and expect identical answers and logs.

use alloy_sol_types::{sol, SolCall};
use lrt_common::router::{declared_selectors, sdk_route, unexercised, CONSTRUCTOR};
use stylus_sdk::alloy_primitives::{Address, U256};
use withdrawal_queue::{
    errors::{DelayBelowDeallocation, QueueError, ZeroAddress},
    router::{route, SELECTORS},
    WithdrawalQueue,
};

use crate::support::*;

sol!("IWithdrawalQueue.sol");

type Calls = Vec<(Address, Vec<u8>)>;

/// Runs `calls` (sender, calldata) on two identical worlds, one per router, each as its own
/// transaction, and compares every answer and the logs each call leaves.
fn assert_routers_agree(calls: &Calls) {
    let mut hand = World::new();
    let mut sdk = World::new();
    for (sender, calldata) in calls {
        hand.by(*sender);
        sdk.by(*sender);
        let by_hand = hand.chain.transact(|| route(&mut hand.queue, calldata));
        let by_sdk = sdk.chain.transact(|| sdk_route(&mut sdk.queue, calldata));
        assert_eq!(
            by_hand, by_sdk,
            "answers differ for calldata {calldata:02x?}"
        );
        assert_eq!(
            hand.chain.take_logs(),
            sdk.chain.take_logs(),
            "logs differ after calldata {calldata:02x?}"
        );
        // A week passes between calls, so requests mature and claims succeed.
        hand.chain.advance(WEEK);
        sdk.chain.advance(WEEK);
    }
}

/// A scenario calling every function that can succeed, each once at least.
fn answering_calls() -> Calls {
    use IWithdrawalQueue::*;
    let (one, two) = (U256::from(1u8), U256::from(2u8));
    vec![
        (STRANGER, adminCall {}.abi_encode()),
        (STRANGER, vaultCall {}.abi_encode()),
        (STRANGER, hubCall {}.abi_encode()),
        (STRANGER, withdrawalDelayCall {}.abi_encode()),
        (
            ALICE,
            setOperatorCall {
                operator: CAROL,
                approved: true,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            isOperatorCall {
                controller: ALICE,
                operator: CAROL,
            }
            .abi_encode(),
        ),
        (
            CAROL,
            requestRedeemCall {
                shares: tokens(10),
                controller: ALICE,
                owner: ALICE,
            }
            .abi_encode(),
        ),
        (
            BOB,
            requestRedeemCall {
                shares: tokens(20),
                controller: BOB,
                owner: BOB,
            }
            .abi_encode(),
        ),
        (
            ALICE,
            requestRedeemCall {
                shares: tokens(30),
                controller: ALICE,
                owner: ALICE,
            }
            .abi_encode(),
        ),
        (STRANGER, requestCall { request_id: one }.abi_encode()),
        (STRANGER, requestsOfCall { controller: ALICE }.abi_encode()),
        (STRANGER, backlogCall {}.abi_encode()),
        (
            STRANGER,
            pendingRedeemRequestCall {
                request_id: one,
                controller: ALICE,
            }
            .abi_encode(),
        ),
        (
            STRANGER,
            claimableRedeemRequestCall {
                request_id: one,
                controller: ALICE,
            }
            .abi_encode(),
        ),
        (KEEPER, claimCall { request_id: one }.abi_encode()),
        (
            BOB,
            claimToCall {
                request_id: two,
                receiver: CAROL,
            }
            .abi_encode(),
        ),
        (STRANGER, requestCall { request_id: one }.abi_encode()),
        (STRANGER, requestsOfCall { controller: ALICE }.abi_encode()),
        (STRANGER, backlogCall {}.abi_encode()),
        (
            ADMIN,
            setWithdrawalDelayCall { delay: 2 * WEEK }.abi_encode(),
        ),
        (ADMIN, setWithdrawalDelayCall { delay: WEEK }.abi_encode()),
        (STRANGER, pendingWithdrawalDelayCall {}.abi_encode()),
        (
            ADMIN,
            setPauserCall {
                account: PAUSER,
                allowed: true,
            }
            .abi_encode(),
        ),
        (STRANGER, isPauserCall { account: PAUSER }.abi_encode()),
        (PAUSER, pauseCall { bits: 2 }.abi_encode()),
        (STRANGER, pausedCall {}.abi_encode()),
        (ADMIN, unpauseCall { bits: 2 }.abi_encode()),
        (ADMIN, transferAdminCall { new_admin: BOB }.abi_encode()),
        (STRANGER, pendingAdminCall {}.abi_encode()),
        (BOB, acceptAdminCall {}.abi_encode()),
        (STRANGER, adminCall {}.abi_encode()),
    ]
}

const STRANGER: Address = Address::repeat_byte(0x5e);

#[test]
fn every_function_answers_like_the_sdk_router() {
    let calls = answering_calls();
    assert_routers_agree(&calls);
    // The scenario must not be a string of reverts that agree trivially.
    let mut w = World::new();
    let mut failed = Vec::new();
    for (sender, calldata) in &calls {
        w.by(*sender);
        if w.chain.transact(|| route(&mut w.queue, calldata)).is_err() {
            failed.push(format!("{:02x?}", &calldata[..4]));
        }
        w.chain.advance(WEEK);
    }
    assert!(failed.is_empty(), "calls reverted: {failed:?}");
}

/// Calls each refused with a named error, or the vault's revert data passed on.
fn refused_calls() -> Calls {
    use IWithdrawalQueue::*;
    let one = U256::from(1u8);
    vec![
        (
            ALICE,
            requestRedeemCall {
                shares: U256::ZERO,
                controller: ALICE,
                owner: ALICE,
            }
            .abi_encode(),
        ),
        (
            CAROL,
            requestRedeemCall {
                shares: tokens(1),
                controller: CAROL,
                owner: ALICE,
            }
            .abi_encode(),
        ),
        (
            ALICE,
            requestRedeemCall {
                shares: tokens(101),
                controller: ALICE,
                owner: ALICE,
            }
            .abi_encode(),
        ),
        (KEEPER, claimCall { request_id: one }.abi_encode()),
        (
            ALICE,
            claimToCall {
                request_id: one,
                receiver: ALICE,
            }
            .abi_encode(),
        ),
        (STRANGER, requestCall { request_id: one }.abi_encode()),
        (ADMIN, setWithdrawalDelayCall { delay: DAY }.abi_encode()),
        (
            STRANGER,
            setWithdrawalDelayCall { delay: WEEK }.abi_encode(),
        ),
        (ADMIN, pauseCall { bits: 1 }.abi_encode()),
        (STRANGER, unpauseCall { bits: 2 }.abi_encode()),
        (STRANGER, transferAdminCall { new_admin: BOB }.abi_encode()),
        (STRANGER, acceptAdminCall {}.abi_encode()),
        (
            STRANGER,
            setPauserCall {
                account: BOB,
                allowed: true,
            }
            .abi_encode(),
        ),
    ]
}

#[test]
fn refused_calls_revert_with_the_same_errors() {
    let calls = refused_calls();
    assert_routers_agree(&calls);
    let mut w = World::new();
    for (sender, calldata) in &calls {
        w.by(*sender);
        let answer = w.chain.transact(|| route(&mut w.queue, calldata));
        assert!(
            matches!(&answer, Err(data) if !data.is_empty()),
            "{:02x?} should revert with data",
            &calldata[..4]
        );
    }
}

#[test]
fn the_router_tests_call_every_selector() {
    let (answering, refused) = (answering_calls(), refused_calls());
    let calls = answering.iter().chain(&refused).map(|(_, c)| &c[..]);
    let never = unexercised(SELECTORS, calls);
    assert!(never.is_empty(), "never called: {never:?}");
}

#[test]
fn the_router_answers_exactly_the_functions_of_iwithdrawalqueue_sol() {
    let declared = declared_selectors(include_str!("../IWithdrawalQueue.sol"));
    let mut routed = SELECTORS.to_vec();
    routed.sort_unstable();
    assert!(!declared.is_empty());
    assert_eq!(routed, declared);
}

#[test]
fn malformed_calldata_reverts_without_data_like_the_sdk_router() {
    use IWithdrawalQueue::*;
    let mut dirty_address = requestsOfCall { controller: ALICE }.abi_encode();
    dirty_address[4] = 1;
    let mut bool_two = setOperatorCall {
        operator: CAROL,
        approved: true,
    }
    .abi_encode();
    bool_two[4 + 63] = 2;
    let mut wide_u8 = pauseCall { bits: 2 }.abi_encode();
    wide_u8[4 + 30] = 1;
    let mut wide_u64 = setWithdrawalDelayCall { delay: WEEK }.abi_encode();
    wide_u64[4 + 23] = 1;
    let mut short = claimCall {
        request_id: U256::from(1u8),
    }
    .abi_encode();
    short.pop();
    let calls = [
        Vec::new(),
        vec![0xf8, 0x51, 0xa4],
        vec![0xde, 0xad, 0xbe, 0xef],
        dirty_address,
        bool_two,
        wide_u8,
        wide_u64,
        short,
    ];
    for calldata in &calls {
        let mut w = World::new();
        w.by(ADMIN);
        assert_eq!(route(&mut w.queue, calldata), Err(Vec::new()));
    }
    assert_routers_agree(&calls.map(|calldata| (ADMIN, calldata)).to_vec());
}

/// What StylusDeployer sends in the deploy transaction: the SDK's constructor selector and the
/// constructor's arguments, ABI-encoded as `(address,address,address,uint64)`.
fn constructor_calldata(vault: Address, delay: u64) -> Vec<u8> {
    use alloy_sol_types::{sol_data, SolType};
    type Params = (
        sol_data::Address,
        sol_data::Address,
        sol_data::Address,
        sol_data::Uint<64>,
    );
    let mut calldata = CONSTRUCTOR.to_be_bytes().to_vec();
    calldata.extend(Params::abi_encode_params(&(vault, HUB, ADMIN, delay)));
    calldata
}

/// A queue not yet constructed, on a chain with the hub deployed.
fn unconstructed() -> (Chain, WithdrawalQueue) {
    let chain = Chain::default();
    chain.deploy(HUB, FakeHub::new(WEEK));
    chain.set_sender(ADMIN);
    let queue = WithdrawalQueue::from(&chain);
    (chain, queue)
}

#[test]
fn the_router_runs_the_constructor_once_as_the_sdk_did() {
    let (chain, mut queue) = unconstructed();
    let calldata = constructor_calldata(VAULT, WEEK);
    assert_eq!(route(&mut queue, &calldata), Ok(Vec::new()));
    assert_eq!(
        (queue.vault(), queue.hub(), queue.admin()),
        (VAULT, HUB, ADMIN)
    );
    assert_eq!(queue.withdrawal_delay(), WEEK);
    let (direct_chain, mut direct) = unconstructed();
    direct.constructor(VAULT, HUB, ADMIN, WEEK).ok().unwrap();
    assert_eq!(
        chain.take_logs(),
        direct_chain.take_logs(),
        "same events as the constructor called directly"
    );
    assert_eq!(
        route(&mut queue, &calldata),
        Err(Vec::new()),
        "a second constructor call reverts"
    );
}

#[test]
fn constructor_arguments_are_checked_like_any_call() {
    let mut truncated = constructor_calldata(VAULT, WEEK);
    truncated.truncate(4 + 3 * 32);
    assert_eq!(route(&mut unconstructed().1, &truncated), Err(Vec::new()));
    let zero_vault = constructor_calldata(Address::ZERO, WEEK);
    assert_eq!(
        route(&mut unconstructed().1, &zero_vault),
        Err(QueueError::from(ZeroAddress {}).into())
    );
    let short_delay = constructor_calldata(VAULT, DAY);
    assert_eq!(
        route(&mut unconstructed().1, &short_delay),
        Err(QueueError::from(DelayBelowDeallocation {
            delay: DAY,
            deallocationDelay: WEEK
        })
        .into())
    );
}
