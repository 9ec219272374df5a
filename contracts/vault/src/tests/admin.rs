use super::*;
use crate::{
    errors::*,
    events::{
        CapsSet, CuratorSet, HubSet, TreasurySet, WiringCancelled, WiringProposed,
        WithdrawalQueueSet,
    },
    testing::{Chain, ASSET},
    wiring::WIRING_DELAY,
};
use lrt_common::errors::AdminTransferred;

#[test]
fn constructor_sets_roles_defaults_and_logs_them() {
    let w = given_vault();
    assert_eq!(w.vault.admin(), ADMIN);
    assert_eq!(w.vault.treasury(), TREASURY);
    assert_eq!(
        (w.vault.tvl_cap(), w.vault.per_deposit_cap()),
        (U256::MAX, U256::MAX)
    );
    assert_eq!((w.vault.hub(), w.vault.withdrawal_queue()), (HUB, QUEUE));
    assert_eq!(w.last::<AdminTransferred>().newAdmin, ADMIN);
    assert_eq!(w.last::<TreasurySet>().treasury, TREASURY);
    assert_eq!(w.last::<CapsSet>().tvlCap, U256::MAX);
}

#[test]
fn constructor_rejects_zero_addresses_and_long_names() {
    let chain = Chain::new();
    let mut vault = Vault::from(&chain);
    let deploy = |vault: &mut Vault, asset, name: &str, admin, treasury| {
        vault.constructor(asset, name.into(), "x".into(), admin, treasury)
    };
    assert_eq!(
        deploy(&mut vault, Address::ZERO, "n", ADMIN, TREASURY),
        Err(ZeroAddress {}.into())
    );
    assert_eq!(
        deploy(&mut vault, ASSET, "n", ADMIN, Address::ZERO),
        Err(ZeroAddress {}.into())
    );
    assert_eq!(
        deploy(&mut vault, ASSET, "n", Address::ZERO, TREASURY),
        Err(ZeroAddress {}.into())
    );
    let long = "a name that does not fit in 31 b";
    assert_eq!(
        deploy(&mut vault, ASSET, long, ADMIN, TREASURY),
        Err(StringTooLong { length: u(32) }.into())
    );
}

#[test]
fn constructor_rejects_an_asset_without_decimals() {
    let chain = Chain::new();
    let mut vault = Vault::from(&chain);
    let not_a_token = address!("00000000000000000000000000000000000e0a00");
    let err = vault.constructor(not_a_token, "n".into(), "s".into(), ADMIN, TREASURY);
    assert_eq!(err, Err(AssetCallFailed { asset: not_a_token }.into()));
}

#[test]
fn wiring_setters_are_admin_only_and_emit() {
    let mut w = given_vault();
    for who in [ALICE, HUB, QUEUE] {
        assert!(matches!(
            w.by(who).set_curator(BOB),
            Err(VaultError::NotAdmin(_))
        ));
        assert!(matches!(
            w.by(who).set_hub(BOB),
            Err(VaultError::NotAdmin(_))
        ));
        assert!(matches!(
            w.by(who).set_withdrawal_queue(BOB),
            Err(VaultError::NotAdmin(_))
        ));
        assert!(matches!(
            w.by(who).set_treasury(BOB),
            Err(VaultError::NotAdmin(_))
        ));
        assert!(matches!(
            w.by(who).set_caps(u(1), u(1)),
            Err(VaultError::NotAdmin(_))
        ));
    }
    w.by(ADMIN).set_curator(BOB).unwrap();
    assert_eq!(
        (w.vault.curator(), w.last::<CuratorSet>().curator),
        (BOB, BOB)
    );
    assert_eq!((w.vault.hub(), w.last::<HubSet>().hub), (HUB, HUB));
    assert_eq!(
        (
            w.vault.withdrawal_queue(),
            w.last::<WithdrawalQueueSet>().withdrawalQueue
        ),
        (QUEUE, QUEUE)
    );
    w.by(ADMIN).set_treasury(BOB).unwrap();
    assert_eq!(
        (w.vault.treasury(), w.last::<TreasurySet>().treasury),
        (BOB, BOB)
    );
    assert_eq!(
        w.by(ADMIN).set_treasury(Address::ZERO),
        Err(ZeroAddress {}.into())
    );
    w.by(ADMIN).set_caps(u(7), u(3)).unwrap();
    let caps = w.last::<CapsSet>();
    assert_eq!((caps.tvlCap, caps.perDepositCap), (u(7), u(3)));
}

#[test]
fn hub_and_queue_are_set_once_and_never_to_zero() {
    let mut w = given_vault();
    assert_eq!(w.by(ADMIN).set_hub(BOB), Err(WiringAlreadySet {}.into()));
    assert_eq!(
        w.by(ADMIN).set_withdrawal_queue(BOB),
        Err(WiringAlreadySet {}.into())
    );
    assert_eq!((w.vault.hub(), w.vault.withdrawal_queue()), (HUB, QUEUE));

    let chain = Chain::new();
    let mut fresh = Vault::from(&chain);
    chain.vm.set_sender(ADMIN);
    fresh
        .constructor(ASSET, "v".into(), "v".into(), ADMIN, TREASURY)
        .unwrap();
    assert_eq!(fresh.set_hub(Address::ZERO), Err(ZeroAddress {}.into()));
    assert_eq!(
        fresh.set_withdrawal_queue(Address::ZERO),
        Err(ZeroAddress {}.into())
    );
}

#[test]
fn an_admin_acting_fast_cannot_re_point_the_queue_and_redeem_a_depositors_shares() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(100)).unwrap();
    // The attack of issue 10: point the queue at an admin key, lock and redeem ALICE's shares.
    assert_eq!(
        w.by(ADMIN).set_withdrawal_queue(ADMIN),
        Err(WiringAlreadySet {}.into())
    );
    w.by(ADMIN).propose_wiring(HUB, ADMIN).unwrap();
    assert!(matches!(
        w.by(ADMIN).execute_wiring(),
        Err(VaultError::WiringNotReady(_))
    ));
    assert!(matches!(
        w.by(ADMIN).lock_shares(ALICE, e18(100)),
        Err(VaultError::NotWithdrawalQueue(_))
    ));
    assert_eq!(w.vault.balance_of(ALICE), e18(100));
}

#[test]
fn a_re_pointing_waits_out_the_timelock_and_then_applies() {
    let mut w = given_vault();
    let new_queue = address!("00000000000000000000000000000000000000c2");
    let new_hub = address!("00000000000000000000000000000000000000b2");
    w.chain.set_backlog(QUEUE, U256::ZERO);
    for who in [ALICE, HUB, QUEUE] {
        assert!(matches!(
            w.by(who).propose_wiring(new_hub, new_queue),
            Err(VaultError::NotAdmin(_))
        ));
    }
    w.by(ADMIN).propose_wiring(new_hub, new_queue).unwrap();
    let ready_at = w.chain.vm.block_timestamp() + WIRING_DELAY;
    let proposed = w.last::<WiringProposed>();
    assert_eq!(
        (proposed.hub, proposed.withdrawalQueue, proposed.readyAt),
        (new_hub, new_queue, ready_at)
    );
    assert_eq!(w.vault.pending_wiring(), (new_hub, new_queue, ready_at));

    w.chain.warp(WIRING_DELAY - 1);
    assert_eq!(
        w.by(ADMIN).execute_wiring(),
        Err(WiringNotReady { readyAt: ready_at }.into())
    );
    w.chain.warp(1);
    assert!(matches!(
        w.by(ALICE).execute_wiring(),
        Err(VaultError::NotAdmin(_))
    ));
    w.by(ADMIN).execute_wiring().unwrap();
    assert_eq!(
        (w.vault.hub(), w.vault.withdrawal_queue()),
        (new_hub, new_queue)
    );
    assert_eq!(w.last::<HubSet>().hub, new_hub);
    assert_eq!(w.last::<WithdrawalQueueSet>().withdrawalQueue, new_queue);
    assert_eq!(w.vault.pending_wiring(), (Address::ZERO, Address::ZERO, 0));
    assert_eq!(
        w.by(ADMIN).execute_wiring(),
        Err(NoPendingWiring {}.into()),
        "executes once"
    );
}

#[test]
fn a_proposed_re_pointing_can_be_cancelled() {
    let mut w = given_vault();
    w.by(ADMIN).propose_wiring(BOB, BOB).unwrap();
    assert!(matches!(
        w.by(BOB).cancel_wiring(),
        Err(VaultError::NotAdmin(_))
    ));
    w.by(ADMIN).cancel_wiring().unwrap();
    w.last::<WiringCancelled>();
    w.chain.warp(WIRING_DELAY);
    assert_eq!(w.by(ADMIN).execute_wiring(), Err(NoPendingWiring {}.into()));
    assert_eq!(w.by(ADMIN).cancel_wiring(), Err(NoPendingWiring {}.into()));
    assert_eq!((w.vault.hub(), w.vault.withdrawal_queue()), (HUB, QUEUE));
    assert_eq!(
        w.by(ADMIN).propose_wiring(Address::ZERO, QUEUE),
        Err(ZeroAddress {}.into())
    );
}

#[test]
fn the_queue_is_never_replaced_while_it_holds_open_requests() {
    let mut w = given_vault();
    w.chain.set_backlog(QUEUE, u(3));
    w.by(ADMIN).propose_wiring(HUB, BOB).unwrap();
    w.chain.warp(WIRING_DELAY);
    assert_eq!(
        w.by(ADMIN).execute_wiring(),
        Err(QueueHasOpenRequests {
            queue: QUEUE,
            openRequests: u(3)
        }
        .into())
    );

    w.chain.set_backlog(QUEUE, U256::ZERO);
    w.by(ADMIN).execute_wiring().unwrap();
    assert_eq!(w.vault.withdrawal_queue(), BOB);
}

#[test]
fn a_queue_that_cannot_report_its_backlog_counts_as_busy_but_the_hub_alone_can_move() {
    let mut w = given_vault();
    w.by(ADMIN).propose_wiring(HUB, BOB).unwrap();
    w.chain.warp(WIRING_DELAY);
    assert_eq!(
        w.by(ADMIN).execute_wiring(),
        Err(QueueHasOpenRequests {
            queue: QUEUE,
            openRequests: U256::MAX
        }
        .into())
    );

    w.by(ADMIN).propose_wiring(BOB, QUEUE).unwrap();
    w.chain.warp(WIRING_DELAY);
    w.by(ADMIN).execute_wiring().unwrap();
    assert_eq!((w.vault.hub(), w.vault.withdrawal_queue()), (BOB, QUEUE));
}

#[test]
fn admin_hands_over_in_two_steps_and_pausers_are_managed() {
    let mut w = given_vault();
    w.by(ADMIN).transfer_admin(BOB).unwrap();
    assert_eq!((w.vault.admin(), w.vault.pending_admin()), (ADMIN, BOB));
    assert!(matches!(
        w.by(ALICE).accept_admin(),
        Err(VaultError::NotPendingAdmin(_))
    ));
    w.by(BOB).accept_admin().unwrap();
    assert_eq!(w.vault.admin(), BOB);
    assert!(matches!(
        w.by(ADMIN).set_pauser(ALICE, true),
        Err(VaultError::NotAdmin(_))
    ));
    w.by(BOB).set_pauser(ALICE, true).unwrap();
    assert!(w.vault.is_pauser(ALICE));
    w.by(ALICE).pause(lrt_common::pause::DEPOSIT).unwrap();
    assert_eq!(w.vault.paused(), lrt_common::pause::DEPOSIT);
    assert_eq!(
        w.by(ALICE).pause(0),
        Err(InvalidPauseBits { bits: 0 }.into())
    );
    assert!(matches!(
        w.by(TREASURY).pause(1),
        Err(VaultError::NotPauser(_))
    ));
}

#[test]
fn lean_error_encoding_matches_alloys() {
    use alloy_sol_types::SolError;
    let cases: Vec<(VaultError, Vec<u8>)> = vec![
        (
            TvlCapExceeded {
                totalAssets: u(1),
                assets: u(2),
                tvlCap: u(3),
            }
            .into(),
            TvlCapExceeded {
                totalAssets: u(1),
                assets: u(2),
                tvlCap: u(3),
            }
            .abi_encode(),
        ),
        (
            InvalidSigner {
                signer: ALICE,
                owner: BOB,
            }
            .into(),
            InvalidSigner {
                signer: ALICE,
                owner: BOB,
            }
            .abi_encode(),
        ),
        (
            InvalidVestingPeriod { period: 9 }.into(),
            InvalidVestingPeriod { period: 9 }.abi_encode(),
        ),
        (
            EnforcedPause { bit: 1 }.into(),
            EnforcedPause { bit: 1 }.abi_encode(),
        ),
        (ZeroShares {}.into(), ZeroShares {}.abi_encode()),
    ];
    for (error, expected) in cases {
        assert_eq!(Vec::<u8>::from(error), expected);
    }
}

#[test]
fn fee_and_vesting_changes_are_logged() {
    use crate::events::{ProtocolFeeSet, VestingPeriodSet};
    let mut w = given_vault();
    w.by(ADMIN)
        .set_protocol_fee(u(5) * e18(1) / u(100))
        .unwrap();
    assert_eq!(w.last::<ProtocolFeeSet>().feeWad, u(5) * e18(1) / u(100));
    w.by(ADMIN).set_vesting_period(3_600).unwrap();
    assert_eq!(w.last::<VestingPeriodSet>().period, 3_600);
}
