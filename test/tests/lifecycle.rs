//! The whole lifecycle through the deployer library, with balances, rate, events and the
//! DESIGN.md §2 invariants checked after every step.

use alloy::primitives::U256;
use deployer::{
    abi::lrt::events,
    ops::{
        avs,
        deposit::{self, Approval, DepositOptions},
        rewards, withdraw,
    },
    units::WAD,
};
use e2e::{
    World,
    invariants::{Rate, Watch},
    setup::restake,
    world::{pct, tokens},
};

#[tokio::test(flavor = "multi_thread")]
async fn deposit_restake_reward_slash_and_withdraw_keep_every_invariant() {
    let world = World::deployed().await;
    let v = world.vault();
    let other = world.other_vault();
    let mut watch = Watch::default();
    watch.check(&world.admin, "deployed", Rate::Steady).await;

    // Deposits: approve, permit, and one into the other vault
    let alice = world.funded(2, &v, 1_000).await;
    let done = deposit::deposit(&alice, &v, tokens(100), DepositOptions::default())
        .await
        .unwrap();
    assert_eq!(done.shares, tokens(100), "the first deposit mints 1:1");
    assert!(done.approval_tx.is_some());
    let ev = done.tx.event::<events::Deposit>().expect("Deposit event");
    assert_eq!(
        (ev.sender, ev.owner, ev.assets),
        (alice.me(), alice.me(), tokens(100))
    );
    assert_eq!(
        alice.asset(&v).balanceOf(alice.me()).call().await.unwrap(),
        tokens(900)
    );
    let bob = world.funded(3, &v, 1_000).await;
    let permit = DepositOptions {
        approval: Approval::Permit,
        ..Default::default()
    };
    let done = deposit::deposit(&bob, &v, tokens(200), permit)
        .await
        .unwrap();
    assert_eq!(done.shares, tokens(200));
    let carol = world.funded(4, &other, 500).await;
    deposit::deposit(&carol, &other, tokens(50), DepositOptions::default())
        .await
        .unwrap();
    watch.check(&world.admin, "deposits", Rate::Steady).await;

    // Restaking: 60% of rstETH to the operator, which allocates 50% to the AVS
    let r = restake(&world, &v, pct(60), pct(50)).await;
    let exposure = deployer::status::exposure_rows(&world.admin, v.vault.address)
        .await
        .unwrap();
    assert_eq!(
        exposure,
        vec![(r.operator.me(), r.avs.me(), tokens(90), tokens(90))],
        "300 × 60% × 50%"
    );
    watch.check(&world.admin, "restaked", Rate::Steady).await;

    // Rewards vest over the 1 h vesting period; the fee goes to the treasury in the asset
    let dana = world.funded(9, &v, 100).await;
    let rate_before = world
        .admin
        .vault(&v)
        .convertToAssets(WAD)
        .call()
        .await
        .unwrap();
    let treasury_before = world
        .admin
        .asset(&v)
        .balanceOf(v.treasury)
        .call()
        .await
        .unwrap();
    let pushed = rewards::push(&dana, &v, tokens(10)).await.unwrap();
    let notified = pushed
        .tx
        .event::<events::RewardsNotified>()
        .expect("RewardsNotified event");
    assert_eq!(notified.amount, tokens(10));
    assert_eq!(notified.fee, tokens(1), "10% protocol fee");
    assert_eq!(
        world
            .admin
            .asset(&v)
            .balanceOf(v.treasury)
            .call()
            .await
            .unwrap()
            - treasury_before,
        notified.fee,
        "the fee is paid in the asset"
    );
    watch
        .check(
            &world.admin,
            "rewards pushed",
            Rate::MayRise {
                rewards: tokens(10),
            },
        )
        .await;
    world.admin.wallet.warp(3_600).await.unwrap();
    watch
        .check(
            &world.admin,
            "rewards vested",
            Rate::MayRise {
                rewards: tokens(10),
            },
        )
        .await;
    let rate_vested = world
        .admin
        .vault(&v)
        .convertToAssets(WAD)
        .call()
        .await
        .unwrap();
    assert!(rate_vested > rate_before, "vesting rewards raise the rate");

    // A slash of 50% of the allocation takes 60% × 50% × 50% = 15% of rstETH, nothing of rrETH
    let total_before = world.admin.vault(&v).totalAssets().call().await.unwrap();
    let other_before = world
        .admin
        .vault(&other)
        .totalAssets()
        .call()
        .await
        .unwrap();
    let burn_before = world
        .admin
        .asset(&v)
        .balanceOf(r.avs.me())
        .call()
        .await
        .unwrap();
    let slashed = avs::slash(&r.avs, r.avs.me(), r.operator.me(), pct(50), None)
        .await
        .unwrap();
    let expected = (total_before * U256::from(15)).div_ceil(U256::from(100));
    assert_eq!(slashed.total_assets, expected);
    let ev = slashed
        .tx
        .event::<events::OperatorSlashed>()
        .expect("OperatorSlashed event");
    assert_eq!(
        (ev.avs, ev.operator, ev.totalAssets),
        (r.avs.me(), r.operator.me(), expected)
    );
    assert_eq!(slashed.per_vault, vec![(v.vault.address, expected)]);
    assert_eq!(
        world.admin.vault(&v).totalAssets().call().await.unwrap(),
        total_before - expected
    );
    assert_eq!(
        world
            .admin
            .vault(&other)
            .totalAssets()
            .call()
            .await
            .unwrap(),
        other_before,
        "an undelegated vault loses nothing"
    );
    // The loss is booked now and owed to the hub's sink (no redistribution was approved);
    // anyone may pay it out later.
    let sink = world.admin.hub().slashSink().call().await.unwrap();
    assert_eq!(
        world.admin.vault(&v).slashOwed(sink).call().await.unwrap(),
        expected
    );
    let (paid, _) = avs::pay_slashed(&alice, &v, sink).await.unwrap();
    assert_eq!(paid, expected);
    assert_eq!(
        world.admin.asset(&v).balanceOf(sink).call().await.unwrap(),
        expected
    );
    assert_eq!(
        world
            .admin
            .asset(&v)
            .balanceOf(r.avs.me())
            .call()
            .await
            .unwrap(),
        burn_before,
        "the AVS is paid nothing without the curator's consent to redistribution"
    );
    watch.check(&world.admin, "slashed", Rate::MayFall).await;
    let rate_slashed = world
        .admin
        .vault(&v)
        .convertToAssets(WAD)
        .call()
        .await
        .unwrap();
    assert!(rate_slashed < rate_vested);

    // Alice requests; a second slash lands during the wait and hits her payout too
    let request = withdraw::request(&alice, &v, None, None).await.unwrap();
    assert_eq!(request.shares, tokens(100));
    assert_eq!(
        alice.vault(&v).balanceOf(alice.me()).call().await.unwrap(),
        U256::ZERO
    );
    let views = withdraw::list(&alice, &v, None).await.unwrap();
    let view = views
        .iter()
        .find(|r| r.request_id == request.request_id)
        .expect("the request is listed");
    assert!(!view.claimable_now);
    let value_at_request = view.assets_at_request;
    watch.check(&world.admin, "requested", Rate::Steady).await;
    avs::slash(&r.avs, r.avs.me(), r.operator.me(), pct(20), None)
        .await
        .unwrap();
    watch
        .check(&world.admin, "slashed during the wait", Rate::MayFall)
        .await;
    let value_at_claim = world
        .admin
        .vault(&v)
        .convertToAssets(request.shares)
        .call()
        .await
        .unwrap();
    assert!(value_at_claim < value_at_request);

    // After the delay the claim pays min(value at request, value at claim), once
    world.admin.wallet.warp(2 * 86_400 + 1).await.unwrap();
    let balance_before = alice.asset(&v).balanceOf(alice.me()).call().await.unwrap();
    let claimed = withdraw::claim(&dana, &v, request.request_id)
        .await
        .expect("anyone may trigger the claim");
    let paid = alice.asset(&v).balanceOf(alice.me()).call().await.unwrap() - balance_before;
    assert!(
        paid > U256::ZERO && paid <= value_at_claim.min(value_at_request),
        "paid {paid}"
    );
    assert!(claimed.assets.is_zero() || claimed.assets == paid);
    assert!(
        withdraw::list(&alice, &v, None)
            .await
            .unwrap()
            .iter()
            .all(|r| r.request_id != request.request_id)
    );
    watch.check(&world.admin, "claimed", Rate::Steady).await;
}
