//! Entry points reserved for the hub (slashing) and the withdrawal queue (redemptions).

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use lrt_common::{
    abi::{emit, Word},
    math::Rounding,
};
use stylus_sdk::prelude::*;

use crate::{
    errors::{NotHub, NotWithdrawalQueue, VaultError, ZeroAddress, ZeroAmount, ZeroShares},
    events::{SharesLocked, SlashPaid, Slashed, Withdraw},
    Vault,
};

/// An owed amount as stored: plus one, so paying a recipient out leaves its slot (and the
/// total's) at 1 rather than 0. The next slash then rewrites a nonzero slot, 2,900 gas,
/// instead of creating one, 20,000: the usual case, since the sink and an AVS's recipient
/// are owed again and again. A slot never written reads 0 and means nothing owed.
pub(crate) fn stored(owed: U256) -> U256 {
    owed + U256::from(1)
}

/// The owed amount a stored word holds (see [`stored`]).
pub(crate) fn owed(stored: U256) -> U256 {
    stored.saturating_sub(U256::from(1))
}

fn owed_total(vault: &Vault) -> U256 {
    owed(vault.total_slash_owed.get())
}

impl Vault {
    /// Books `min(assets, totalAssets)` as a loss owed to `recipient`, in this block: the rate
    /// drops now, and the tokens leave later through [`Vault::pay_slashed_assets`], so a
    /// paused asset or a recipient that refuses payment cannot stop a slash. The hub already
    /// rounded `assets` up, so a dust slash books at least one wei. Every share, locked in
    /// the queue or not, loses the same fraction.
    pub(crate) fn slash_assets(
        &mut self,
        assets: U256,
        recipient: Address,
    ) -> Result<U256, VaultError> {
        let caller = self.vm().msg_sender();
        if caller != self.hub.get() || caller.is_zero() {
            return Err(NotHub { caller }.into());
        }
        if recipient.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if assets.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        let total = self.accrue()?;
        let booked = assets.min(total);
        self.total_assets.set(total - booked)?;
        // Owed amounts are parts of booked losses, which never exceed the assets ever held.
        let owed = owed(self.slash_owed.get(recipient)) + booked;
        self.slash_owed.setter(recipient).set(stored(owed));
        let total_owed = owed_total(self) + booked;
        self.total_slash_owed.set(stored(total_owed));
        let data = [assets.word(), booked.word()];
        emit(
            self.vm(),
            &[Slashed::SIGNATURE_HASH, recipient.word()],
            &data,
        );
        Ok(booked)
    }

    /// Pays `recipient` everything slashes booked for it; anyone may trigger it.
    pub(crate) fn pay_slashed_assets(&mut self, recipient: Address) -> Result<U256, VaultError> {
        let owed = owed(self.slash_owed.get(recipient));
        if owed.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        // Effects before the transfer: a re-entrant token finds nothing left to pay.
        self.slash_owed.setter(recipient).set(stored(U256::ZERO));
        let total_owed = owed_total(self) - owed;
        self.total_slash_owed.set(stored(total_owed));
        emit(
            self.vm(),
            &[SlashPaid::SIGNATURE_HASH, recipient.word()],
            &[owed.word()],
        );
        self.push_asset(recipient, owed)?;
        Ok(owed)
    }

    /// The queue takes custody of `owner`'s shares without an allowance: the queue already
    /// checked that the caller is the owner or its approved operator. Returns their value now
    /// as `convertToAssets` prices it (rounded down), what the queue records for the request.
    pub(crate) fn lock_for_queue(
        &mut self,
        owner: Address,
        shares: U256,
    ) -> Result<U256, VaultError> {
        let queue = self.only_queue()?;
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        // Priced before the move, though a transfer leaves the rate as it is.
        let assets = self.preview_redeem(shares)?;
        self.move_shares(owner, queue, shares)?;
        emit(
            self.vm(),
            &[SharesLocked::SIGNATURE_HASH, owner.word()],
            &[shares.word()],
        );
        Ok(assets)
    }

    /// Burns the queue's `shares` and pays `min(maxAssets, their value now)`, rounded down.
    pub(crate) fn redeem_for_queue(
        &mut self,
        shares: U256,
        max_assets: U256,
        receiver: Address,
    ) -> Result<U256, VaultError> {
        let queue = self.only_queue()?;
        if receiver.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        let total = self.accrue()?;
        let value = self.assets_for(shares, total, Rounding::Down)?;
        // After a deep slash the virtual assets can price shares above what is left.
        let assets = value.min(max_assets).min(total);
        self.burn_from(queue, shares)?;
        self.total_assets.set(total - assets)?;
        let topics = [
            Withdraw::SIGNATURE_HASH,
            queue.word(),
            receiver.word(),
            queue.word(),
        ];
        emit(self.vm(), &topics, &[assets.word(), shares.word()]);
        if !assets.is_zero() {
            self.push_asset(receiver, assets)?;
        }
        Ok(assets)
    }

    /// By the mark in the caller's balance slot (see `token`), which locking and redeeming
    /// read next: one cold slot fewer than reading `withdrawal_queue`.
    fn only_queue(&self) -> Result<Address, VaultError> {
        let caller = self.vm().msg_sender();
        if !self.is_queue(caller) {
            return Err(NotWithdrawalQueue { caller }.into());
        }
        Ok(caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owed_amounts_are_stored_plus_one_and_a_never_written_slot_owes_nothing() {
        for owed_amount in [
            U256::ZERO,
            U256::from(1),
            U256::from(10).pow(U256::from(30)),
        ] {
            assert_eq!(owed(stored(owed_amount)), owed_amount);
            assert!(
                !stored(owed_amount).is_zero(),
                "a paid-out slot stays nonzero"
            );
        }
        assert_eq!(owed(U256::ZERO), U256::ZERO);
    }
}
