//! The `lrt` command line: one module per command or actor, each with its `Args` and `exec`.
//! Each actor's actions are grouped under it (`operator optin`, `avs slash`, `curator
//! delegate`); the older top-level spellings stay as hidden aliases. Only commands that talk
//! to a deployment take `--rpc-url`, `--private-key` and `--manifest`.
//!
//! Exit codes: 0 success, 1 other failure, 2 a contract reverted, 3 the chain cannot run
//! Stylus, 64 bad input (a typo, a bad value, a stale manifest), 69 node unreachable.

mod activate;
mod admin;
mod args;
mod avs;
mod build;
mod curator;
mod demo;
mod deploy;
mod deposit;
mod devnet;
mod mint;
mod operator;
mod pause;
mod rewards;
mod slash;
mod status;
mod withdraw;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::{ChainArgs, Context, DryRunArg};

use crate::{chain::Sent, error::Result, output};

/// Exit code of bad input, sysexits' EX_USAGE; 2 (clap's own) means a revert here.
pub const EXIT_USAGE: u8 = 64;

/// Build, deploy, operate and inspect stylus-lrt, a liquid restaking system on Arbitrum Stylus.
#[derive(Debug, Parser)]
#[command(
    name = "lrt",
    version,
    after_help = "Exit codes: 0 ok, 1 other failure, 2 a contract reverted, 3 the chain cannot run Stylus, \
                  64 bad input, 69 node unreachable."
)]
pub struct Cli {
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
    /// Operator actions: register, opt in to or out of an AVS, allocate stake to it.
    #[command(subcommand)]
    Operator(operator::Command),
    /// AVS actions: register, accept or eject operators, slash.
    #[command(subcommand)]
    Avs(avs::Command),
    /// Curator actions: delegate a vault's stake to operators.
    #[command(subcommand)]
    Curator(curator::Command),
    /// Push rewards into a vault.
    Rewards(rewards::Args),
    /// Pause functions (a pauser or the admin).
    Pause(pause::Args),
    /// Unpause functions (the admin).
    Unpause(pause::Args),
    /// TVL, rate, supply, queue backlog, exposure and concentration.
    Status(status::Args),
    /// Keep the programs alive before ArbOS expires them (365 days), or activate them again.
    Activate(activate::Args),
    /// Hand the admin role of every contract to another address (two steps).
    #[command(subcommand)]
    Admin(admin::Command),

    /// Alias of `operator optin`.
    #[command(hide = true)]
    Optin(operator::MembershipArgs),
    /// Alias of `operator optout`.
    #[command(hide = true)]
    Optout(operator::MembershipArgs),
    /// Alias of `operator allocate`.
    #[command(hide = true)]
    Allocate(operator::AllocateArgs),
    /// Alias of `curator delegate`.
    #[command(hide = true)]
    Delegate(curator::DelegateArgs),
    /// Alias of `avs slash`.
    #[command(hide = true)]
    Slash(slash::Args),
}

/// Prints a command-line parse error (or `--help`/`--version`) and exits: 0 for help and
/// version, [`EXIT_USAGE`] for a mistake.
pub fn parse_failed(err: clap::Error) -> ExitCode {
    let _ = err.print();
    if err.use_stderr() {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs a command; an error prints as one line and maps to its exit code.
pub fn run(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            output::print_error(&format!("cannot start the async runtime: {err}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(&err.to_string());
            ExitCode::from(err.exit_code())
        }
    }
}

async fn dispatch(command: Command) -> Result<()> {
    match command {
        Command::Demo(args) => demo::exec(args).await,
        Command::Build(args) => build::exec(args),
        Command::Devnet(args) => devnet::exec(args).await,
        Command::Deploy(args) => deploy::exec(args).await,
        Command::Mint(args) => mint::exec(args).await,
        Command::Deposit(args) => deposit::exec(args).await,
        Command::Withdraw(command) => withdraw::exec(command).await,
        Command::Operator(command) => operator::exec(command).await,
        Command::Avs(command) => avs::exec(command).await,
        Command::Curator(command) => curator::exec(command).await,
        Command::Rewards(args) => rewards::exec(args).await,
        Command::Pause(args) => pause::exec(args, true).await,
        Command::Unpause(args) => pause::exec(args, false).await,
        Command::Status(args) => status::exec(args).await,
        Command::Activate(args) => activate::exec(args).await,
        Command::Admin(command) => admin::exec(command).await,
        Command::Optin(args) => operator::opt_in(args).await,
        Command::Optout(args) => operator::opt_out(args).await,
        Command::Allocate(args) => operator::allocate(args).await,
        Command::Delegate(args) => curator::delegate(args).await,
        Command::Slash(args) => slash::exec(args).await,
    }
}

fn print_tx(sent: &Sent) {
    println!(
        "  tx {} · block {} · gas {}",
        sent.hash, sent.block, sent.gas_used
    );
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every argument of every command, with its command path, that has no help text.
    fn undocumented(cmd: &clap::Command, path: &str, found: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                found.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            undocumented(sub, &format!("{path} {}", sub.get_name()), found);
        }
    }

    #[test]
    fn every_argument_of_every_command_has_help() {
        let mut found = Vec::new();
        undocumented(&Cli::command(), "lrt", &mut found);
        assert!(found.is_empty(), "arguments without help: {found:?}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
