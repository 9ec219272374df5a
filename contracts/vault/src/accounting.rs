//! Share price: the virtual offset, rounding, and linear vesting of rewards.

use alloy_primitives::U256;
use lrt_common::math::{mul_div, Rounding};
use stylus_sdk::prelude::*;

use crate::{
    errors::{MathOverflow, VaultError},
    packed::MAX_AMOUNT,
    Vault,
};

/// Virtual shares and virtual assets added to both sides of every conversion (EigenLayer's
/// choice). Inflating the price of the first real share then costs the attacker about 1000x
/// what it can steal, and a deposit worth less than a share reverts instead of minting 0.
pub const VIRTUAL_OFFSET: U256 = U256::from_limbs([1_000, 0, 0, 0]);

impl Vault {
    /// `(totalAssets, unvested)` as of now, vesting applied but not stored.
    pub(crate) fn vesting_now(&self) -> Result<(U256, U256), VaultError> {
        let settled = self.total_assets.get();
        let end = self.vest_end.get().as_limbs()[0];
        let unvested = self.unvested_since_accrual(end);
        let vested = if unvested.is_zero() {
            U256::ZERO
        } else {
            let now = self.vm().block_timestamp();
            let last = self.vest_last.get().as_limbs()[0];
            if now >= end {
                unvested
            } else {
                // last <= now < end, so both differences are positive and fit in u64. Rounded
                // up: however often vesting is applied, the pool never falls behind its straight
                // line, so every reward is fully vested by its deadline to the wei.
                let elapsed = U256::from(now.saturating_sub(last));
                let window = U256::from(end - last);
                mul_div(unvested, elapsed, window, Rounding::Up)?
            }
        };
        let total = settled.checked_add(vested).ok_or(MathOverflow {})?;
        Ok((total, unvested - vested))
    }

    /// Stores the vesting applied so far and returns the up-to-date `totalAssets`.
    pub(crate) fn accrue(&mut self) -> Result<U256, VaultError> {
        let (total, unvested) = self.vesting_now()?;
        // Nothing vested (nothing vesting, or same second): the straight line from `vest_last`
        // still holds, so skip the writes (the timestamp alone costs ~2,900 gas per deposit).
        if total != self.total_assets.get() {
            self.total_assets.set(total)?;
            self.unvested.set(unvested)?;
            self.vest_last
                .set(alloy_primitives::U64::from(self.vm().block_timestamp()));
            if unvested.is_zero() {
                self.vest_end.set(alloy_primitives::U64::ZERO);
            }
        }
        Ok(total)
    }

    /// `unvested` as of the last accrual, given `vest_end`: a zero end means nothing vests,
    /// so the vesting slot is not read (2,100 gas a deposit saves while no reward vests).
    /// Every path that empties `unvested` zeroes `vest_end` and only `take_rewards` sets it.
    fn unvested_since_accrual(&self, vest_end: u64) -> U256 {
        match vest_end {
            0 => U256::ZERO,
            _ => self.unvested.get(),
        }
    }

    /// Refuses books past 128 bits: settled assets plus rewards still vesting stay within
    /// [`MAX_AMOUNT`], so vesting can always move the latter into the former.
    pub(crate) fn check_books(&self, settled: U256, unvested: U256) -> Result<(), VaultError> {
        match settled.checked_add(unvested) {
            Some(books) if books <= MAX_AMOUNT => Ok(()),
            _ => Err(MathOverflow {}.into()),
        }
    }

    /// Settles `total` after a deposit added to it, within the 128-bit books.
    pub(crate) fn book_deposit(&mut self, total: U256) -> Result<(), VaultError> {
        let end = self.vest_end.get().as_limbs()[0];
        self.check_books(total, self.unvested_since_accrual(end))?;
        Ok(self.total_assets.set(total)?)
    }

    pub(crate) fn shares_for(
        &self,
        assets: U256,
        total_assets: U256,
        rounding: Rounding,
    ) -> Result<U256, VaultError> {
        let (virtual_supply, virtual_assets) = self.virtual_totals(total_assets)?;
        Ok(mul_div(assets, virtual_supply, virtual_assets, rounding)?)
    }

    pub(crate) fn assets_for(
        &self,
        shares: U256,
        total_assets: U256,
        rounding: Rounding,
    ) -> Result<U256, VaultError> {
        let (virtual_supply, virtual_assets) = self.virtual_totals(total_assets)?;
        Ok(mul_div(shares, virtual_assets, virtual_supply, rounding)?)
    }

    fn virtual_totals(&self, total_assets: U256) -> Result<(U256, U256), VaultError> {
        let supply = self
            .total_supply
            .get()
            .checked_add(VIRTUAL_OFFSET)
            .ok_or(MathOverflow {})?;
        let assets = total_assets
            .checked_add(VIRTUAL_OFFSET)
            .ok_or(MathOverflow {})?;
        Ok((supply, assets))
    }
}
