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
    events::{SharesLocked, Slashed, Withdraw},
    Vault,
};

impl Vault {
    /// Moves `min(assets, totalAssets)` to `recipient`; the hub already rounded `assets` up,
    /// so a dust slash moves at least one wei. Every share, locked in the queue or not, loses
    /// the same fraction.
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
        let moved = assets.min(total);
        self.total_assets.set(total - moved);
        let data = [assets.word(), moved.word()];
        emit(
            self.vm(),
            &[Slashed::SIGNATURE_HASH, recipient.word()],
            &data,
        );
        if !moved.is_zero() {
            self.push_asset(recipient, moved)?;
        }
        Ok(moved)
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
        self.total_assets.set(total - assets);
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
