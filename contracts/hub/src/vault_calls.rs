//! The three calls the hub makes to a vault, hand-encoded: the SDK's typed interface costs
//! about a kilobyte of WASM per function. A failure returns the vault's revert data
//! untouched (empty when the vault answered something that is not one ABI word).

use alloc::vec::Vec;

use lrt_common::abi::{self, selector, with_selector};
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    call::{call, static_call},
    prelude::*,
};

use lrt_common::abi::Word;

use crate::Hub;

const TOTAL_ASSETS: [u8; 4] = selector("totalAssets()");
const CURATOR: [u8; 4] = selector("curator()");
const SLASH: [u8; 4] = selector("slash(uint256,address)");

impl Hub {
    pub(crate) fn vault_total_assets(&self, vault: Address) -> Result<U256, Vec<u8>> {
        first_word(static_call(self.vm(), Call::new(), vault, &TOTAL_ASSETS))
            .map(|word| abi::uint_in(&word))
    }

    pub(crate) fn vault_curator(&self, vault: Address) -> Result<Address, Vec<u8>> {
        let word = first_word(static_call(self.vm(), Call::new(), vault, &CURATOR))?;
        // Not `Address::from_word`: its slice `unwrap` links `Debug` formatting (≈0.3 KB).
        Ok(abi::address_in(&word))
    }

    /// Books `assets` as a loss of `vault` owed to `recipient`; returns what it booked.
    pub(crate) fn vault_slash(
        &mut self,
        vault: Address,
        assets: U256,
        recipient: Address,
    ) -> Result<U256, Vec<u8>> {
        let calldata = with_selector(SLASH, &[assets.word(), recipient.word()]);
        let context = Call::new_mutating(self);
        first_word(call(self.vm(), context, vault, &calldata)).map(|word| abi::uint_in(&word))
    }
}

/// The answer's only word; a revert passes its data on, any other answer reverts empty.
fn first_word(
    reply: Result<Vec<u8>, stylus_sdk::stylus_core::calls::errors::Error>,
) -> Result<[u8; 32], Vec<u8>> {
    match reply {
        Ok(out) => match <[u8; 32]>::try_from(out.as_slice()) {
            Ok(word) => Ok(word),
            Err(_) => Err(Vec::new()),
        },
        Err(stylus_sdk::stylus_core::calls::errors::Error::Revert(data)) => Err(data),
        Err(_) => Err(Vec::new()),
    }
}
