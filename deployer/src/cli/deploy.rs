//! `lrt deploy --config <file>`: deploy (or verify) hub, vaults and queues.

use std::path::PathBuf;

use super::args::Context;
use crate::{
    build,
    config::DeployConfig,
    deploy::{self, Programs},
    error::Result,
    manifest,
    output::Table,
    units::format_amount,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Deployment config (TOML); see deployments/devnet.toml.
    #[arg(long, short, default_value = "deployments/devnet.toml")]
    pub config: PathBuf,
}

pub async fn exec(args: Args, ctx: &Context) -> Result<()> {
    let out = ctx.out;
    let config = DeployConfig::load(&args.config)?;
    let manifest_path = ctx
        .manifest
        .manifest
        .clone()
        .unwrap_or_else(|| manifest::default_path_for(&args.config));
    let wallet = ctx.wallet()?;
    let root = build::workspace_root();
    let programs = || match Programs::load(&root) {
        Ok(programs) => Ok(programs),
        Err(_) => {
            let step = out.step("build the contracts (no artifacts yet)");
            let built = Programs::build(&root);
            match &built {
                Ok(_) => step.done(""),
                Err(err) => step.fail(err),
            }
            built
        }
    };
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
                format!("{} (mock)", v.asset.symbol),
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
