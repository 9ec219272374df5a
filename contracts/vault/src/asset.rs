//! Moving the underlying token. Always the last step of an entry point (checks-effects-
//! interactions): a re-entrant call from the token sees bookkeeping that already includes this
//! operation, so it prices shares exactly as a later transaction would.
//!
//! Encoded by hand rather than through a `sol_interface!` client (same calls): the typed client
//! costs ~4 KB of WASM the vault cannot spare.

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use lrt_common::abi::{selector, with_selector, Word};
use stylus_sdk::{call::call, prelude::*};

use crate::{
    errors::{AssetCallFailed, AssetShortfall, VaultError},
    Vault,
};

const TRANSFER_FROM: [u8; 4] = selector("transferFrom(address,address,uint256)");
const TRANSFER: [u8; 4] = selector("transfer(address,uint256)");
const DECIMALS: [u8; 4] = selector("decimals()");
const BALANCE_OF: [u8; 4] = selector("balanceOf(address)");

impl Vault {
    /// Takes `amount` from `from` (which must have approved the vault) and checks that the
    /// vault's balance grew by at least that much: what gets credited is `amount`, so a
    /// fee-on-transfer or rebasing-down token is refused with `AssetShortfall`.
    pub(crate) fn pull_asset(&mut self, from: Address, amount: U256) -> Result<(), VaultError> {
        // Read once: each call clears the storage cache, so a re-read would pay again.
        let (asset, this) = (self.asset.get(), self.vm().contract_address());
        let before = self.asset_balance(asset, this)?;
        let calldata = with_selector(TRANSFER_FROM, &[from.word(), this.word(), amount.word()]);
        self.call_asset(asset, calldata)?;
        let received = self.asset_balance(asset, this)?.saturating_sub(before);
        if received < amount {
            return Err(AssetShortfall {
                expected: amount,
                received,
            }
            .into());
        }
        Ok(())
    }

    pub(crate) fn send_asset_from(
        &mut self,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), VaultError> {
        let calldata = with_selector(TRANSFER_FROM, &[from.word(), to.word(), amount.word()]);
        self.call_asset(self.asset.get(), calldata)
    }

    pub(crate) fn push_asset(&mut self, to: Address, amount: U256) -> Result<(), VaultError> {
        let calldata = with_selector(TRANSFER, &[to.word(), amount.word()]);
        self.call_asset(self.asset.get(), calldata)
    }

    /// Accepts `true` or no return data (tokens that predate the standard's `bool`); the
    /// asset is known to be a contract since the constructor read its `decimals()`.
    fn call_asset(&mut self, asset: Address, calldata: Vec<u8>) -> Result<(), VaultError> {
        let context = Call::new_mutating(self);
        match call(self.vm(), context, asset, &calldata) {
            Ok(out) if out.is_empty() || out.as_slice() == true.word().as_slice() => Ok(()),
            _ => Err(AssetCallFailed { asset }.into()),
        }
    }
}

/// Reads `decimals()`; a reply that is not one ABI word holding a `uint8` is rejected.
pub(crate) fn read_decimals(host: &impl Host, asset: Address) -> Result<u8, VaultError> {
    let word = read_word(host, asset, &DECIMALS)?;
    match word.as_limbs() {
        [decimals @ 0..=255, 0, 0, 0] => Ok(*decimals as u8),
        _ => Err(AssetCallFailed { asset }.into()),
    }
}

impl Vault {
    fn asset_balance(&self, asset: Address, account: Address) -> Result<U256, VaultError> {
        let calldata = with_selector(BALANCE_OF, &[account.word()]);
        read_word(self.vm(), asset, &calldata)
    }
}

/// The first ABI word of a view call to `target`; no answer is `AssetCallFailed`.
pub(crate) fn read_word(
    host: &impl Host,
    target: Address,
    calldata: &[u8],
) -> Result<U256, VaultError> {
    let out = stylus_sdk::call::static_call(host, Call::new(), target, calldata);
    match out.as_deref().map(<[u8]>::first_chunk::<32>) {
        Ok(Some(word)) => Ok(lrt_common::abi::uint_in(word)),
        _ => Err(AssetCallFailed { asset: target }.into()),
    }
}
