//! `lrt deploy`: a second run only verifies, naming each setting or program that differs;
//! re-wiring sends only what differs; a chain without Stylus is refused before gas.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use alloy::{primitives::U256, providers::Provider};
use deployer::{
    build, chain::DEFAULT_PRIVATE_KEY, chain::Wallet, config::DeployConfig, deploy, error::Error,
    output::Out, units::WAD,
};
use e2e::{World, world::TEST_CONFIG};

#[tokio::test(flavor = "multi_thread")]
async fn deploying_again_with_the_manifest_present_verifies_and_sends_nothing() {
    // Given a deployment and its manifest
    let world = World::deployed().await;
    let wallet = world.wallet(0);
    let nonce_before = wallet
        .provider()
        .get_transaction_count(wallet.address())
        .await
        .unwrap();
    let block_before = wallet.provider().get_block_number().await.unwrap();

    // When deploy runs again with the same config and manifest
    let report = deploy::deploy_or_verify(
        &wallet,
        &world.config,
        || panic!("a verify-only run must not need the programs"),
        &world.manifest_path,
        &Out::new(true),
    )
    .await
    .expect("the existing deployment verifies");

    // Then nothing was sent and every on-chain check passed
    assert!(!report.deployed);
    assert_eq!(report.manifest, world.admin.manifest);
    assert!(
        report.checks.len() > 20,
        "only {} checks",
        report.checks.len()
    );
    assert!(report.checks.iter().all(|c| c.ok), "{:?}", report.checks);
    assert_eq!(
        wallet
            .provider()
            .get_transaction_count(wallet.address())
            .await
            .unwrap(),
        nonce_before
    );
    assert_eq!(
        wallet.provider().get_block_number().await.unwrap(),
        block_before
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_manifest_records_addresses_code_hashes_and_transactions() {
    let world = World::deployed().await;
    let m = &world.admin.manifest;
    let provider = world.wallet(0);
    let provider = provider.provider();

    assert_eq!(m.chain_id, devnet::config::DEFAULT_CHAIN_ID);
    assert_eq!(m.vaults.len(), 2);
    for record in std::iter::once(&m.hub).chain(m.vaults.iter().flat_map(|v| [&v.vault, &v.queue]))
    {
        let code = provider.get_code_at(record.address).await.unwrap();
        assert!(
            code.starts_with(&[0xEF, 0xF0, 0x00]),
            "{} holds no Stylus program",
            record.address
        );
        assert_eq!(alloy::primitives::keccak256(&code), record.code_hash);
        let receipt = provider
            .get_transaction_receipt(record.tx_hash)
            .await
            .unwrap()
            .expect("deploy tx is mined");
        assert!(receipt.status());
        assert!(record.gas_used > 0);
    }
    // Both vaults run the same program: the second one paid no activation fee.
    assert_eq!(m.vaults[0].vault.code_hash, m.vaults[1].vault.code_hash);
    assert!(m.vaults[1].vault.data_fee.is_zero());
    let saved: deployer::manifest::Manifest =
        serde_json::from_str(&std::fs::read_to_string(&world.manifest_path).unwrap()).unwrap();
    assert_eq!(&saved, m);
}

/// A real Anvil on a free port, stopped when dropped.
struct Anvil {
    child: Child,
    url: String,
}

impl Anvil {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let binary = build::workspace_root().join("node_modules/.bin/anvil");
        let child = Command::new(&binary)
            .args(["--port", &port.to_string(), "--silent"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{} does not start ({e}); run scripts/setup.sh",
                    binary.display()
                )
            });
        Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn deploying_to_real_anvil_stops_before_spending_gas_and_says_why() {
    // Given a real Anvil, which cannot run Stylus
    let anvil = Anvil::start();
    let wallet = Wallet::connect(&anvil.url, DEFAULT_PRIVATE_KEY).unwrap();
    let mut ready = false;
    for _ in 0..100 {
        if wallet.chain_id().await.is_ok() {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "anvil did not come up at {}", anvil.url);
    let manifest = build::workspace_root().join("target/e2e/anvil-refusal.json");
    let _ = std::fs::remove_file(&manifest);

    // When deploy is pointed at it
    let err = deploy::deploy_or_verify(
        &wallet,
        &DeployConfig::parse(TEST_CONFIG).unwrap(),
        || panic!("nothing may be built for a chain that cannot run it"),
        &manifest,
        &Out::new(true),
    )
    .await
    .unwrap_err();

    // Then it refuses with a message that names the problem and the way out, and sent nothing
    assert!(
        matches!(
            err,
            Error::NoStylus {
                chain_id: 31337,
                ..
            }
        ),
        "{err}"
    );
    let message = err.to_string();
    assert!(message.contains("cannot run Stylus"), "{message}");
    assert!(message.contains("nothing was sent"), "{message}");
    assert!(message.contains("lrt devnet"), "{message}");
    assert_eq!(err.exit_code(), 3);
    assert_eq!(
        wallet
            .provider()
            .get_transaction_count(wallet.address())
            .await
            .unwrap(),
        0
    );
    assert!(!manifest.exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_admin_role_moves_in_two_steps_on_every_contract() {
    use deployer::ops::admin;
    let world = World::deployed().await;
    let successor = world.actor(5);

    // Accepting before anything was offered is refused with a hint
    let refused = admin::accept(&successor).await.unwrap_err();
    assert!(refused.to_string().contains("pending admin"), "{refused}");

    // The admin names a successor: nothing changes hands yet
    let offered = admin::transfer(&world.admin, successor.me()).await.unwrap();
    assert_eq!(offered.len(), admin::contracts(&world.admin).len());
    assert!(
        offered
            .iter()
            .all(|c| c.admin == world.admin.me() && c.pending_admin == successor.me())
    );

    // The successor accepts everywhere; the old admin has lost the role
    let accepted = admin::accept(&successor).await.unwrap();
    assert_eq!(accepted.len(), offered.len());
    assert!(
        accepted
            .iter()
            .all(|c| c.admin == successor.me() && c.pending_admin.is_zero())
    );
    let v = world.vault();
    let err = deployer::ops::admin::unpause(&world.admin, &v, admin::DEPOSIT)
        .await
        .unwrap_err();
    assert_eq!(err.revert_name(), Some("NotAdmin"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_setting_changed_after_deploy_is_reported_by_name_and_rewired_alone() {
    use deployer::abi::lrt::{IVault, IWithdrawalQueue};
    // Given a deployment whose protocol fee and a queue's pauser were changed behind its back
    let world = World::deployed().await;
    let wallet = world.wallet(0);
    let m = &world.admin.manifest;
    let v = &m.vaults[0];
    let pauser = m.pausers[0];
    let vault = IVault::new(v.vault.address, wallet.provider().clone());
    wallet
        .send(
            vault.setProtocolFee(U256::from(2) * WAD / U256::from(10)),
            "fee 20%",
        )
        .await
        .unwrap();
    let queue = IWithdrawalQueue::new(v.queue.address, wallet.provider().clone());
    wallet
        .send(queue.setPauser(pauser, false), "drop pauser")
        .await
        .unwrap();

    // When the deployment is verified
    let checks = deploy::verify(&wallet, &world.config, m, None)
        .await
        .unwrap();

    // Then exactly those two settings fail, by name, with what the config wants
    let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
    let names: Vec<_> = failed.iter().map(|c| c.what.as_str()).collect();
    let queue_pauser = format!("rstETH queue pauser {pauser}");
    assert_eq!(
        names,
        ["rstETH protocol fee", queue_pauser.as_str()],
        "{failed:?}"
    );
    assert!(
        failed[0].detail.contains("config wants 100000000000000000"),
        "{}",
        failed[0].detail
    );
    // And deploy with the manifest present refuses, naming them
    let err = deploy::deploy_or_verify(
        &wallet,
        &world.config,
        || panic!("a verify-only run must not need the programs"),
        &world.manifest_path,
        &Out::new(true),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(err.contains("rstETH protocol fee"), "{err}");

    // When the deployment is wired again
    let sent = deploy::rewire(&wallet, &world.config, m, &Out::new(true))
        .await
        .unwrap();

    // Then only the two drifted settings were sent, and everything verifies
    let whats: Vec<_> = sent.iter().map(|t| t.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "rstETH.setProtocolFee".to_owned(),
            format!("setPauser({pauser}) on {}", v.queue.address)
        ]
    );
    let checks = deploy::verify(&wallet, &world.config, m, None)
        .await
        .unwrap();
    assert!(checks.iter().all(|c| c.ok), "{checks:?}");
    // And wiring once more sends nothing
    let again = deploy::rewire(&wallet, &world.config, m, &Out::new(true))
        .await
        .unwrap();
    assert!(again.is_empty(), "{again:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn verify_reports_a_deployed_program_that_is_not_the_current_build() {
    // Given a deployment of the current build
    let world = World::deployed().await;
    let wallet = world.wallet(0);
    let m = &world.admin.manifest;
    let built = e2e::world::programs();
    let build_checks = |checks: &[deploy::Check]| -> Vec<(String, bool)> {
        checks
            .iter()
            .filter(|c| c.what.ends_with("matches the current build"))
            .map(|c| (c.what.clone(), c.ok))
            .collect()
    };

    // Then each of the five programs matches it
    let checks = deploy::verify(&wallet, &world.config, m, Some(&built))
        .await
        .unwrap();
    let matched = build_checks(&checks);
    assert_eq!(matched.len(), 5, "{matched:?}");
    assert!(matched.iter().all(|(_, ok)| *ok), "{matched:?}");

    // When the build's vault is another program (here: the hub's)
    let rebuilt = deploy::Programs {
        vault: built.hub.clone(),
        ..built.clone()
    };
    let checks = deploy::verify(&wallet, &world.config, m, Some(&rebuilt))
        .await
        .unwrap();

    // Then both vaults are reported as differing, and nothing else
    let differing: Vec<_> = build_checks(&checks)
        .into_iter()
        .filter(|(_, ok)| !ok)
        .map(|(what, _)| what)
        .collect();
    assert_eq!(
        differing,
        [
            "vault rstETH matches the current build",
            "vault rrETH matches the current build"
        ]
    );
    let detail = &checks
        .iter()
        .find(|c| c.what == "vault rstETH matches the current build")
        .unwrap()
        .detail;
    assert!(detail.starts_with("no: deployed program 0x"), "{detail}");
    assert!(checks.iter().filter(|c| !c.ok).count() == 2, "{checks:?}");
}
