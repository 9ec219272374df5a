//! `lrt deploy --config <file>`: deploy (or verify) hub, vaults and queues; `--rewire` sends
//! the settings of an existing deployment that no longer match the config.

use std::path::PathBuf;

use super::args::{ArtifactsArg, ChainArgs, Context, DryRunArg};
use crate::{
    config::DeployConfig,
    deploy::{self, Programs},
    error::{Error, Result},
    manifest,
    output::Table,
    units::format_amount,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Deployment config (TOML); see deployments/devnet.toml.
    #[arg(long, short, default_value = "deployments/devnet.toml")]
    pub config: PathBuf,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    /// With the manifest present: send the setter of each setting that differs from the
    /// config on chain (only those; nothing when all match), then verify. With --dry-run:
    /// list what it would send.
    #[arg(long)]
    pub rewire: bool,
    #[command(flatten)]
    pub artifacts: ArtifactsArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let out = ctx.out;
    let config = DeployConfig::load(&args.config)?;
    let manifest_path = ctx
        .chain
        .manifest
        .clone()
        .unwrap_or_else(|| manifest::default_path_for(&args.config));
    let wallet = ctx.wallet().await?;
    if args.rewire {
        if args.dry_run.dry_run {
            let (wallet, recorder) = wallet.dry_run();
            let manifest = existing(&manifest_path)?;
            deploy::rewire(&wallet, &config, &manifest, &out).await?;
            return ctx.print_plan(&recorder).await;
        }
        return rewire(&wallet, &config, &manifest_path, &out).await;
    }
    // Found before anything is sent, so a missing checkout costs nothing.
    let root = args.artifacts.checkout(&[&args.config])?;
    let programs = || match Programs::load(&root) {
        Ok(programs) => Ok(programs),
        Err(_) => {
            // The build shows its own progress.
            out.say(&format!(
                "no contract artifacts in {}: building them",
                crate::build::artifacts_dir(&root).display()
            ));
            Programs::build(&root)
        }
    };
    if args.dry_run.dry_run {
        let plan = deploy::dry_run(&wallet, &config, programs, &manifest_path, &out).await?;
        if out.json {
            return out.json(&plan);
        }
        print!("{}", plan.render());
        return Ok(());
    }
    let report = deploy::deploy_or_verify(&wallet, &config, programs, &manifest_path, &out).await?;
    if out.json {
        return out.json(&report);
    }
    let m = &report.manifest;
    let mut table = Table::new(["contract", "address", "gas", "tx"])
        .left_aligned(2)
        .titled(format!(
            "{} on chain {} (Stylus v{})",
            if report.deployed {
                "deployed"
            } else {
                "verified, nothing deployed"
            },
            m.chain_id,
            m.stylus_version
        ));
    table.row([
        "hub".to_owned(),
        m.hub.address.to_string(),
        m.hub.gas_used.to_string(),
        m.hub.tx_hash.to_string(),
    ]);
    for v in &m.vaults {
        if let Some(mock) = &v.asset.mock {
            table.row([
                format!("{} (mock, {} decimals)", v.asset.symbol, v.asset.decimals),
                mock.address.to_string(),
                mock.gas_used.to_string(),
                mock.tx_hash.to_string(),
            ]);
        }
        table.row([
            v.symbol.clone(),
            v.vault.address.to_string(),
            v.vault.gas_used.to_string(),
            v.vault.tx_hash.to_string(),
        ]);
        table.row([
            format!("{} queue", v.symbol),
            v.queue.address.to_string(),
            v.queue.gas_used.to_string(),
            v.queue.tx_hash.to_string(),
        ]);
    }
    out.table(&table);
    let fees = m.vaults.iter().fold(m.hub.data_fee, |sum, v| {
        sum + v.vault.data_fee + v.queue.data_fee
    });
    println!(
        " {} checks passed · total gas {} · activation fees {} ETH · wiring txs {}",
        report.checks.len(),
        m.total_gas,
        format_amount(fees, 6),
        m.wiring.len()
    );
    if let Some(admin) = m.pending_admin {
        println!(" admin transfer pending: {admin} must call acceptAdmin() on each contract");
    }
    Ok(())
}

async fn rewire(
    wallet: &crate::chain::Wallet,
    config: &DeployConfig,
    manifest_path: &std::path::Path,
    out: &crate::output::Out,
) -> Result<()> {
    let Some(manifest) = manifest::Manifest::load_if_present(manifest_path)? else {
        return Err(Error::input(
            format!(
                "no deployment to re-wire: {} does not exist",
                manifest_path.display()
            ),
            "run `lrt deploy` without --rewire first (or pass --manifest)",
        ));
    };
    let sent = deploy::rewire(wallet, config, &manifest, out).await?;
    let checks = out
        .run(
            "verify the deployment on chain",
            deploy::verify(wallet, config, &manifest, None),
        )
        .await?;
    deploy::fail_on(&checks, manifest_path)?;
    if out.json {
        return out.json(&serde_json::json!({ "sent": sent, "checks": checks.len() }));
    }
    if sent.is_empty() {
        println!(
            " every setting matches the config: nothing sent · {} checks passed",
            checks.len()
        );
        return Ok(());
    }
    let mut table = Table::new(["setting", "gas", "tx"])
        .left_aligned(1)
        .titled("re-wired");
    for tx in &sent {
        table.row([
            tx.what.clone(),
            tx.gas_used.to_string(),
            tx.tx_hash.to_string(),
        ]);
    }
    out.table(&table);
    println!(
        " {} settings sent · {} checks passed",
        sent.len(),
        checks.len()
    );
    Ok(())
}

fn existing(manifest_path: &std::path::Path) -> Result<manifest::Manifest> {
    manifest::Manifest::load_if_present(manifest_path)?.ok_or_else(|| {
        Error::input(
            format!(
                "no deployment to re-wire: {} does not exist",
                manifest_path.display()
            ),
            "run `lrt deploy` without --rewire first (or pass --manifest)",
        )
    })
}
