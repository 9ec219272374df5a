//! `lrt status` shows what the chain says: every figure is read back here on its own (with
//! the contracts' views, not the status code) and the concentration maths redone by hand.

use alloy::primitives::U256;
use deployer::{
    ops::{deposit::DepositOptions, withdraw},
    status::{self, Labels},
    units::WAD,
};
use e2e::{
    World,
    setup::restake,
    world::{pct, tokens},
};

#[tokio::test(flavor = "multi_thread")]
async fn every_figure_matches_the_chain_and_the_exposure_maths() {
    // Given 400 deposited, 60 % delegated to one operator who allocates 50 % to one AVS, and
    // one open withdrawal request of 100 shares
    let world = World::deployed().await;
    let v = world.vault();
    let holder = world.funded(2, &v, 1_000).await;
    deployer::ops::deposit::deposit(&holder, &v, tokens(400), DepositOptions::default())
        .await
        .unwrap();
    let roles = restake(&world, &v, pct(60), pct(50)).await;
    let requested = withdraw::request(&holder, &v, Some(tokens(100)), None)
        .await
        .unwrap();

    // When status reads the deployment
    let status = status::read(&world.admin).await.unwrap();
    let s = status
        .vaults
        .iter()
        .find(|s| s.address == v.vault.address)
        .expect("the vault is in the status");

    // Then each figure is what the contracts answer
    let vault = world.admin.vault(&v);
    let queue = world.admin.queue(&v);
    let total = vault.totalAssets().call().await.unwrap();
    assert_eq!(s.total_assets, total);
    assert_eq!(s.total_assets, tokens(400));
    assert_eq!(s.total_supply, vault.totalSupply().call().await.unwrap());
    assert_eq!(s.rate, vault.convertToAssets(WAD).call().await.unwrap());
    assert_eq!(s.tvl_cap, vault.tvlCap().call().await.unwrap());
    let request = queue.request(requested.request_id).call().await.unwrap();
    assert_eq!(s.queue.count, U256::from(1));
    assert_eq!(s.queue.shares, tokens(100));
    assert_eq!(s.queue.assets, request._2);
    assert_eq!(s.queue.next_unlock, request._4);
    assert_eq!(
        s.queue.withdrawal_delay,
        queue.withdrawalDelay().call().await.unwrap()
    );

    // And the exposure is delegation × allocation of the TVL: 60 % × 50 % = 30 %
    assert_eq!(s.exposure.len(), 1);
    let row = &s.exposure[0];
    assert_eq!(
        (row.operator, row.avs),
        (roles.operator.me(), roles.avs.me())
    );
    let expected = total * pct(60) / WAD * pct(50) / WAD;
    assert!(row.slashable_now.abs_diff(expected) <= U256::from(2));
    assert_eq!(row.share_of_tvl, row.slashable_now * WAD / total);
    assert!(row.share_of_tvl.abs_diff(pct(30)) <= U256::from(10));
    let exposure = world
        .admin
        .hub()
        .exposure(v.vault.address, row.operator, row.avs)
        .call()
        .await
        .unwrap();
    assert_eq!(
        (row.slashable_now, row.slashable_after_pending),
        (exposure._0, exposure._1)
    );

    // And the concentration: one operator at 60 %, HHI 0.6² = 36 %
    assert_eq!(s.operators.len(), 1);
    assert_eq!(s.operators[0].delegation, pct(60));
    assert_eq!(s.operators[0].slashable_now, row.slashable_now);
    assert_eq!(s.avss.len(), 1);
    assert_eq!(s.avss[0].slashable_now, row.slashable_now);
    assert_eq!(s.delegation_hhi, pct(36));

    // And the tables print those figures
    let text = status::render(&status, &Labels::new([]));
    for figure in ["400 stETH", "30.00%", "36.00%", "60.00%", "1 requests"] {
        assert!(text.contains(figure), "`{figure}` missing from\n{text}");
    }
}
