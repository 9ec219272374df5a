//! `lrt deploy`: hub, one vault and one withdrawal queue per configured asset, through the
//! real Stylus protocol; then roles and parameters, an on-chain verification, and the
//! manifest. With a manifest already present it only verifies.
//!
//! The settings a deployment must hold are declared once, in [`plan`]: [`wire`] sends only
//! those that differ, [`verify`] reads them all back.

pub mod plan;
pub mod verify;
pub mod wire;

use std::path::Path;

use alloy::{
    primitives::{Address, Bytes, U256, keccak256},
    providers::Provider,
    sol_types::SolValue,
};
use serde::Serialize;

pub use self::verify::{Check, verify};
use self::wire::wire;
use crate::{
    abi::fixtures::MockLstArgs,
    build,
    chain::{Sent, Wallet},
    config::{AssetConfig, DEFAULT_MOCK_DECIMALS, DeployConfig, VaultConfig},
    dry_run::Plan,
    error::{Error, Result},
    manifest::{AssetRecord, ContractRecord, Manifest, TxRecord, VaultRecord},
    output::Out,
    solidity, stylus,
};

/// The WASM of the three contracts, as `lrt build` leaves them.
#[derive(Debug, Clone)]
pub struct Programs {
    pub hub: Vec<u8>,
    pub vault: Vec<u8>,
    pub queue: Vec<u8>,
}

impl Programs {
    /// Reads the modules from [`build::artifacts_dir`].
    pub fn load(root: &Path) -> Result<Self> {
        let dir = build::artifacts_dir(root);
        let read = |name: &str| {
            let path = dir.join(format!("{name}.wasm"));
            std::fs::read(&path).map_err(|_| {
                Error::input(
                    format!("{} is missing", path.display()),
                    "run `lrt build` first (deploy uses its artifacts)",
                )
            })
        };
        Ok(Self {
            hub: read("hub")?,
            vault: read("vault")?,
            queue: read("withdrawal-queue")?,
        })
    }

    /// Builds the contracts (cargo's cache makes this cheap when nothing changed) and loads them.
    pub fn build(root: &Path) -> Result<Self> {
        let built = build::build_contracts(root)?;
        build::check_sizes(&built)?;
        Self::load(root)
    }
}

/// What `lrt deploy` did: deployed now, or found and verified an earlier deployment.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeployReport {
    pub deployed: bool,
    pub manifest: Manifest,
    pub checks: Vec<Check>,
}

/// Deploys unless `manifest_path` already holds a deployment, which is verified instead.
/// Either way the result is verified on chain and any failed check is an error.
///
/// `programs` is only called once the chain is known to run Stylus, so a wrong `--rpc-url`
/// fails before a long build and before any gas is spent.
pub async fn deploy_or_verify(
    wallet: &Wallet,
    config: &DeployConfig,
    programs: impl FnOnce() -> Result<Programs>,
    manifest_path: &Path,
    out: &Out,
) -> Result<DeployReport> {
    if let Some(manifest) = Manifest::load_if_present(manifest_path)? {
        out.say(&format!(
            "manifest {} exists: verifying it instead of deploying",
            manifest_path.display()
        ));
        let checks = out
            .run(
                "verify the deployment on chain",
                verify(wallet, config, &manifest, None),
            )
            .await?;
        fail_on(&checks, manifest_path)?;
        return Ok(DeployReport {
            deployed: false,
            manifest,
            checks,
        });
    }
    let stylus_version = out
        .run(
            "check the chain runs Stylus (nothing is sent)",
            stylus::preflight(wallet),
        )
        .await?;
    let programs = programs()?;
    let manifest = deploy(wallet, config, &programs, stylus_version, out).await?;
    let checks = out
        .run(
            "verify the deployment on chain",
            verify(wallet, config, &manifest, Some(&programs)),
        )
        .await?;
    fail_on(&checks, manifest_path)?;
    manifest.save(manifest_path)?;
    out.say(&format!("manifest written to {}", manifest_path.display()));
    Ok(DeployReport {
        deployed: true,
        manifest,
        checks,
    })
}

/// `lrt deploy --dry-run`: what [`deploy_or_verify`] would send, simulated on the chain's
/// current state and never sent. With the manifest present nothing would be sent (it only
/// verifies), so the plan is empty.
pub async fn dry_run(
    wallet: &Wallet,
    config: &DeployConfig,
    programs: impl FnOnce() -> Result<Programs>,
    manifest_path: &Path,
    out: &Out,
) -> Result<Plan> {
    let (simulated, recorder) = wallet.dry_run();
    if Manifest::load_if_present(manifest_path)?.is_some() {
        out.say(&format!(
            "manifest {} exists: deploy would only verify it, sending nothing",
            manifest_path.display()
        ));
        return Ok(recorder.plan().await);
    }
    let stylus_version = out
        .run(
            "check the chain runs Stylus (nothing is sent)",
            stylus::preflight(wallet),
        )
        .await?;
    let programs = programs()?;
    deploy(&simulated, config, &programs, stylus_version, out).await?;
    Ok(recorder.plan().await)
}

/// Fails with every check that did not pass, by name, and what to do about it.
pub fn fail_on(checks: &[Check], manifest_path: &Path) -> Result<()> {
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| format!("{} ({})", c.what, c.detail))
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    Err(Error::input(
        format!("the deployment does not verify: {}", failed.join("; ")),
        format!(
            "`lrt deploy --rewire` sends the settings that differ from the config; if the chain \
             was reset, delete {} (or pass another --manifest) and deploy again",
            manifest_path.display()
        ),
    ))
}

/// Sends every deployment and wiring transaction; [`stylus::preflight`] must have passed.
pub async fn deploy(
    wallet: &Wallet,
    config: &DeployConfig,
    programs: &Programs,
    stylus_version: u16,
    out: &Out,
) -> Result<Manifest> {
    let me = wallet.address();
    let admin = config.roles.admin.unwrap_or(me);
    let chain_id = wallet.chain_id().await?;
    let mut wiring = Vec::new();

    let hub_args = (me, config.hub.deallocation_delay).abi_encode_params();
    let hub = out
        .run(
            "deploy + activate hub",
            stylus::deploy(wallet, &programs.hub, &hub_args, "deploy hub"),
        )
        .await?;
    let hub_record = record(&hub.tx, hub.address, hub.code_hash, hub.data_fee);

    let mut vaults = Vec::new();
    for vc in &config.vaults {
        let asset = deploy_asset(wallet, vc, out).await?;
        let curator = vc.curator.or(config.roles.curator).unwrap_or(admin);
        let treasury = vc.treasury.or(config.roles.treasury).unwrap_or(admin);
        let vault_args = (
            asset.address,
            vc.name.clone(),
            vc.symbol.clone(),
            me,
            treasury,
        )
            .abi_encode_params();
        let vault = out
            .run(
                format!("deploy + activate vault {}", vc.symbol),
                stylus::deploy(
                    wallet,
                    &programs.vault,
                    &vault_args,
                    &format!("deploy vault {}", vc.symbol),
                ),
            )
            .await?;
        let queue_args = (vault.address, hub.address, me, vc.withdrawal_delay).abi_encode_params();
        let queue = out
            .run(
                format!("deploy + activate withdrawal queue {}", vc.symbol),
                stylus::deploy(
                    wallet,
                    &programs.queue,
                    &queue_args,
                    &format!("deploy queue {}", vc.symbol),
                ),
            )
            .await?;
        let vault_record = VaultRecord {
            name: vc.name.clone(),
            symbol: vc.symbol.clone(),
            asset,
            vault: record(&vault.tx, vault.address, vault.code_hash, vault.data_fee),
            queue: record(&queue.tx, queue.address, queue.code_hash, queue.data_fee),
            curator,
            treasury,
        };
        wire(
            wallet,
            format!(
                "wire {}: hub, queue, caps, fee, vesting, curator, registry",
                vc.symbol
            ),
            &plan::vault_settings(vc, &vault_record, hub.address)?,
            out,
            &mut wiring,
        )
        .await?;
        vaults.push(vault_record);
    }

    let mut manifest = Manifest {
        chain_id,
        stylus_version,
        deployer: me,
        block: 0,
        admin: me,
        pending_admin: (admin != me).then_some(admin),
        pausers: config.roles.pausers.clone(),
        hub: hub_record,
        vaults,
        wiring: Vec::new(),
        total_gas: 0,
    };
    wire(
        wallet,
        "wire roles: pausers and admin".into(),
        &plan::role_settings(config, me, admin, &plan::contracts(&manifest)),
        out,
        &mut wiring,
    )
    .await?;

    manifest.block = wallet.provider().get_block_number().await?;
    manifest.total_gas = manifest.hub.gas_used
        + manifest
            .vaults
            .iter()
            .map(|v| {
                v.vault.gas_used
                    + v.queue.gas_used
                    + v.asset.mock.as_ref().map_or(0, |m| m.gas_used)
            })
            .sum::<u64>()
        + wiring.iter().map(|w| w.gas_used).sum::<u64>();
    manifest.wiring = wiring;
    Ok(manifest)
}

/// Wires an existing deployment again: sends the setter of each setting ([`plan::all`]) that
/// differs from `config` on chain, and nothing when none does. Returns what it sent.
pub async fn rewire(
    wallet: &Wallet,
    config: &DeployConfig,
    manifest: &Manifest,
    out: &Out,
) -> Result<Vec<TxRecord>> {
    let mut sent = Vec::new();
    wire(
        wallet,
        "re-wire the settings that differ from the config".into(),
        &plan::all(config, manifest)?,
        out,
        &mut sent,
    )
    .await?;
    Ok(sent)
}

fn record(
    tx: &Sent,
    address: Address,
    code_hash: alloy::primitives::B256,
    data_fee: U256,
) -> ContractRecord {
    ContractRecord {
        address,
        code_hash,
        tx_hash: tx.hash,
        block: tx.block,
        gas_used: tx.gas_used,
        data_fee,
    }
}

async fn deploy_asset(wallet: &Wallet, vc: &VaultConfig, out: &Out) -> Result<AssetRecord> {
    match &vc.asset {
        AssetConfig::Address(address) => {
            // A warning, not a failure: the vault itself refuses deposits that deliver less.
            match crate::probe::asset_warning(wallet, *address).await {
                Ok(None) => {}
                Ok(Some(warning)) => out.say(&format!("warning: {warning}")),
                Err(e) => out.say(&format!("warning: could not probe asset {address}: {e}")),
            }
            let token = crate::abi::fixtures::IMockLst::new(*address, wallet.provider());
            let reading = |what: &str| format!("reading the {what} of asset {address}");
            let symbol = token
                .symbol()
                .call()
                .await
                .map_err(|e| Error::from(e).during(reading("symbol")))?;
            let decimals = token
                .decimals()
                .call()
                .await
                .map_err(|e| Error::from(e).during(reading("decimals")))?;
            Ok(AssetRecord {
                address: *address,
                symbol,
                decimals,
                mock: None,
            })
        }
        AssetConfig::Mock {
            mock,
            name,
            decimals,
        } => {
            let name = name.clone().unwrap_or_else(|| format!("Mock {mock}"));
            let decimals = decimals.unwrap_or(DEFAULT_MOCK_DECIMALS);
            let (address, sent) = out
                .run(
                    format!("deploy mock LST {mock} (Solidity, {decimals} decimals)"),
                    deploy_mock_lst(wallet, &name, mock, decimals),
                )
                .await?;
            let code_hash = keccak256(wallet.provider().get_code_at(address).await?);
            Ok(AssetRecord {
                address,
                symbol: mock.clone(),
                decimals,
                mock: Some(record(&sent, address, code_hash, U256::ZERO)),
            })
        }
    }
}

/// Deploys the `MockLst` fixture compiled from `test/solidity`.
pub async fn deploy_mock_lst(
    wallet: &Wallet,
    name: &str,
    symbol: &str,
    decimals: u8,
) -> Result<(Address, Sent)> {
    let code = solidity::creation_code(&build::workspace_root(), "MockLst")?;
    let args = MockLstArgs {
        name: name.into(),
        symbol: symbol.into(),
        decimals,
    };
    let initcode: Bytes = [code.as_ref(), &args.abi_encode_params()].concat().into();
    wallet
        .deploy_evm(initcode, &format!("deploy mock {symbol}"))
        .await
}
