//! `lrt operator register|optin|optout|allocate`: the sender acts as an operator.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, ChainArgs, Context, DryRunArg},
    print_tx,
};
use crate::{error::Result, ops::operator, units::format_fraction};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Register the sender as an operator.
    Register {
        /// Where the operator describes itself (a URI).
        #[arg(long, default_value = "")]
        metadata: String,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Ask to join an AVS; the AVS must then accept (`lrt avs accept`).
    Optin(MembershipArgs),
    /// Leave an AVS; the operator stays slashable by it for the deallocation delay.
    Optout(MembershipArgs),
    /// Allocate a fraction of the sender's delegated stake to an AVS.
    Allocate(AllocateArgs),
}

#[derive(Debug, clap::Args)]
pub struct MembershipArgs {
    /// The AVS's address.
    #[arg(value_parser = args::address)]
    pub avs: Address,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

#[derive(Debug, clap::Args)]
pub struct AllocateArgs {
    /// The AVS receiving the allocation.
    #[arg(value_parser = args::address)]
    pub avs: Address,
    /// Share of the operator's delegated stake the AVS may slash, e.g. 50% or 0.5.
    #[arg(value_parser = args::fraction)]
    pub fraction: U256,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Register {
            metadata,
            dry_run,
            chain,
        } => register(&metadata, &dry_run, &chain).await,
        Command::Optin(args) => opt_in(args).await,
        Command::Optout(args) => opt_out(args).await,
        Command::Allocate(args) => allocate(args).await,
    }
}

async fn register(metadata: &str, dry_run: &DryRunArg, chain: &ChainArgs) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let sent = ctx
        .out
        .run("register operator", operator::register(&p, metadata))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!("{} is now an operator", p.me());
    print_tx(&sent);
    Ok(())
}

pub async fn opt_in(args: MembershipArgs) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let sent = ctx
        .out
        .run("opt in", operator::opt_in(&p, args.avs))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "{} asked to join AVS {}; the AVS must accept (`lrt avs accept {}`)",
        p.me(),
        args.avs,
        p.me()
    );
    print_tx(&sent);
    Ok(())
}

pub async fn opt_out(args: MembershipArgs) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let sent = ctx
        .out
        .run("opt out", operator::opt_out(&p, args.avs))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    let delay = p.hub().deallocationDelay().call().await?;
    println!(
        "{} left AVS {}; it stays slashable by it for {}",
        p.me(),
        args.avs,
        crate::units::format_duration(delay)
    );
    print_tx(&sent);
    Ok(())
}

pub async fn allocate(args: AllocateArgs) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let sent = ctx
        .out
        .run("allocate", operator::allocate(&p, args.avs, args.fraction))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
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
