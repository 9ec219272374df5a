//! The StylusDeployer factory, as EVM bytecode at the address Arbitrum chains use.
//!
//! `StylusDeployer.sol` beside this file is the source; `runtime.hex` is its runtime
//! code, compiled with the repo's solc (see `devnet/tests/stylus_deployer.rs`, which
//! recompiles it and fails when the two drift; run it with `STYLUS_DEPLOYER_BLESS=1`
//! to rewrite `runtime.hex`). Running it as ordinary EVM code keeps every step a real
//! frame: the program is created by the factory, ArbWasm is called by it, and the
//! constructor sees the factory as `msg.sender`, exactly as on Arbitrum.

use std::sync::LazyLock;

use revm::primitives::{Address, Bytes, address, hex};
use revm::state::Bytecode;

/// Where Nitro chains (and `cargo stylus deploy`'s default) have the factory.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// Solidity source of the factory.
pub const SOURCE: &str = include_str!("StylusDeployer.sol");

/// Hex of the runtime code compiled from [`SOURCE`].
pub const RUNTIME_HEX: &str = include_str!("runtime.hex");

static RUNTIME: LazyLock<Bytecode> = LazyLock::new(|| {
    let code = hex::decode(RUNTIME_HEX.trim()).expect("runtime.hex is hex (checked by tests)");
    Bytecode::new_raw(Bytes::from(code))
});

/// The factory's runtime code.
pub fn runtime_code() -> Bytecode {
    RUNTIME.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_code_decodes_to_a_contract() {
        let code = runtime_code();
        assert!(code.len() > 1000, "{} bytes", code.len());
        assert_eq!(
            code.original_byte_slice()[0],
            0x60,
            "starts with the free-memory setup"
        );
    }
}
