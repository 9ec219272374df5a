//! `lrt avs slash` (alias `lrt slash`): the AVS's slasher takes a fraction of what an
//! operator allocated to it; the output names each vault and asset from the manifest.

use alloy::primitives::{Address, B256, U256};

use super::{
    args::{self, ChainArgs, Context, DryRunArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::avs,
    units::{format_fraction, format_tokens},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The AVS the slash is for (the sender must be its slasher).
    #[arg(long, value_parser = args::address)]
    pub avs: Address,
    /// The operator at fault.
    #[arg(long, value_parser = args::address)]
    pub operator: Address,
    /// Share of the operator's allocation to the AVS, above 0 and at most 100% (e.g. 10% or 0.1).
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
    /// Unique id of this slash, up to 64 hex digits (0x01 is fine); replays are refused.
    /// Default: derived from the call.
    #[arg(long, value_parser = args::slash_id)]
    pub id: Option<B256>,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let done = ctx
        .out
        .run(
            "slash",
            avs::slash(&p, args.avs, args.operator, args.fraction, args.id),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "slashed {} of operator {}'s allocation to AVS {}",
        format_fraction(done.fraction_wad),
        done.operator,
        done.avs
    );
    for (vault, assets) in &done.per_vault {
        match p.manifest.vault_at(*vault) {
            Some(v) => println!(
                "  {} {} taken from vault {} ({vault})",
                format_tokens(*assets, v.asset.decimals, 6),
                v.asset.symbol,
                v.symbol
            ),
            None => {
                println!("  {assets} base units taken from vault {vault} (not in the manifest)")
            }
        }
    }
    if done.per_vault.is_empty() {
        println!("  no vault held stake at risk: nothing was taken");
    }
    println!("  slash id {}", done.slash_id);
    print_tx(&done.tx);
    Ok(())
}
