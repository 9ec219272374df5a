//! The `lrt` command line: one module per command, each with its `Args` and `exec`.

mod build;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build, deploy, operate and inspect stylus-lrt, a liquid restaking system on Arbitrum Stylus.
#[derive(Debug, Parser)]
#[command(name = "lrt", version)]
pub struct Cli {
    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every contract for wasm32 and check its compressed size against the Stylus limit.
    Build(build::Args),
}

/// Runs a command; errors print as one line and map to exit code 1.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Build(args) => build::exec(args, cli.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\x1b[1;31merror\x1b[0m {err:#}");
            ExitCode::FAILURE
        }
    }
}
