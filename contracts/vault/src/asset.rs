//! Moving the underlying token. Always the last step of an entry point (checks-effects-
//! interactions): a re-entrant call from the token sees bookkeeping that already includes this
//! operation, so it prices shares exactly as a later transaction would.
//!
//! Encoded by hand rather than through `IERC20` (same calls): the typed client costs ~4 KB of
//! WASM the vault cannot spare.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use lrt_common::abi::{selector, with_selector, Word};
use stylus_sdk::{call::call, prelude::*};

use crate::{
    errors::{AssetCallFailed, VaultError},
    Vault,
};

const TRANSFER_FROM: [u8; 4] = selector("transferFrom(address,address,uint256)");
const TRANSFER: [u8; 4] = selector("transfer(address,uint256)");
const DECIMALS: [u8; 4] = selector("decimals()");

impl Vault {
    /// Takes exactly `amount` from `from` (which must have approved the vault). The amount is
    /// what gets credited; fee-on-transfer or rebasing-down tokens are not supported assets.
    pub(crate) fn pull_asset(&mut self, from: Address, amount: U256) -> Result<(), VaultError> {
        let this = self.vm().contract_address();
        self.call_asset(with_selector(
            TRANSFER_FROM,
            &[from.word(), this.word(), amount.word()],
        ))
    }

    pub(crate) fn push_asset(&mut self, to: Address, amount: U256) -> Result<(), VaultError> {
        self.call_asset(with_selector(TRANSFER, &[to.word(), amount.word()]))
    }

    /// Accepts `true` or no return data (tokens that predate the standard's `bool`); the
    /// asset is known to be a contract since the constructor read its `decimals()`.
    fn call_asset(&mut self, calldata: Vec<u8>) -> Result<(), VaultError> {
        let asset = self.asset.get();
        let context = Call::new_mutating(self);
        match call(self.vm(), context, asset, &calldata) {
            Ok(out) if out.is_empty() || out.as_slice() == true.word().as_slice() => Ok(()),
            _ => Err(AssetCallFailed { asset }.into()),
        }
    }
}

/// Reads `decimals()`; a reply that is not one ABI word holding a `uint8` is rejected.
pub(crate) fn read_decimals(host: &impl Host, asset: Address) -> Result<u8, VaultError> {
    let reply = stylus_sdk::call::static_call(host, Call::new(), asset, &DECIMALS);
    match reply {
        Ok(out) if out.len() == 32 && out[..31] == B256::ZERO[..31] => Ok(out[31]),
        _ => Err(AssetCallFailed { asset }.into()),
    }
}
