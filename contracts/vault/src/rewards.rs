//! Reward intake: protocol fee at once, the rest vesting linearly.

use alloy_primitives::U256;
use alloy_sol_types::SolEvent;
use lrt_common::{
    abi::{emit, Word},
    limits::WAD,
    math::{mul_div, Rounding},
};
use stylus_sdk::prelude::*;

use crate::{
    errors::{MathOverflow, NoShareholders, VaultError, ZeroAmount},
    events::RewardsNotified,
    Vault,
};

impl Vault {
    /// The fee part is minted to the treasury at the current rate, so holders' rate does not
    /// jump; the rest joins what is still vesting and vests over a fresh `vestingPeriod`, so
    /// a reward drop cannot be sandwiched.
    pub(crate) fn take_rewards(&mut self, amount: U256) -> Result<(), VaultError> {
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        if self.total_supply.get().is_zero() {
            return Err(NoShareholders {}.into());
        }
        let total = self.accrue()?;
        let mut fee = mul_div(amount, self.protocol_fee_wad.get(), WAD, Rounding::Down)?;
        let fee_shares = self.shares_for(fee, total, Rounding::Down)?;
        if fee_shares.is_zero() {
            // A fee worth less than a share would raise the rate at once; let it vest instead.
            fee = U256::ZERO;
        }
        let vesting = self
            .unvested
            .get()
            .checked_add(amount - fee)
            .ok_or(MathOverflow {})?;
        let now = self.vm().block_timestamp();
        let end = now.saturating_add(self.vesting_period.get().as_limbs()[0]);
        self.total_assets
            .set(total.checked_add(fee).ok_or(MathOverflow {})?);
        self.unvested.set(vesting);
        self.vest_end.set(alloy_primitives::U64::from(end));
        if !fee_shares.is_zero() {
            self.mint_to(self.treasury.get(), fee_shares)?;
        }
        let from = self.vm().msg_sender();
        let data = [amount.word(), fee.word(), fee_shares.word(), end.word()];
        emit(
            self.vm(),
            &[RewardsNotified::SIGNATURE_HASH, from.word()],
            &data,
        );
        self.pull_asset(from, amount)
    }
}
