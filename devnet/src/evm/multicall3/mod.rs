//! Multicall3, predeployed where Arbitrum One and Sepolia (and most chains) have it.
//!
//! `Multicall3.sol` beside this file is the source; `runtime.hex` is its runtime code,
//! compiled with the repo's solc (`devnet/tests/multicall3.rs` recompiles it and fails
//! when the two drift; run it with `MULTICALL3_BLESS=1` to rewrite `runtime.hex`).

use std::sync::LazyLock;

use revm::primitives::{Address, Bytes, address, hex};
use revm::state::Bytecode;

pub const MULTICALL3: Address = address!("cA11bde05977b3631167028862bE2a173976CA11");

/// Solidity source of the contract.
pub const SOURCE: &str = include_str!("Multicall3.sol");

/// Hex of the runtime code compiled from [`SOURCE`].
pub const RUNTIME_HEX: &str = include_str!("runtime.hex");

static RUNTIME: LazyLock<Bytecode> = LazyLock::new(|| {
    let code = hex::decode(RUNTIME_HEX.trim()).expect("runtime.hex is hex (checked by tests)");
    Bytecode::new_raw(Bytes::from(code))
});

/// Multicall3's runtime code.
pub fn runtime_code() -> Bytecode {
    RUNTIME.clone()
}
