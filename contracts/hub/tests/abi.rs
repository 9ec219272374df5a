//! The checked-in Solidity interface must be what the Rust code exports.

use stylus_sdk::abi::GenerateAbi;

struct Interface;

impl core::fmt::Display for Interface {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        hub::Hub::fmt_abi(f)
    }
}

#[test]
fn checked_in_ihub_sol_matches_the_exported_abi() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/IHub.sol");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let exported = Interface.to_string();
    assert!(
        checked_in.ends_with(&exported) && checked_in.contains("SPDX-License-Identifier"),
        "contracts/hub/IHub.sol is stale; regenerate it with\n  \
         cargo run -p hub --features export-abi --bin hub-abi > contracts/hub/IHub.sol"
    );
}
