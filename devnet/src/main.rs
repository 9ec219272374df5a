use std::process::ExitCode;

use clap::Parser;

/// A local Arbitrum-style chain that runs Stylus WASM and EVM contracts, with anvil's RPC.
#[derive(Debug, Parser)]
#[command(name = "devnet", version, about)]
struct Cli {
    #[command(flatten)]
    config: devnet::Config,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match devnet::node::run(cli.config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
