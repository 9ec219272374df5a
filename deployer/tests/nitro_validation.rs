//! `lrt build` produces WASM Nitro's activation accepts: rustc's raw output pads
//! `call_indirect`'s table index (a reference-types encoding Arbitrum refuses),
//! and the build's `wasm-opt` pass re-encodes it with Nitro's features only.
//! Checked with the devnet's Nitro-exact validation under the current ArbOS.

use deployer::build;
use devnet::stylus::Rules;
use devnet::stylus::validate::check;

#[test]
fn every_built_contract_passes_nitros_activation_checks() {
    let contracts = build::build_contracts(&build::workspace_root()).expect("contracts build");

    for contract in &contracts {
        let wasm = contract.wasm().expect("artifact readable");
        let verdict = check(&wasm, &Rules::default()).map(|_| ());
        assert_eq!(verdict, Ok(()), "{}", contract.name);
    }
}

#[test]
fn rustcs_raw_output_is_what_nitro_would_refuse() {
    let root = build::workspace_root();
    build::build_contracts(&root).expect("contracts build");
    let raw = std::fs::read(root.join("target/wasm32-unknown-unknown/contract/vault.wasm"))
        .expect("cargo's artifact");

    assert!(
        check(&raw, &Rules::default()).is_err(),
        "if rustc stops padding, lrt build no longer needs to re-encode for Nitro"
    );
}
