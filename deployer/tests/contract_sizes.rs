//! `lrt build`'s core: every contract builds for wasm32 and fits the Stylus size limit.

use deployer::build::{self, MAX_COMPRESSED_SIZE};

#[test]
fn every_contract_builds_to_a_compressible_wasm_module() {
    let contracts = build::build_contracts(&build::workspace_root()).expect("contracts build");

    assert_eq!(contracts.len(), build::CONTRACTS.len());
    for c in &contracts {
        let wasm = c.wasm().unwrap();
        assert_eq!(&wasm[..4], b"\0asm", "{} is not a WASM module", c.name);
        assert!(
            c.compressed_size < c.wasm_size,
            "{} did not compress",
            c.name
        );
        println!(
            "{:<18} {:>7} bytes compressed (limit {MAX_COMPRESSED_SIZE})",
            c.name, c.compressed_size
        );
    }
}

#[test]
fn every_contract_fits_the_stylus_limit() {
    let contracts = build::build_contracts(&build::workspace_root()).expect("contracts build");

    build::check_sizes(&contracts).expect("every contract fits");
}
