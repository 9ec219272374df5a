//! `lrt rewards <amount>`: push rewards into a vault; they vest over the vesting period.

use alloy::primitives::U256;

use super::{
    args::{self, Context, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::rewards,
    units::{format_amount, format_duration},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_parser = args::amount)]
    pub amount: U256,
    #[command(flatten)]
    pub vault: VaultArg,
}

pub async fn exec(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let done = ctx
        .out
        .run("push rewards", rewards::push(&p, &v, args.amount))
        .await?;
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "{} {} of rewards vest into {} over {}",
        format_amount(done.amount, 6),
        v.asset.symbol,
        v.symbol,
        format_duration(done.vesting_period)
    );
    print_tx(&done.tx);
    Ok(())
}
