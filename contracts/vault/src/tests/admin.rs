use super::*;
use crate::{
    errors::*,
    events::{CapsSet, CuratorSet, HubSet, TreasurySet, WithdrawalQueueSet},
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
    w.by(ADMIN).set_hub(BOB).unwrap();
    assert_eq!((w.vault.hub(), w.last::<HubSet>().hub), (BOB, BOB));
    w.by(ADMIN).set_withdrawal_queue(BOB).unwrap();
    assert_eq!(
        (
            w.vault.withdrawal_queue(),
            w.last::<WithdrawalQueueSet>().withdrawalQueue
        ),
        (BOB, BOB)
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
fn zeroed_hub_or_queue_disables_the_hooks() {
    let mut w = given_vault();
    w.deposit(ALICE, e18(1)).unwrap();
    w.by(ADMIN).set_hub(Address::ZERO).unwrap();
    w.by(ADMIN).set_withdrawal_queue(Address::ZERO).unwrap();
    assert!(matches!(
        w.by(HUB).slash(u(1), BURN),
        Err(VaultError::NotHub(_))
    ));
    assert!(matches!(
        w.by(QUEUE).lock_shares(ALICE, u(1)),
        Err(VaultError::NotWithdrawalQueue(_))
    ));
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
