use std::process::ExitCode;

use clap::Parser;
use deployer::cli::{Cli, parse_failed, run};

fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(err) => parse_failed(err),
    }
}
