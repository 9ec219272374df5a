//! `lrt devnet`: the embedded devnet, with the same flags as the `devnet` binary.

use super::args::Context;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub config: devnet::Config,
}

pub async fn exec(args: Args, _ctx: &Context) -> Result<()> {
    devnet::node::run(args.config)
        .await
        .map_err(|e| Error::input(e.to_string(), "check --host/--port and --state"))
}
