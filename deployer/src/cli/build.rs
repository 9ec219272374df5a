//! `lrt build`: compile the contracts and print their sizes against the Stylus limit.

use super::args::{ArtifactsArg, JsonArg};
use crate::{
    build::{self, BuiltContract, MAX_COMPRESSED_SIZE},
    error::Result,
    output::{Out, Paint, Table},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accept a contract over one account's 24,576 bytes when it fits in 2 fragments: it
    /// then deploys as fragments behind a root, which only chains on ArbOS 60+ accept
    /// (`lrt deploy` checks the chain and refuses otherwise). Without it the build fails.
    #[arg(long)]
    pub allow_fragments: bool,
    #[command(flatten)]
    pub artifacts: ArtifactsArg,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn exec(args: Args) -> Result<()> {
    let out = Out::new(args.json.json);
    let root = args.artifacts.checkout(&[])?;
    if !out.json {
        eprintln!(
            "{} compiling {} contracts for wasm32 (release) in {}",
            Paint::stderr().heading("build"),
            build::CONTRACTS.len(),
            root.display()
        );
    }
    let contracts = build::build_contracts(&root)?;
    if out.json {
        let rows: Vec<_> = contracts
            .iter()
            .map(|c| {
                serde_json::json!({
                    "name": c.name,
                    "wasm": c.wasm_path,
                    "wasmBytes": c.wasm_size,
                    "compressedBytes": c.compressed_size,
                    "limitBytes": MAX_COMPRESSED_SIZE,
                })
            })
            .collect();
        out.json(&rows)?;
    } else {
        out.table(&size_table(&contracts, args.allow_fragments));
        println!("artifacts: {}", build::artifacts_dir(&root).display());
    }
    if args.allow_fragments {
        Ok(build::check_fragment_sizes(&contracts)?)
    } else {
        Ok(build::check_sizes(&contracts)?)
    }
}

fn size_table(contracts: &[BuiltContract], allow_fragments: bool) -> Table {
    let mut table = Table::new(["contract", "wasm", "compressed", "limit", "headroom"]);
    for c in contracts {
        let headroom = MAX_COMPRESSED_SIZE as i64 - c.compressed_size as i64;
        let mark = match (c.fits(), allow_fragments) {
            (true, _) => "",
            (false, true) => " FRAGMENTS (ArbOS 60+)",
            (false, false) => " OVER LIMIT",
        };
        table.row([
            c.name.clone(),
            c.wasm_size.to_string(),
            c.compressed_size.to_string(),
            MAX_COMPRESSED_SIZE.to_string(),
            format!(
                "{:.1}%{mark}",
                100.0 * headroom as f64 / MAX_COMPRESSED_SIZE as f64
            ),
        ]);
    }
    table
}
