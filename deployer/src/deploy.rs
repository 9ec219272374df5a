//! `lrt deploy`: hub, one vault and one withdrawal queue per configured asset, through the
//! real Stylus protocol; then roles and parameters, an on-chain verification, and the
//! manifest. With a manifest already present it only verifies.

use std::path::Path;

use alloy::{
    primitives::{Address, Bytes, U256, keccak256},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};
use serde::Serialize;

use crate::{
    abi::{
        fixtures::MockLstArgs,
        lrt::{IHub, IVault, IWithdrawalQueue},
    },
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

    fn code_hash(wasm: &[u8]) -> alloy::primitives::B256 {
        keccak256(stylus::program_code(wasm))
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

/// One verified property of the deployment.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub what: String,
    pub ok: bool,
    pub detail: String,
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

fn fail_on(checks: &[Check], manifest_path: &Path) -> Result<()> {
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
            "if the chain was reset, delete {} (or pass another --manifest) and deploy again",
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
        wire_vault(
            wallet,
            vc,
            &asset,
            hub.address,
            vault.address,
            queue.address,
            curator,
            out,
            &mut wiring,
        )
        .await?;
        vaults.push(VaultRecord {
            name: vc.name.clone(),
            symbol: vc.symbol.clone(),
            asset,
            vault: record(&vault.tx, vault.address, vault.code_hash, vault.data_fee),
            queue: record(&queue.tx, queue.address, queue.code_hash, queue.data_fee),
            curator,
            treasury,
        });
    }

    let contracts: Vec<Address> = std::iter::once(hub.address)
        .chain(
            vaults
                .iter()
                .flat_map(|v| [v.vault.address, v.queue.address]),
        )
        .collect();
    wire_roles(wallet, config, admin, &contracts, out, &mut wiring).await?;

    let block = wallet.provider().get_block_number().await?;
    let total_gas = hub_record.gas_used
        + vaults
            .iter()
            .map(|v| {
                v.vault.gas_used
                    + v.queue.gas_used
                    + v.asset.mock.as_ref().map_or(0, |m| m.gas_used)
            })
            .sum::<u64>()
        + wiring.iter().map(|w| w.gas_used).sum::<u64>();
    Ok(Manifest {
        chain_id,
        stylus_version,
        deployer: me,
        block,
        admin: me,
        pending_admin: (admin != me).then_some(admin),
        pausers: config.roles.pausers.clone(),
        hub: hub_record,
        vaults,
        wiring,
        total_gas,
    })
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

#[allow(clippy::too_many_arguments)]
async fn wire_vault(
    wallet: &Wallet,
    vc: &VaultConfig,
    asset: &AssetRecord,
    hub: Address,
    vault: Address,
    queue: Address,
    curator: Address,
    out: &Out,
    wiring: &mut Vec<TxRecord>,
) -> Result<()> {
    let p = wallet.provider().clone();
    let v = IVault::new(vault, p.clone());
    let h = IHub::new(hub, p);
    let sym = &vc.symbol;
    // The vault was deployed a moment ago, so its hub and queue are unset and it takes them at
    // once; any later change goes through its timelock (proposeWiring, executeWiring 31 days
    // later). Nothing is read back here: in a dry run the vault exists only in simulation.
    let mut txs = vec![
        (
            format!("{sym}.setHub"),
            v.setHub(hub).into_transaction_request(),
        ),
        (
            format!("{sym}.setWithdrawalQueue"),
            v.setWithdrawalQueue(queue).into_transaction_request(),
        ),
    ];
    let (tvl_cap, per_deposit_cap) = vc.caps(asset.decimals, &asset.symbol)?;
    if tvl_cap.is_some() || per_deposit_cap.is_some() {
        let tvl = tvl_cap.unwrap_or(U256::MAX);
        let per = per_deposit_cap.unwrap_or(tvl);
        txs.push((
            format!("{sym}.setCaps"),
            v.setCaps(tvl, per).into_transaction_request(),
        ));
    }
    if let Some(fee) = vc.protocol_fee {
        txs.push((
            format!("{sym}.setProtocolFee"),
            v.setProtocolFee(fee).into_transaction_request(),
        ));
    }
    if let Some(period) = vc.vesting_period {
        txs.push((
            format!("{sym}.setVestingPeriod"),
            v.setVestingPeriod(period).into_transaction_request(),
        ));
    }
    // A new vault has no curator (zero disables delegation), whoever deployed it.
    txs.push((
        format!("{sym}.setCurator"),
        v.setCurator(curator).into_transaction_request(),
    ));
    txs.push((
        format!("hub.registerVault({sym})"),
        h.registerVault(vault).into_transaction_request(),
    ));
    send_all(
        wallet,
        format!("wire {sym}: hub, queue, caps, fee, vesting, curator, registry"),
        txs,
        out,
        wiring,
    )
    .await
}

/// Sends `txs` in order as one progress step, stopping at the first failure.
async fn send_all(
    wallet: &Wallet,
    label: String,
    txs: Vec<(String, TransactionRequest)>,
    out: &Out,
    wiring: &mut Vec<TxRecord>,
) -> Result<()> {
    if txs.is_empty() {
        return Ok(());
    }
    out.run(label, async {
        for (what, tx) in txs {
            let sent = wallet.send_tx(tx, &what).await?;
            wiring.push(TxRecord {
                what,
                tx_hash: sent.hash,
                gas_used: sent.gas_used,
            });
        }
        Ok(())
    })
    .await
}

async fn wire_roles(
    wallet: &Wallet,
    config: &DeployConfig,
    admin: Address,
    contracts: &[Address],
    out: &Out,
    wiring: &mut Vec<TxRecord>,
) -> Result<()> {
    let mut txs = Vec::new();
    for &contract in contracts {
        // Every contract shares the role surface; the hub binding speaks it for all three.
        let c = IHub::new(contract, wallet.provider().clone());
        for &pauser in &config.roles.pausers {
            txs.push((
                format!("setPauser({pauser}) on {contract}"),
                c.setPauser(pauser, true).into_transaction_request(),
            ));
        }
        if admin != wallet.address() {
            txs.push((
                format!("transferAdmin({admin}) on {contract}"),
                c.transferAdmin(admin).into_transaction_request(),
            ));
        }
    }
    send_all(
        wallet,
        "wire roles: pausers and admin".into(),
        txs,
        out,
        wiring,
    )
    .await
}

/// Reads the deployment back from the chain and compares it with the manifest and config.
pub async fn verify(
    wallet: &Wallet,
    config: &DeployConfig,
    manifest: &Manifest,
    programs: Option<&Programs>,
) -> Result<Vec<Check>> {
    let mut checks = Vec::new();
    let mut check =
        |what: String, ok: bool, detail: String| checks.push(Check { what, ok, detail });
    let chain_id = wallet.chain_id().await?;
    check(
        "chain id".into(),
        chain_id == manifest.chain_id,
        format!("chain {chain_id}, manifest {}", manifest.chain_id),
    );
    if chain_id != manifest.chain_id {
        return Ok(checks);
    }
    let p = wallet.provider().clone();

    let mut programs_checked = vec![(
        "hub".to_owned(),
        &manifest.hub,
        programs.map(|p| Programs::code_hash(&p.hub)),
    )];
    for v in &manifest.vaults {
        programs_checked.push((
            format!("vault {}", v.symbol),
            &v.vault,
            programs.map(|p| Programs::code_hash(&p.vault)),
        ));
        programs_checked.push((
            format!("queue {}", v.symbol),
            &v.queue,
            programs.map(|p| Programs::code_hash(&p.queue)),
        ));
    }
    for (name, record, built) in programs_checked {
        let code = p.get_code_at(record.address).await?;
        let on_chain = keccak256(&code);
        if code.is_empty() {
            check(
                format!("{name} code"),
                false,
                format!("no code at {}", record.address),
            );
            continue;
        }
        check(
            format!("{name} code hash"),
            on_chain == record.code_hash,
            format!("{on_chain}"),
        );
        check(
            format!("{name} activated"),
            stylus::is_activated(wallet, on_chain).await,
            "ArbWasm.codehashVersion answers".into(),
        );
        if let Some(built) = built
            && built != on_chain
        {
            // Not a failure: the deployment is what it is; a rebuild just differs from it.
            check(
                format!("{name} matches the current build"),
                true,
                "no: the local build changed since deploy".into(),
            );
        }
    }

    let hub = IHub::new(manifest.hub.address, p.clone());
    let delay = hub.deallocationDelay().call().await?;
    check(
        "hub deallocation delay".into(),
        delay == config.hub.deallocation_delay,
        format!("{delay}s, config {}s", config.hub.deallocation_delay),
    );
    let admin_now = hub.admin().call().await?;
    check(
        "hub admin".into(),
        admin_now == manifest.admin,
        format!("{admin_now}"),
    );

    for (v, vc) in manifest.vaults.iter().zip(&config.vaults) {
        let s = &v.symbol;
        let vault = IVault::new(v.vault.address, p.clone());
        let queue = IWithdrawalQueue::new(v.queue.address, p.clone());
        check(
            format!("{s} symbol"),
            v.symbol == vc.symbol,
            format!("manifest {}, config {}", v.symbol, vc.symbol),
        );
        let asset = vault.asset().call().await?;
        check(
            format!("{s} asset"),
            asset == v.asset.address,
            format!("{asset}"),
        );
        let vault_hub = vault.hub().call().await?;
        check(
            format!("{s} hub"),
            vault_hub == manifest.hub.address,
            format!("{vault_hub}"),
        );
        let vault_queue = vault.withdrawalQueue().call().await?;
        check(
            format!("{s} withdrawal queue"),
            vault_queue == v.queue.address,
            format!("{vault_queue}"),
        );
        let (queue_vault, queue_hub) = (queue.vault().call().await?, queue.hub().call().await?);
        check(
            format!("{s} queue serves the vault and hub"),
            queue_vault == v.vault.address && queue_hub == manifest.hub.address,
            format!("vault {queue_vault}, hub {queue_hub}"),
        );
        // A pending re-wiring is governance at work, not a broken deployment: shown, not failed.
        let pending = vault.pendingWiring().call().await?;
        check(
            format!("{s} pending re-wiring"),
            true,
            if pending._2 == 0 {
                "none".into()
            } else {
                format!(
                    "hub {}, queue {}, executable from {}",
                    pending._0, pending._1, pending._2
                )
            },
        );
        check(
            format!("{s} registered in hub"),
            hub.vaults().call().await?.contains(&v.vault.address),
            String::new(),
        );
        let curator = vault.curator().call().await?;
        check(
            format!("{s} curator"),
            curator == v.curator,
            format!("{curator}"),
        );
        let treasury = vault.treasury().call().await?;
        check(
            format!("{s} treasury"),
            treasury == v.treasury,
            format!("{treasury}"),
        );
        let delay = queue.withdrawalDelay().call().await?;
        check(
            format!("{s} withdrawal delay"),
            delay == vc.withdrawal_delay,
            format!("{delay}s"),
        );
        let (tvl_cap, per_deposit_cap) = vc.caps(v.asset.decimals, &v.asset.symbol)?;
        if let Some(cap) = tvl_cap {
            let now = vault.tvlCap().call().await?;
            check(format!("{s} TVL cap"), now == cap, format!("{now}"));
        }
        if let Some(cap) = per_deposit_cap {
            let now = vault.perDepositCap().call().await?;
            check(format!("{s} per-deposit cap"), now == cap, format!("{now}"));
        }
        if let Some(fee) = vc.protocol_fee {
            let now = vault.protocolFeeWad().call().await?;
            check(format!("{s} protocol fee"), now == fee, format!("{now}"));
        }
        if let Some(period) = vc.vesting_period {
            let now = vault.vestingPeriod().call().await?;
            check(
                format!("{s} vesting period"),
                now == period,
                format!("{now}s"),
            );
        }
        for &pauser in &manifest.pausers {
            let ok = vault.isPauser(pauser).call().await? && queue.isPauser(pauser).call().await?;
            check(format!("{s} pauser {pauser}"), ok, String::new());
        }
    }
    for &pauser in &manifest.pausers {
        check(
            format!("hub pauser {pauser}"),
            hub.isPauser(pauser).call().await?,
            String::new(),
        );
    }
    if manifest.vaults.len() != config.vaults.len() {
        check(
            "vault count".into(),
            false,
            format!(
                "manifest has {}, config {}; deploy a new manifest to add vaults",
                manifest.vaults.len(),
                config.vaults.len()
            ),
        );
    }
    Ok(checks)
}
