//! `lrt status`: TVL, rate, supply, queue backlog, exposure and concentration per vault.

use super::args::{ChainArgs, Context};
use crate::{
    error::Result,
    status::{self, Labels},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this vault, by symbol or address (default: every vault of the manifest).
    #[arg(long)]
    pub vault: Option<String>,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let p = ctx.protocol().await?;
    let vaults = match args.vault.as_deref() {
        Some(selector) => vec![p.manifest.vault(Some(selector))?.clone()],
        None => p.manifest.vaults.clone(),
    };
    let status = status::read_vaults(&p, &vaults).await?;
    if ctx.out.json {
        return ctx.out.json(&status);
    }
    print!(
        "{}",
        status::render(&status, &Labels::new(p.manifest.labels()))
    );
    Ok(())
}
