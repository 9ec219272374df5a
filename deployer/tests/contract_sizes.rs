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

/// A panic location of our own code (its `Location` and file name) would sit in the program's
/// data segment, which Nitro charges 0.75 gas per byte on every call (`cachedCost`): the
/// contracts build words without slice copies or checked conversions (`lrt_common`'s rule).
#[test]
fn no_contract_carries_a_panic_location_of_our_own_code() {
    let contracts = build::build_contracts(&build::workspace_root()).expect("contracts build");

    for c in &contracts {
        let wasm = c.wasm().unwrap();
        let ours = wasm
            .windows(b"contracts/".len())
            .position(|w| w == b"contracts/");
        if let Some(at) = ours {
            let end = (at + 60).min(wasm.len());
            panic!(
                "{} carries a panic location of our code: {:?}",
                c.name,
                String::from_utf8_lossy(&wasm[at..end])
            );
        }
    }
}
