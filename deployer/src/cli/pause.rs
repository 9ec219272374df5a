//! `lrt pause <bits>` / `lrt unpause <bits>`: per-function switches (a pauser pauses, only
//! the admin unpauses).

use super::{
    args::{ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::admin::{self, describe_bits},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which functions: deposit, request, claim, delegate, or all.
    #[arg(required = true, num_args = 1..)]
    pub bits: Vec<String>,
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args, pause: bool) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let bits = admin::parse_bits(&args.bits)?;
    let label = if pause { "pause" } else { "unpause" };
    let changes = if pause {
        ctx.out.run(label, admin::pause(&p, &v, bits)).await?
    } else {
        ctx.out.run(label, admin::unpause(&p, &v, bits)).await?
    };
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&changes);
    }
    for c in &changes {
        println!(
            "{}: {label}d {} (paused now: {})",
            c.contract,
            describe_bits(bits),
            describe_bits(c.paused_now)
        );
        print_tx(&c.tx);
    }
    Ok(())
}
