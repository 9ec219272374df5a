use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    deployer::cli::run(deployer::cli::Cli::parse())
}
