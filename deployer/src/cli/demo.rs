//! `lrt demo`: the whole lifecycle on an in-process devnet, narrated.

use super::args::Context;
use crate::{demo, error::Result};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn exec(_args: Args, ctx: &Context) -> Result<()> {
    let report = demo::run(&ctx.out).await?;
    if ctx.out.json {
        return ctx.out.json(&report);
    }
    ctx.out.table(&demo::summary(&report));
    Ok(())
}
