//! Governance blast radius on the devnet: re-pointing a vault's queue or hub waits out a
//! timelock longer than any withdrawal delay, so depositors can leave first, and a vault's own
//! error comes back through the queue by name.

use alloy::primitives::U256;
use deployer::{
    error::Error,
    ops::{
        deposit::{self, DepositOptions},
        withdraw,
    },
};
use e2e::{World, world::tokens};

/// 30 days (the longest withdrawal delay) plus a day to claim, as the vault's `WIRING_DELAY`.
const WIRING_DELAY: u64 = 31 * 86_400;
/// The test deployment's withdrawal delay.
const WITHDRAWAL_DELAY: u64 = 2 * 86_400;

fn named<T: std::fmt::Debug>(result: Result<T, Error>, expected: &str) -> Error {
    let err = result.expect_err(&format!("expected {expected}"));
    assert_eq!(err.revert_name(), Some(expected), "{err}");
    err
}

#[tokio::test(flavor = "multi_thread")]
async fn a_queue_re_point_waits_the_timelock_and_depositors_leave_first() {
    // Given a depositor with 100 rstETH
    let world = World::deployed().await;
    let v = world.vault();
    let depositor = world.funded(2, &v, 100).await;
    deposit::deposit(&depositor, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();
    let admin = &world.admin;
    let vault = admin.vault(&v);
    let attacker_queue = admin.me();

    // When the admin, acting fast, tries to point the queue at its own key
    named(
        admin
            .wallet
            .send(
                vault.setWithdrawalQueue(attacker_queue),
                "re-point the queue",
            )
            .await,
        "WiringAlreadySet",
    );
    admin
        .wallet
        .send(
            vault.proposeWiring(admin.manifest.hub.address, attacker_queue),
            "propose re-wiring",
        )
        .await
        .expect("the admin may propose");
    named(
        admin.wallet.send(vault.executeWiring(), "execute").await,
        "WiringNotReady",
    );

    // Then the depositor, seeing the proposal, leaves through the old queue before it applies
    let request = withdraw::request(&depositor, &v, None, None).await.unwrap();
    admin.wallet.warp(WITHDRAWAL_DELAY + 1).await.unwrap();
    let paid = withdraw::claim(&depositor, &v, request.request_id)
        .await
        .unwrap();
    assert_eq!(paid.assets, tokens(100), "everything back");
    named(
        admin.wallet.send(vault.executeWiring(), "execute").await,
        "WiringNotReady",
    );

    // A request still open when the timelock ends blocks the switch until it is paid
    let late = world.funded(3, &v, 10).await;
    deposit::deposit(&late, &v, tokens(10), DepositOptions::default())
        .await
        .unwrap();
    let open = withdraw::request(&late, &v, None, None).await.unwrap();
    admin
        .wallet
        .warp(WIRING_DELAY - WITHDRAWAL_DELAY)
        .await
        .unwrap();
    named(
        admin.wallet.send(vault.executeWiring(), "execute").await,
        "QueueHasOpenRequests",
    );
    admin.wallet.warp(WITHDRAWAL_DELAY + 1).await.unwrap();
    withdraw::claim(admin, &v, open.request_id).await.unwrap();
    admin
        .wallet
        .send(vault.executeWiring(), "execute")
        .await
        .expect("the re-wiring applies once the timelock ran and the queue is empty");
    assert_eq!(
        vault.withdrawalQueue().call().await.unwrap(),
        attacker_queue
    );
    assert_eq!(vault.totalAssets().call().await.unwrap(), U256::ZERO);
}

#[tokio::test(flavor = "multi_thread")]
async fn requesting_more_shares_than_held_names_the_vaults_insufficient_balance() {
    let world = World::deployed().await;
    let v = world.vault();
    let leaver = world.funded(2, &v, 100).await;
    deposit::deposit(&leaver, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();

    let err = named(
        withdraw::request(&leaver, &v, Some(tokens(101)), None).await,
        "InsufficientBalance",
    );

    let revert = err.revert().unwrap();
    let args: Vec<&str> = revert
        .args
        .iter()
        .map(|(_, value)| value.as_str())
        .collect();
    assert_eq!(args[0], leaver.me().to_checksum(None), "{err}");
    assert!(args[1].starts_with("100000000000000000000"), "{err}");
    assert!(args[2].starts_with("101000000000000000000"), "{err}");
    assert!(err.to_string().contains("check balances"), "{err}");
    assert_eq!(err.exit_code(), 2);
}
