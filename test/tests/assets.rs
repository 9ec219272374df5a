//! Assets that cheat: `lrt deploy`'s probe flags a fee-on-transfer token, and a vault built on
//! one anyway refuses every deposit by name instead of booking assets it never received.

use alloy::{primitives::U256, sol};
use deployer::{
    build,
    config::DeployConfig,
    deploy,
    ops::{
        Protocol,
        deposit::{self, DepositOptions},
    },
    output::Out,
    probe, solidity,
};
use e2e::{World, world::tokens};

sol! {
    #[sol(rpc)]
    interface IFeeToken {
        function mint(address to, uint256 amount) external;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fee_on_transfer_asset_is_flagged_at_deploy_and_its_deposits_are_refused() {
    // Given a token that keeps 1 % of every transfer, held by the deployer
    let world = World::deployed().await;
    let wallet = world.wallet(0);
    let code = solidity::creation_code(&build::workspace_root(), "FeeOnTransferToken").unwrap();
    let (fee_token, _) = wallet
        .deploy_evm(code, "deploy fee-on-transfer token")
        .await
        .unwrap();
    let token = IFeeToken::new(fee_token, wallet.provider().clone());
    wallet
        .send(token.mint(wallet.address(), tokens(1_000)), "mint")
        .await
        .unwrap();

    // When the deploy probe looks at it, and at the plain mock LST
    let warning = probe::asset_warning(&wallet, fee_token)
        .await
        .unwrap()
        .expect("a warning");
    let v = world.vault();
    deposit::mint(&world.admin, &v, wallet.address(), tokens(5))
        .await
        .unwrap();
    let plain = probe::asset_warning(&wallet, v.asset.address)
        .await
        .unwrap();

    // Then only the fee token is flagged, with what the transfer delivered
    assert!(warning.contains("not a plain ERC-20"), "{warning}");
    assert!(
        warning.contains("delivered 990000000000000000000"),
        "{warning}"
    );
    assert_eq!(plain, None);

    // And a vault deployed over it refuses deposits with AssetShortfall
    let config = DeployConfig::parse(&format!(
        "[[vault]]\nasset = \"{fee_token}\"\nname = \"Restaked FEE\"\nsymbol = \"rFEE\"\n"
    ))
    .unwrap();
    let manifest_path =
        build::workspace_root().join(format!("target/e2e/fee-token-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&manifest_path);
    let report = deploy::deploy_or_verify(
        &wallet,
        &config,
        || Ok(e2e::world::programs()),
        &manifest_path,
        &Out::new(true),
    )
    .await
    .expect("deploy goes on after the warning");
    let p = Protocol::new(wallet.clone(), report.manifest.clone());
    let fee_vault = report.manifest.vaults[0].clone();
    let err = deposit::deposit(&p, &fee_vault, tokens(100), DepositOptions::default())
        .await
        .expect_err("the vault must refuse a short delivery");
    assert_eq!(err.revert_name(), Some("AssetShortfall"), "{err}");
    assert_eq!(
        p.vault(&fee_vault).totalAssets().call().await.unwrap(),
        U256::ZERO
    );
}
