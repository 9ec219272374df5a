//! `lrt slash`: the AVS's slasher takes a fraction of what an operator allocated to it.

use alloy::primitives::{Address, B256, U256};

use super::{
    args::{self, Context},
    print_tx,
};
use crate::{error::Result, ops::avs, units::format_amount};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The AVS the slash is for (the sender must be its slasher).
    #[arg(long)]
    pub avs: Address,
    /// The operator at fault.
    #[arg(long)]
    pub operator: Address,
    /// Share of the operator's allocation to the AVS, above 0 and at most 100%.
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
    /// Unique id of this slash (replays are refused); default: derived from the call.
    #[arg(long)]
    pub id: Option<B256>,
}

pub async fn exec(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let done = ctx
        .out
        .run(
            "slash",
            avs::slash(&p, args.avs, args.operator, args.fraction, args.id),
        )
        .await?;
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!("{done}");
    for (vault, assets) in &done.per_vault {
        println!("  vault {vault}: {}", format_amount(*assets, 6));
    }
    println!("  slash id {}", done.slash_id);
    print_tx(&done.tx);
    Ok(())
}
