//! A deployed stylus-lrt on a fresh devnet, and the actors that use it.

use std::{
    path::PathBuf,
    sync::{
        OnceLock,
        atomic::{AtomicU32, Ordering},
    },
};

use alloy::{primitives::U256, signers::local::PrivateKeySigner};
use deployer::{
    build,
    chain::Wallet,
    config::DeployConfig,
    deploy::{self, Programs},
    manifest::VaultRecord,
    ops::{Protocol, deposit},
    output::Out,
    units::WAD,
};
use devnet::DevnetHandle;

/// Short delays so tests warp less; two vaults so a slash can be shown to spare the vault
/// that is not delegated to the slashed operator.
pub const TEST_CONFIG: &str = r#"
[roles]
pausers = ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]

[hub]
deallocation_delay = "1d"

[[vault]]
asset = { mock = "stETH" }
name = "Restaked stETH"
symbol = "rstETH"
withdrawal_delay = "2d"
tvl_cap = "10000"
per_deposit_cap = "1000"
protocol_fee = "10%"
vesting_period = "1h"

[[vault]]
asset = { mock = "rETH" }
name = "Restaked rETH"
symbol = "rrETH"
withdrawal_delay = "2d"
"#;

/// Account 1 of the devnet is the configured pauser.
pub const PAUSER: usize = 1;

/// The contracts, built once per test binary (cargo's cache makes later binaries cheap).
pub fn programs() -> Programs {
    static PROGRAMS: OnceLock<Programs> = OnceLock::new();
    PROGRAMS
        .get_or_init(|| {
            Programs::build(&build::workspace_root()).expect("the contracts build and fit")
        })
        .clone()
}

pub struct World {
    pub node: DevnetHandle,
    /// Account 0: deployer, admin and curator.
    pub admin: Protocol,
    pub signers: Vec<PrivateKeySigner>,
    pub manifest_path: PathBuf,
    pub config: DeployConfig,
}

impl World {
    /// A fresh devnet with [`TEST_CONFIG`] deployed.
    pub async fn deployed() -> Self {
        let node = devnet::Devnet::spawn(devnet::Config::ephemeral())
            .await
            .expect("devnet starts");
        let signers = node.accounts().signers().to_vec();
        let wallet = Wallet::with_signer(&node.endpoint(), signers[0].clone()).unwrap();
        let config = DeployConfig::parse(TEST_CONFIG).unwrap();
        let manifest_path = scratch_manifest();
        let report = deploy::deploy_or_verify(
            &wallet,
            &config,
            || Ok(programs()),
            &manifest_path,
            &Out::new(true),
        )
        .await
        .expect("deploy succeeds");
        assert!(report.deployed);
        let admin = Protocol::new(wallet, report.manifest);
        Self {
            node,
            admin,
            signers,
            manifest_path,
            config,
        }
    }

    /// The deployment acted on by devnet account `i`.
    pub fn actor(&self, i: usize) -> Protocol {
        self.admin.acting_as(self.wallet(i))
    }

    pub fn wallet(&self, i: usize) -> Wallet {
        Wallet::with_signer(&self.node.endpoint(), self.signers[i].clone()).unwrap()
    }

    /// The first vault (rstETH), which the scenarios delegate.
    pub fn vault(&self) -> VaultRecord {
        self.admin.manifest.vaults[0].clone()
    }

    /// The second vault (rrETH), never delegated in the scenarios.
    pub fn other_vault(&self) -> VaultRecord {
        self.admin.manifest.vaults[1].clone()
    }

    /// Account `i`, holding `amount` whole tokens of `v`'s mock asset.
    pub async fn funded(&self, i: usize, v: &VaultRecord, amount: u64) -> Protocol {
        let p = self.actor(i);
        deposit::mint(&p, v, p.me(), tokens(amount))
            .await
            .expect("mint");
        p
    }
}

pub fn tokens(n: u64) -> U256 {
    U256::from(n) * WAD
}

pub fn pct(n: u64) -> U256 {
    WAD * U256::from(n) / U256::from(100)
}

/// A manifest path no other test uses.
fn scratch_manifest() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = build::workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "manifest-{}-{}.json",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_file(&path);
    path
}
