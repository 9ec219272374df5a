//! Reward intake: the protocol fee paid out at once, the rest vesting linearly.

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
    /// The fee goes to the treasury in the asset, straight from the notifier: fee *shares*
    /// would earn part of the very reward they were taken from, so the treasury's take would
    /// exceed the fee (a third of a reward the size of TVL at a 20 % fee). Paid in the asset it
    /// is exactly the fee, whatever the reward's size.
    ///
    /// The rest joins what is still vesting. The pool keeps one straight line, ending
    /// `vestingPeriod` after this push unless that would slow it down: then it ends where the
    /// old rate carries the larger pool. Either way what was already vesting is done by its own
    /// deadline (dust cannot postpone it) and this reward by `now + vestingPeriod`, while a large
    /// reward still takes the whole period (it cannot be sandwiched).
    pub(crate) fn take_rewards(&mut self, amount: U256) -> Result<(), VaultError> {
        if amount.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        if self.total_supply.get().is_zero() {
            return Err(NoShareholders {}.into());
        }
        let settled = self.accrue()?;
        let fee = mul_div(amount, self.protocol_fee_wad.get(), WAD, Rounding::Down)?;
        let net = amount - fee;
        let remaining = self.unvested.get();
        let pool = remaining.checked_add(net).ok_or(MathOverflow {})?;
        self.check_books(settled, pool)?;
        let now = self.vm().block_timestamp();
        let period = self.vesting_period.get().as_limbs()[0];
        let mut end = now.saturating_add(period);
        if !remaining.is_zero() {
            // Something still vests, so the old end lies ahead of now. Rounded down: ending
            // earlier never breaks a deadline.
            let left = U256::from(self.vest_end.get().as_limbs()[0] - now);
            let at_old_rate = mul_div(pool, left, remaining, Rounding::Down)?;
            if at_old_rate < U256::from(period) {
                end = now + at_old_rate.as_limbs()[0];
            }
        }
        self.unvested.set(pool)?;
        self.vest_last.set(alloy_primitives::U64::from(now));
        self.vest_end.set(alloy_primitives::U64::from(end));
        let from = self.vm().msg_sender();
        let data = [amount.word(), fee.word(), end.word()];
        emit(
            self.vm(),
            &[RewardsNotified::SIGNATURE_HASH, from.word()],
            &data,
        );
        self.pull_asset(from, net)?;
        if !fee.is_zero() {
            self.send_asset_from(from, self.treasury.get(), fee)?;
        }
        Ok(())
    }
}
