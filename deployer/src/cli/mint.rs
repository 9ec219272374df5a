//! `lrt mint <amount>`: mint the mock asset of a vault (devnets).

use alloy::primitives::Address;

use super::{
    args::{self, ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::deposit,
    units::{Amount, format_tokens},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tokens to mint, in whole tokens (e.g. 1000 or 0.5) or base units (5wei).
    #[arg(value_parser = args::amount)]
    pub amount: Amount,
    #[command(flatten)]
    pub vault: VaultArg,
    /// Recipient (default: the sender).
    #[arg(long, value_parser = args::address)]
    pub to: Option<Address>,
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
    let to = args.to.unwrap_or(p.me());
    let sent = ctx
        .out
        .run(
            format!("mint {}", v.asset.symbol),
            deposit::mint(&p, &v, to, amount),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "minted {} {} to {to}",
        format_tokens(amount, v.asset.decimals, 6),
        v.asset.symbol
    );
    print_tx(&sent);
    Ok(())
}
