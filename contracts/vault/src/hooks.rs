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
        let owed = self.slash_owed.get(recipient) + booked;
        self.slash_owed.setter(recipient).set(owed);
        self.total_slash_owed
            .set(self.total_slash_owed.get() + booked);
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
        let owed = self.slash_owed.get(recipient);
        if owed.is_zero() {
            return Err(ZeroAmount {}.into());
        }
        // Effects before the transfer: a re-entrant token finds nothing left to pay.
        self.slash_owed.setter(recipient).set(U256::ZERO);
        self.total_slash_owed
            .set(self.total_slash_owed.get() - owed);
        emit(
            self.vm(),
            &[SlashPaid::SIGNATURE_HASH, recipient.word()],
            &[owed.word()],
        );
        self.push_asset(recipient, owed)?;
        Ok(owed)
    }

    /// The queue takes custody of `owner`'s shares without an allowance: the queue already
    /// checked that the caller is the owner or its approved operator.
    pub(crate) fn lock_for_queue(
        &mut self,
        owner: Address,
        shares: U256,
    ) -> Result<(), VaultError> {
        let queue = self.only_queue()?;
        if shares.is_zero() {
            return Err(ZeroShares {}.into());
        }
        self.move_shares(owner, queue, shares)?;
        emit(
            self.vm(),
            &[SharesLocked::SIGNATURE_HASH, owner.word()],
            &[shares.word()],
        );
        Ok(())
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

    fn only_queue(&self) -> Result<Address, VaultError> {
        let caller = self.vm().msg_sender();
        if caller != self.withdrawal_queue.get() || caller.is_zero() {
            return Err(NotWithdrawalQueue { caller }.into());
        }
        Ok(caller)
    }
}
