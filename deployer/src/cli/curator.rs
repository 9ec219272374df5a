//! `lrt curator delegate`: the vault's curator decides which operators carry its stake.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, ChainArgs, Context, VaultArg},
    print_tx,
};
use crate::{error::Result, ops::curator, units::format_fraction};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Delegate a fraction of a vault to an operator (the sender must be the vault's curator).
    Delegate(DelegateArgs),
}

#[derive(Debug, clap::Args)]
pub struct DelegateArgs {
    /// The operator receiving the delegation.
    #[arg(value_parser = args::address)]
    pub operator: Address,
    /// Share of the vault's assets, e.g. 25% or 0.25 (decreases apply after the deallocation delay).
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Delegate(args) => delegate(args).await,
    }
}

pub async fn delegate(args: DelegateArgs) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let p = ctx.protocol().await?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let sent = ctx
        .out
        .run(
            "delegate",
            curator::delegate(&p, &v, args.operator, args.fraction),
        )
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "{} delegates {} to {}",
        v.symbol,
        format_fraction(args.fraction),
        args.operator
    );
    print_tx(&sent);
    Ok(())
}
