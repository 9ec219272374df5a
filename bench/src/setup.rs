//! One devnet holding both sides over the same mock token: our hub, vaults and queues
//! (deployed by the deployer library, the path `lrt deploy` and the e2e tests take) and the
//! OpenZeppelin baseline.

use std::path::{Path, PathBuf};

use alloy::{
    primitives::{Address, Bytes, U256},
    signers::local::PrivateKeySigner,
    sol_types::SolValue,
};
use anyhow::{Context, Result};
use deployer::{
    build,
    chain::Wallet,
    config::DeployConfig,
    deploy::{self, Programs},
    ops::Protocol,
    output::Out,
};
use devnet::DevnetHandle;

use crate::solidity;

/// Vaults deployed on our side: the first takes the user operations, and an operator can be
/// delegated by up to [`lrt_common`'s `MAX_LINKS`] = 32 of them for the slash measurements.
pub const VAULTS: usize = 32;
/// Withdrawal delay of both queues and the hub's deallocation delay.
pub const DELAY_SECONDS: u64 = 86_400;

/// A vault, its queue and its asset: the addresses the user operations are sent to.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub vault: Address,
    pub queue: Address,
    pub token: Address,
    /// The baseline's queue moves shares with `transferFrom`, so owners approve it once;
    /// ours is the vault's privileged locker.
    pub queue_needs_approval: bool,
}

pub struct Bench {
    pub node: DevnetHandle,
    pub signers: Vec<PrivateKeySigner>,
    /// Account 0: deployer, admin, curator and the funder of the bulk phases.
    pub admin: Protocol,
    pub programs: Programs,
    pub ours: Side,
    pub baseline: Side,
    /// The `BulkFiller` that grows both sides.
    pub filler: Address,
}

impl Bench {
    pub async fn start(root: &Path) -> Result<Self> {
        let programs = Programs::build(root).context("building the contracts")?;
        let baseline_code = solidity::compile(root)?;
        // Execution gas only: the devnet's L1 data charge (about 29k per transaction at its
        // default L1 price) depends on calldata and the L1 price, not on the contracts, and is
        // the same on both sides.
        let config = devnet::Config {
            l1_base_fee: 0,
            ..devnet::Config::ephemeral()
        };
        let node = devnet::Devnet::spawn(config)
            .await
            .context("starting the devnet")?;
        let signers = node.accounts().signers().to_vec();
        let wallet = Wallet::with_signer(&node.endpoint(), signers[0].clone())?;

        let (token, _) = deploy::deploy_mock_lst(&wallet, "Mock stETH", "stETH", 18).await?;
        let config = DeployConfig::parse(&config_toml(token))?;
        let report = deploy::deploy_or_verify(
            &wallet,
            &config,
            || Ok(programs.clone()),
            &scratch_manifest(root)?,
            &Out::new(true),
        )
        .await?;
        let admin = Protocol::new(wallet.clone(), report.manifest);
        let first = &admin.manifest.vaults[0];
        let ours = Side {
            vault: first.vault.address,
            queue: first.queue.address,
            token,
            queue_needs_approval: false,
        };

        let vault_args = (token, "OZ Vault".to_string(), "ozV".to_string()).abi_encode_params();
        let (oz_vault, _) = wallet
            .deploy_evm(concat(&baseline_code.vault, &vault_args), "deploy OzVault")
            .await?;
        let queue_args = (oz_vault, DELAY_SECONDS).abi_encode_params();
        let (oz_queue, _) = wallet
            .deploy_evm(
                concat(&baseline_code.queue, &queue_args),
                "deploy OzWithdrawalQueue",
            )
            .await?;
        let (filler, _) = wallet
            .deploy_evm(baseline_code.filler.clone(), "deploy BulkFiller")
            .await?;
        let baseline = Side {
            vault: oz_vault,
            queue: oz_queue,
            token,
            queue_needs_approval: true,
        };
        Ok(Self {
            node,
            signers,
            admin,
            programs,
            ours,
            baseline,
            filler,
        })
    }

    pub fn wallet(&self, account: usize) -> Result<Wallet> {
        Ok(Wallet::with_signer(
            &self.node.endpoint(),
            self.signers[account].clone(),
        )?)
    }

    pub fn protocol(&self, account: usize) -> Result<Protocol> {
        Ok(self.admin.acting_as(self.wallet(account)?))
    }
}

/// No caps, no fee: the operations measured are the plain ERC-4626 ones.
fn config_toml(token: Address) -> String {
    let days = DELAY_SECONDS / 86_400;
    let mut toml = format!("[hub]\ndeallocation_delay = \"{days}d\"\n");
    for i in 0..VAULTS {
        toml.push_str(&format!(
            "\n[[vault]]\nasset = \"{token}\"\nname = \"Restaked stETH {i}\"\n\
             symbol = \"rstETH{i}\"\nwithdrawal_delay = \"{days}d\"\n"
        ));
    }
    toml
}

fn concat(code: &Bytes, args: &[u8]) -> Bytes {
    [code.as_ref(), args].concat().into()
}

/// The deployer refuses to deploy over an existing manifest; each run starts a fresh chain.
fn scratch_manifest(root: &Path) -> Result<PathBuf> {
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("manifest-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    Ok(path)
}

/// `n` whole tokens.
pub fn tokens(n: u64) -> U256 {
    U256::from(n) * deployer::units::WAD
}

pub fn root() -> PathBuf {
    build::workspace_root()
}
