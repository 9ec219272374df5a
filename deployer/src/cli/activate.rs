//! `lrt activate [<contract>|--all]`: keep the deployment's programs alive before ArbOS
//! expires them, or activate them again once expired or after a Stylus upgrade.

use super::args::{ChainArgs, Context, DryRunArg};
use crate::{
    activation::{self, Lifetime, Outcome, format_days},
    error::{Error, Result},
    output::Table,
    units::format_amount,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The program: `hub`, a vault's symbol, `<symbol> queue`, or its address.
    #[arg(conflicts_with = "all", required_unless_present = "all")]
    pub contract: Option<String>,
    /// Every program of the manifest.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let mut programs = activation::programs_of(&p.manifest);
    if let Some(wanted) = &args.contract {
        let matches = |(name, address): &(String, alloy::primitives::Address)| {
            name.eq_ignore_ascii_case(wanted) || address.to_string().eq_ignore_ascii_case(wanted)
        };
        programs.retain(matches);
        if programs.is_empty() {
            let names: Vec<String> = activation::programs_of(&p.manifest)
                .into_iter()
                .map(|(name, _)| name)
                .collect();
            return Err(Error::input(
                format!("no program `{wanted}` in the manifest"),
                format!("name one of: {} (or pass --all)", names.join(", ")),
            ));
        }
    }
    let lifetime = Lifetime::read(&p.wallet).await?;
    let read = activation::read(&p.wallet, lifetime, &programs).await?;
    let outcomes = activation::activate(&p.wallet, lifetime, &read).await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        let rows: Vec<_> = outcomes
            .iter()
            .map(|(name, outcome)| serde_json::json!({ "program": name, "result": outcome }))
            .collect();
        return ctx.out.json(&rows);
    }
    let mut table = Table::new(["program", "result", "data fee ETH", "tx"]).left_aligned(2);
    for (name, outcome) in &outcomes {
        let (result, fee, tx) = match outcome {
            Outcome::KeptAlive { data_fee, tx } => (
                format!("kept alive: expires in {} d", lifetime.expiry_days),
                format_amount(*data_fee, 8),
                tx.hash.to_string(),
            ),
            Outcome::Activated { data_fee, tx } => (
                "activated again".to_owned(),
                format_amount(*data_fee, 8),
                tx.hash.to_string(),
            ),
            Outcome::TooSoonForKeepalive {
                keepalive_allowed_in_secs,
            } => (
                format!(
                    "active, nothing sent: a keepalive is allowed after {} d (in {})",
                    lifetime.keepalive_days,
                    format_days(*keepalive_allowed_in_secs)
                ),
                String::new(),
                String::new(),
            ),
            Outcome::UpToDate => (
                "already up to date, nothing sent".to_owned(),
                String::new(),
                String::new(),
            ),
            Outcome::SharesActivationWith { name } => (
                format!("same code as {name}: done with it"),
                String::new(),
                String::new(),
            ),
        };
        table.row([name.clone(), result, fee, tx]);
    }
    ctx.out.table(&table);
    Ok(())
}
