//! ERC-20 balance and allowance bookkeeping.
//!
//! A balance slot holds the shares in its low 128 bits and, in its top bit, [`QUEUE_MARK`]:
//! set on the wired withdrawal queue's slot only (see `wiring`). Locking and redeeming read
//! the queue's balance anyway, so checking the caller is the queue costs no slot of its own
//! (a cold slot, 2,100 gas on every request and claim). A balance is part of the supply,
//! below 2^128 (`MathOverflow` otherwise), so adding or taking shares never reaches the mark.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use lrt_common::abi::{emit, Word};
use stylus_sdk::prelude::*;

use crate::{
    errors::{InsufficientAllowance, InsufficientBalance, MathOverflow, VaultError, ZeroAddress},
    events::{Approval, Transfer},
    Vault,
};

/// The top bit of a balance slot: this holder is the wired withdrawal queue.
pub(crate) const QUEUE_MARK: U256 = U256::from_limbs([0, 0, 0, 1 << 63]);

/// The shares a balance slot holds.
pub(crate) fn shares(slot: U256) -> U256 {
    slot & !QUEUE_MARK
}

impl Vault {
    /// Whether `account` is the wired withdrawal queue (its balance slot carries the mark).
    pub(crate) fn is_queue(&self, account: Address) -> bool {
        self.balances.get(account) & QUEUE_MARK != U256::ZERO
    }

    /// Marks `account` as the wired queue or clears the mark, leaving its shares as they are.
    pub(crate) fn mark_queue(&mut self, account: Address, marked: bool) {
        let slot = shares(self.balances.get(account));
        let slot = if marked { slot | QUEUE_MARK } else { slot };
        self.balances.setter(account).set(slot);
    }

    pub(crate) fn move_shares(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<(), VaultError> {
        if to.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.debit(from, value)?;
        // Cannot reach the mark: the sum of all balances is totalSupply, below 2^128.
        let to_balance = self.balances.get(to);
        self.balances.setter(to).set(to_balance + value);
        self.log_transfer(from, to, value);
        Ok(())
    }

    pub(crate) fn mint_to(&mut self, to: Address, value: U256) -> Result<(), VaultError> {
        if to.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        let supply = self
            .total_supply
            .get()
            .checked_add(value)
            .ok_or(MathOverflow {})?;
        self.total_supply.set(supply)?;
        // Cannot reach the mark: the balance is at most the new total supply, below 2^128.
        let balance = self.balances.get(to);
        self.balances.setter(to).set(balance + value);
        self.log_transfer(Address::ZERO, to, value);
        Ok(())
    }

    pub(crate) fn burn_from(&mut self, from: Address, value: U256) -> Result<(), VaultError> {
        self.debit(from, value)?;
        // Cannot underflow: the burnt balance is part of the supply.
        self.total_supply.set(self.total_supply.get() - value)?;
        self.log_transfer(from, Address::ZERO, value);
        Ok(())
    }

    fn debit(&mut self, owner: Address, value: U256) -> Result<(), VaultError> {
        let slot = self.balances.get(owner);
        let balance = shares(slot);
        if balance < value {
            return Err(InsufficientBalance {
                owner,
                balance,
                needed: value,
            }
            .into());
        }
        // Takes from the shares only: they are at least `value`, so the mark stays.
        self.balances.setter(owner).set(slot - value);
        Ok(())
    }

    pub(crate) fn set_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), VaultError> {
        if spender.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.allowances.setter(owner).setter(spender).set(value);
        let topics = [Approval::SIGNATURE_HASH, owner.word(), spender.word()];
        emit(self.vm(), &topics, &[value.word()]);
        Ok(())
    }

    /// An allowance of `type(uint256).max` is infinite and never decreases (as in OpenZeppelin).
    pub(crate) fn spend_allowance(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
    ) -> Result<(), VaultError> {
        let allowance = self.allowances.getter(owner).get(spender);
        if allowance == U256::MAX {
            return Ok(());
        }
        if allowance < value {
            return Err(InsufficientAllowance {
                spender,
                allowance,
                needed: value,
            }
            .into());
        }
        self.allowances
            .setter(owner)
            .setter(spender)
            .set(allowance - value);
        Ok(())
    }

    fn log_transfer(&self, from: Address, to: Address, value: U256) {
        let topics = [Transfer::SIGNATURE_HASH, from.word(), to.word()];
        emit(self.vm(), &topics, &[value.word()]);
    }
}
