//! `lrt delegate` (the curator) and `lrt allocate` (an operator): who carries how much stake.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, Context, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::{curator, operator},
    units::format_fraction,
};

#[derive(Debug, clap::Args)]
pub struct DelegateArgs {
    /// The operator receiving the delegation.
    pub operator: Address,
    /// Share of the vault's assets, e.g. 25% or 0.25 (decreases apply after the deallocation delay).
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
    #[command(flatten)]
    pub vault: VaultArg,
}

#[derive(Debug, clap::Args)]
pub struct AllocateArgs {
    /// The AVS receiving the allocation.
    pub avs: Address,
    /// Share of the operator's delegated stake the AVS may slash, e.g. 50%.
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
}

pub async fn delegate(args: DelegateArgs, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
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

pub async fn allocate(args: AllocateArgs, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let sent = ctx
        .out
        .run("allocate", operator::allocate(&p, args.avs, args.fraction))
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "{} allocates {} of its delegated stake to AVS {}",
        p.me(),
        format_fraction(args.fraction),
        args.avs
    );
    print_tx(&sent);
    Ok(())
}
