//! A slash lowers the LRT's rate, the lending market values its collateral with
//! `convertToAssets`, so a position that was safe becomes liquidatable.

use alloy::primitives::U256;
use deployer::{
    ops::{
        avs,
        deposit::{self, DepositOptions},
        lending::{self, MarketParams},
    },
    units::WAD,
};
use e2e::{
    World,
    setup::restake,
    world::{pct, tokens},
};

#[tokio::test(flavor = "multi_thread")]
async fn a_slash_makes_a_max_ltv_position_liquidatable_and_a_liquidator_seizes_it() {
    // Given a borrower at the maximum LTV against rstETH collateral
    let world = World::deployed().await;
    let v = world.vault();
    let lender = world.funded(9, &v, 5_000).await;
    let borrower = world.funded(3, &v, 1_000).await;
    deposit::deposit(&borrower, &v, tokens(500), DepositOptions::default())
        .await
        .unwrap();
    let r = restake(&world, &v, pct(60), pct(50)).await;
    let params = MarketParams {
        max_ltv_wad: pct(80),
        liquidation_threshold_wad: pct(85),
        liquidation_bonus_wad: pct(5),
    };
    let (market, _) = lending::deploy(&lender, &v, params).await.unwrap();
    lending::supply(&lender, &v, market, tokens(2_000))
        .await
        .unwrap();
    let collateral = tokens(400);
    let value = borrower
        .vault(&v)
        .convertToAssets(collateral)
        .call()
        .await
        .unwrap();
    lending::open_position(&borrower, &v, market, collateral, value * pct(80) / WAD)
        .await
        .unwrap();
    let before = lending::position(&borrower, market, borrower.me())
        .await
        .unwrap();
    assert!(before.health_factor >= WAD && !before.liquidatable);
    let healthy = lending::liquidate(&lender, &v, market, borrower.me(), tokens(1))
        .await
        .expect_err("healthy");
    assert_eq!(healthy.revert_name(), Some("PositionHealthy"));

    // When the operator carrying 60% of the vault is slashed 40% of its 50% allocation (12%)
    avs::slash(&r.avs, r.avs.me(), r.operator.me(), pct(40), None)
        .await
        .unwrap();

    // Then the same collateral is worth 12% less and the position can be liquidated
    let after = lending::position(&borrower, market, borrower.me())
        .await
        .unwrap();
    assert_eq!(after.collateral_shares, before.collateral_shares);
    assert!(after.collateral_value < before.collateral_value * U256::from(89) / U256::from(100));
    assert!(
        after.health_factor < WAD && after.liquidatable,
        "health {}",
        after.health_factor
    );
    let repay = after.debt / U256::from(2);
    let shares_before = lender
        .vault(&v)
        .balanceOf(lender.me())
        .call()
        .await
        .unwrap();
    let liquidation = lending::liquidate(&lender, &v, market, borrower.me(), repay)
        .await
        .unwrap();
    let seized = lender
        .vault(&v)
        .balanceOf(lender.me())
        .call()
        .await
        .unwrap()
        - shares_before;
    assert_eq!(seized, liquidation.shares_seized);
    let seized_value = lender
        .vault(&v)
        .convertToAssets(seized)
        .call()
        .await
        .unwrap();
    assert!(
        seized_value >= repay,
        "the liquidator is paid at least what it repaid plus the bonus"
    );
    let left = lending::position(&borrower, market, borrower.me())
        .await
        .unwrap();
    assert_eq!(left.debt, after.debt - repay);
}
