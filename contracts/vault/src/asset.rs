//! Moving the underlying token. Always the last step of an entry point (checks-effects-
//! interactions): a re-entrant call from the token sees bookkeeping that already includes this
//! operation, so it prices shares exactly as a later transaction would.

use alloy_primitives::{Address, U256};
use lrt_common::interfaces::IERC20;
use stylus_sdk::prelude::*;

use crate::{
    errors::{AssetCallFailed, VaultError},
    Vault,
};

impl Vault {
    /// Takes exactly `amount` from `from` (which must have approved the vault). The amount is
    /// what gets credited; fee-on-transfer or rebasing-down tokens are not supported assets.
    pub(crate) fn pull_asset(&mut self, from: Address, amount: U256) -> Result<(), VaultError> {
        let asset = self.asset.get();
        let this = self.vm().contract_address();
        let call = Call::new_mutating(self);
        match IERC20::new(asset).transfer_from(self.vm(), call, from, this, amount) {
            Ok(true) => Ok(()),
            _ => Err(AssetCallFailed { asset }.into()),
        }
    }

    pub(crate) fn push_asset(&mut self, to: Address, amount: U256) -> Result<(), VaultError> {
        let asset = self.asset.get();
        let call = Call::new_mutating(self);
        match IERC20::new(asset).transfer(self.vm(), call, to, amount) {
            Ok(true) => Ok(()),
            _ => Err(AssetCallFailed { asset }.into()),
        }
    }
}
