//! Each refusal comes back through the CLI library as the contract's named custom error,
//! with a sentence on what to do.

use alloy::primitives::U256;
use deployer::{
    error::Error,
    ops::{
        admin, avs,
        deposit::{self, DepositOptions},
        withdraw,
    },
};
use e2e::{
    World,
    setup::restake,
    world::{PAUSER, pct, tokens},
};

fn named(result: Result<impl std::fmt::Debug, Error>, expected: &str) -> Error {
    let err = result.expect_err(&format!("expected {expected}"));
    assert_eq!(err.revert_name(), Some(expected), "{err}");
    let revert = err.revert().unwrap();
    assert!(
        !revert.hint.is_empty() && !revert.hint.starts_with("no known contract"),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
    err
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slash_by_anyone_but_the_avs_slasher_is_refused_as_not_slasher() {
    let world = World::deployed().await;
    let v = world.vault();
    let depositor = world.funded(2, &v, 100).await;
    deposit::deposit(&depositor, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();
    let r = restake(&world, &v, pct(50), pct(50)).await;

    let intruder = world.actor(9);
    let err = named(
        avs::slash(&intruder, r.avs.me(), r.operator.me(), pct(10), None).await,
        "NotSlasher",
    );

    assert!(err.to_string().contains("slasher"), "{err}");
    assert_eq!(
        world.admin.vault(&v).totalAssets().call().await.unwrap(),
        tokens(100)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slash_above_the_whole_allocation_is_refused_as_invalid_fraction() {
    let world = World::deployed().await;
    let v = world.vault();
    let depositor = world.funded(2, &v, 100).await;
    deposit::deposit(&depositor, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();
    let r = restake(&world, &v, pct(50), pct(50)).await;

    named(
        avs::slash(
            &r.avs,
            r.avs.me(),
            r.operator.me(),
            pct(100) + U256::from(1),
            None,
        )
        .await,
        "InvalidFraction",
    );

    assert_eq!(
        world.admin.vault(&v).totalAssets().call().await.unwrap(),
        tokens(100)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn deposits_over_the_caps_are_refused_by_name() {
    let world = World::deployed().await;
    let v = world.vault();
    let whale = world.funded(2, &v, 20_000).await;

    // per-deposit cap is 1,000
    named(
        deposit::deposit(&whale, &v, tokens(1_001), DepositOptions::default()).await,
        "DepositCapExceeded",
    );
    // TVL cap is 10,000: ten deposits of 1,000 fill it, the eleventh does not fit
    for _ in 0..10 {
        deposit::deposit(&whale, &v, tokens(1_000), DepositOptions::default())
            .await
            .unwrap();
    }
    named(
        deposit::deposit(&whale, &v, tokens(1), DepositOptions::default()).await,
        "TvlCapExceeded",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_paused_deposit_is_refused_as_enforced_pause_until_the_admin_unpauses() {
    let world = World::deployed().await;
    let v = world.vault();
    let pauser = world.actor(PAUSER);
    let depositor = world.funded(2, &v, 100).await;

    admin::pause(&pauser, &v, admin::DEPOSIT)
        .await
        .expect("the configured pauser may pause");
    named(
        deposit::deposit(&depositor, &v, tokens(10), DepositOptions::default()).await,
        "EnforcedPause",
    );
    named(
        admin::unpause(&pauser, &v, admin::DEPOSIT).await,
        "NotAdmin",
    );

    admin::unpause(&world.admin, &v, admin::DEPOSIT)
        .await
        .expect("the admin unpauses");
    deposit::deposit(&depositor, &v, tokens(10), DepositOptions::default())
        .await
        .expect("deposits work again");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_claim_before_the_delay_and_a_second_claim_are_refused_by_name() {
    let world = World::deployed().await;
    let v = world.vault();
    let leaver = world.funded(2, &v, 100).await;
    deposit::deposit(&leaver, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();
    let request = withdraw::request(&leaver, &v, None, None).await.unwrap();

    // before the 2-day delay
    let early = withdraw::claim(&leaver, &v, request.request_id)
        .await
        .expect_err("claim before the delay");
    let early_name = early.revert_name().expect("a decoded revert").to_owned();
    assert_ne!(early_name, "Unknown", "{early}");

    world.admin.wallet.warp(2 * 86_400 + 1).await.unwrap();
    let paid = withdraw::claim(&leaver, &v, request.request_id)
        .await
        .expect("claim after the delay");
    assert!(paid.assets > U256::ZERO);

    let twice = withdraw::claim(&leaver, &v, request.request_id)
        .await
        .expect_err("second claim");
    let twice_name = twice.revert_name().expect("a decoded revert");
    assert_ne!(twice_name, "Unknown", "{twice}");
    assert_ne!(
        twice_name, early_name,
        "a double claim and an early claim are different failures"
    );
}
