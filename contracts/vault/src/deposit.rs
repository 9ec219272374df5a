//! Deposits and mints: caps, slippage, zero-share guard.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use lrt_common::{
    abi::{emit, Word},
    math::Rounding,
    pause::DEPOSIT,
};
use stylus_sdk::prelude::*;

use crate::{
    errors::{
        DepositCapExceeded, MathOverflow, SlippageExceeded, TvlCapExceeded, VaultError, ZeroShares,
    },
    events::Deposit,
    Vault,
};

impl Vault {
    pub(crate) fn deposit_assets(
        &mut self,
        assets: U256,
        receiver: Address,
        min_shares: U256,
    ) -> Result<U256, VaultError> {
        self.pausable.when_not_paused(DEPOSIT)?;
        let total = self.accrue()?;
        let shares = self.shares_for(assets, total, Rounding::Down)?;
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        if shares < min_shares {
            return Err(SlippageExceeded {
                shares,
                minShares: min_shares,
            }
            .into());
        }
        self.enter(total, assets, shares, receiver)?;
        Ok(shares)
    }

    pub(crate) fn mint_shares(
        &mut self,
        shares: U256,
        receiver: Address,
    ) -> Result<U256, VaultError> {
        self.pausable.when_not_paused(DEPOSIT)?;
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        let total = self.accrue()?;
        let assets = self.assets_for(shares, total, Rounding::Up)?;
        self.enter(total, assets, shares, receiver)?;
        Ok(assets)
    }

    /// Caps are checked against `total`, the assets before this deposit: the new assets are
    /// counted once, after the check, together with the mint.
    fn enter(
        &mut self,
        total: U256,
        assets: U256,
        shares: U256,
        receiver: Address,
    ) -> Result<(), VaultError> {
        if self.capped.get() {
            self.check_caps(total, assets)?;
        }
        let new_total = total.checked_add(assets).ok_or(MathOverflow {})?;
        let sender = self.vm().msg_sender();
        self.book_deposit(new_total)?;
        self.mint_to(receiver, shares)?;
        let topics = [Deposit::SIGNATURE_HASH, sender.word(), receiver.word()];
        emit(self.vm(), &topics, &[assets.word(), shares.word()]);
        self.pull_asset(sender, assets)
    }

    fn check_caps(&self, total: U256, assets: U256) -> Result<(), VaultError> {
        let per_deposit_cap = self.per_deposit_cap.get();
        if assets > per_deposit_cap {
            return Err(DepositCapExceeded {
                assets,
                perDepositCap: per_deposit_cap,
            }
            .into());
        }
        let tvl_cap = self.tvl_cap.get();
        let new_total = total.checked_add(assets).ok_or(MathOverflow {})?;
        if new_total > tvl_cap {
            return Err(TvlCapExceeded {
                totalAssets: total,
                assets,
                tvlCap: tvl_cap,
            }
            .into());
        }
        Ok(())
    }
}
