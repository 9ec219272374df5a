//! `lrt status`: TVL, rate, supply, queue backlog, exposure and concentration per vault.

use super::args::Context;
use crate::{
    error::Result,
    status::{self, Labels},
};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn exec(_args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let status = status::read(&p).await?;
    if ctx.out.json {
        return ctx.out.json(&status);
    }
    print!(
        "{}",
        status::render(&status, &Labels::new(p.manifest.labels()))
    );
    Ok(())
}
