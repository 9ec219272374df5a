//! `lrt curator delegate|approve|revoke`: the vault's curator decides which operators carry
//! its stake and which AVSs may slash it, and how much.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{error::Result, ops::curator, units::format_fraction};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Delegate a fraction of a vault to an operator (the sender must be the vault's curator).
    Delegate(DelegateArgs),
    /// Let an AVS slash the vault up to a fraction of its assets (no AVS can slash without it).
    Approve(ApproveArgs),
    /// Withdraw an AVS's approval (it stays slashable for the deallocation delay).
    Revoke(RevokeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    /// The AVS (its registered address, not its slasher).
    #[arg(value_parser = args::address)]
    pub avs: Address,
    /// Most of the vault the AVS may ever have slashable, e.g. 20% or 0.2.
    #[arg(value_parser = args::fraction)]
    pub max_fraction: U256,
    /// Send slashed assets to the AVS's recipient instead of the hub's sink (burn by default).
    #[arg(long)]
    pub redistribute: bool,
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The AVS whose approval ends.
    #[arg(value_parser = args::address)]
    pub avs: Address,
    #[command(flatten)]
    pub vault: VaultArg,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
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
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Delegate(args) => delegate(args).await,
        Command::Approve(args) => {
            approve(
                args.avs,
                args.max_fraction,
                args.redistribute,
                args.vault,
                args.dry_run,
                args.chain,
            )
            .await
        }
        Command::Revoke(args) => {
            approve(
                args.avs,
                U256::ZERO,
                false,
                args.vault,
                args.dry_run,
                args.chain,
            )
            .await
        }
    }
}

async fn approve(
    avs: Address,
    max_fraction: U256,
    redistribute: bool,
    vault: VaultArg,
    dry_run: DryRunArg,
    chain: ChainArgs,
) -> Result<()> {
    let ctx = Context::new(&chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&dry_run).await?;
    let v = p.manifest.vault(vault.vault.as_deref())?.clone();
    let sent = ctx
        .out
        .run(
            "approve",
            curator::approve_avs(&p, &v, avs, max_fraction, redistribute),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    if max_fraction.is_zero() {
        println!(
            "{} no longer approves AVS {avs} (slashable until the deallocation delay ends)",
            v.symbol
        );
    } else {
        println!(
            "{} lets AVS {avs} slash up to {}; slashed assets go to {}",
            v.symbol,
            format_fraction(max_fraction),
            if redistribute {
                "the AVS's recipient"
            } else {
                "the hub's sink"
            }
        );
    }
    print_tx(&sent);
    Ok(())
}

pub async fn delegate(args: DelegateArgs) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let sent = ctx
        .out
        .run(
            "delegate",
            curator::delegate(&p, &v, args.operator, args.fraction),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
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
