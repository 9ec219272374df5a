//! `lrt devnet`: the embedded devnet, with the same flags as the `devnet` binary.

use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub config: devnet::Config,
}

pub async fn exec(args: Args) -> Result<()> {
    // The devnet's errors already say what to do (e.g. pick another --port when bound).
    devnet::node::run(args.config)
        .await
        .map_err(|e| Error::Other(e.into()))
}
