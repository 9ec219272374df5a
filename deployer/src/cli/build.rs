//! `lrt build`: compile the contracts and print their sizes against the Stylus limit.

use super::args::Context;
use crate::{
    build::{self, BuiltContract, MAX_COMPRESSED_SIZE},
    error::Result,
};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn exec(_args: Args, ctx: &Context) -> Result<()> {
    let json = ctx.out.json;
    let root = build::workspace_root();
    eprintln!(
        "\x1b[1;34mbuild\x1b[0m compiling {} contracts for wasm32 (release)",
        build::CONTRACTS.len()
    );
    let contracts = build::build_contracts(&root)?;
    if json {
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
        ctx.out.json(&rows)?;
    } else {
        print_table(&contracts);
        println!("artifacts: {}", build::artifacts_dir(&root).display());
    }
    Ok(build::check_sizes(&contracts)?)
}

fn print_table(contracts: &[BuiltContract]) {
    println!(
        "{:<18} {:>10} {:>12} {:>8} {:>10}",
        "contract", "wasm", "compressed", "limit", "headroom"
    );
    for c in contracts {
        let headroom = MAX_COMPRESSED_SIZE as i64 - c.compressed_size as i64;
        let mark = if c.fits() { "" } else { "  OVER LIMIT" };
        println!(
            "{:<18} {:>10} {:>12} {:>8} {:>9.1}%{mark}",
            c.name,
            c.wasm_size,
            c.compressed_size,
            MAX_COMPRESSED_SIZE,
            100.0 * headroom as f64 / MAX_COMPRESSED_SIZE as f64
        );
    }
}
