//! `lrt rewards <amount>`: push rewards into a vault; they vest over the vesting period.

use super::{
    args::{self, ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::rewards,
    units::{Amount, format_duration, format_tokens},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rewards in whole tokens of the vault's asset (e.g. 10 or 0.5), from the sender.
    #[arg(value_parser = args::amount)]
    pub amount: Amount,
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let amount = args.amount.to_units(v.asset.decimals, &v.asset.symbol)?;
    let done = ctx
        .out
        .run("push rewards", rewards::push(&p, &v, amount))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "{} {} of rewards vest into {} over {}",
        format_tokens(done.amount, v.asset.decimals, 6),
        v.asset.symbol,
        v.symbol,
        format_duration(done.vesting_period)
    );
    print_tx(&done.tx);
    Ok(())
}
