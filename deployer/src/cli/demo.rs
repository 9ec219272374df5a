//! `lrt demo`: the whole lifecycle on an in-process devnet, narrated.

use super::args::{ArtifactsArg, JsonArg};
use crate::{demo, error::Result, output::Out};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub artifacts: ArtifactsArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub async fn exec(args: Args) -> Result<()> {
    let out = Out::new(args.json.json);
    // Fixes the checkout the demo builds and deploys from, or says where it looked.
    args.artifacts.checkout(&[])?;
    let report = demo::run(&out).await?;
    if out.json {
        return out.json(&report);
    }
    out.table(&demo::summary(&report));
    Ok(())
}
