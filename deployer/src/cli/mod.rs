//! The `lrt` command line: one module per command, each with its `Args` and `exec`; shared
//! flags (`--rpc-url`, `--private-key`, `--manifest`, `--json`) are global.

mod admin;
mod args;
mod avs;
mod build;
mod demo;
mod deploy;
mod deposit;
mod devnet;
mod membership;
mod mint;
mod operator;
mod pause;
mod rewards;
mod slash;
mod stake;
mod status;
mod withdraw;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::{Context, ManifestArgs, RpcArgs, WalletArgs};

use crate::{chain::Sent, error::Result, output::Out};

/// Build, deploy, operate and inspect stylus-lrt, a liquid restaking system on Arbitrum Stylus.
#[derive(Debug, Parser)]
#[command(name = "lrt", version)]
pub struct Cli {
    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(flatten)]
    pub rpc: RpcArgs,
    #[command(flatten)]
    pub wallet: WalletArgs,
    #[command(flatten)]
    pub manifest: ManifestArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The whole story on an in-process devnet: build, deploy, deposit, restake, slash, liquidate, withdraw.
    Demo(demo::Args),
    /// Build every contract for wasm32 and check its compressed size against the Stylus limit.
    Build(build::Args),
    /// Run the embedded devnet (a local chain that executes Stylus WASM), like the devnet binary.
    Devnet(devnet::Args),
    /// Deploy hub, vaults and withdrawal queues from a config (or verify an existing manifest).
    Deploy(deploy::Args),
    /// Mint a vault's mock asset (devnets).
    Mint(mint::Args),
    /// Deposit assets into a vault.
    Deposit(deposit::Args),
    /// Request, claim or list withdrawals.
    #[command(subcommand)]
    Withdraw(withdraw::Command),
    /// Operator actions.
    #[command(subcommand)]
    Operator(operator::Command),
    /// AVS actions.
    #[command(subcommand)]
    Avs(avs::Command),
    /// Opt the sender (an operator) in to an AVS.
    Optin(membership::Args),
    /// Opt the sender (an operator) out of an AVS.
    Optout(membership::Args),
    /// Delegate a fraction of a vault to an operator (the vault's curator).
    Delegate(stake::DelegateArgs),
    /// Allocate a fraction of the sender's delegated stake to an AVS (an operator).
    Allocate(stake::AllocateArgs),
    /// Slash an operator for an AVS (the AVS's slasher).
    Slash(slash::Args),
    /// Push rewards into a vault.
    Rewards(rewards::Args),
    /// Pause functions (a pauser or the admin).
    Pause(pause::Args),
    /// Unpause functions (the admin).
    Unpause(pause::Args),
    /// TVL, rate, supply, queue backlog, exposure and concentration.
    Status(status::Args),
    /// Hand the admin role of every contract to another address (two steps).
    #[command(subcommand)]
    Admin(admin::Command),
}

/// Runs a command; an error prints as one line and maps to its exit code.
pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("\x1b[1;31merror\x1b[0m cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let ctx = Context {
        rpc: cli.rpc,
        wallet: cli.wallet,
        manifest: cli.manifest,
        out: Out::new(cli.json),
    };
    match runtime.block_on(dispatch(cli.command, &ctx)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\x1b[1;31merror\x1b[0m {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

async fn dispatch(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Demo(args) => demo::exec(args, ctx).await,
        Command::Build(args) => build::exec(args, ctx),
        Command::Devnet(args) => devnet::exec(args, ctx).await,
        Command::Deploy(args) => deploy::exec(args, ctx).await,
        Command::Mint(args) => mint::exec(args, ctx).await,
        Command::Deposit(args) => deposit::exec(args, ctx).await,
        Command::Withdraw(command) => withdraw::exec(command, ctx).await,
        Command::Operator(command) => operator::exec(command, ctx).await,
        Command::Avs(command) => avs::exec(command, ctx).await,
        Command::Optin(args) => membership::opt_in(args, ctx).await,
        Command::Optout(args) => membership::opt_out(args, ctx).await,
        Command::Delegate(args) => stake::delegate(args, ctx).await,
        Command::Allocate(args) => stake::allocate(args, ctx).await,
        Command::Slash(args) => slash::exec(args, ctx).await,
        Command::Rewards(args) => rewards::exec(args, ctx).await,
        Command::Pause(args) => pause::exec(args, true, ctx).await,
        Command::Unpause(args) => pause::exec(args, false, ctx).await,
        Command::Status(args) => status::exec(args, ctx).await,
        Command::Admin(command) => admin::exec(command, ctx).await,
    }
}

fn print_tx(sent: &Sent) {
    println!(
        "  tx {} · block {} · gas {}",
        sent.hash, sent.block, sent.gas_used
    );
}
