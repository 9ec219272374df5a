//! `lrt mint <amount>`: mint the mock asset of a vault (devnets).

use alloy::primitives::{Address, U256};

use super::{
    args::{self, Context, VaultArg},
    print_tx,
};
use crate::{error::Result, ops::deposit, units::format_amount};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_parser = args::amount)]
    pub amount: U256,
    #[command(flatten)]
    pub vault: VaultArg,
    /// Recipient (default: the sender).
    #[arg(long)]
    pub to: Option<Address>,
}

pub async fn exec(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let to = args.to.unwrap_or(p.me());
    let sent = ctx
        .out
        .run(
            format!("mint {}", v.asset.symbol),
            deposit::mint(&p, &v, to, args.amount),
        )
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "minted {} {} to {to}",
        format_amount(args.amount, 6),
        v.asset.symbol
    );
    print_tx(&sent);
    Ok(())
}
