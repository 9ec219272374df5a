//! ERC-20 balance and allowance bookkeeping.

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolEvent;
use lrt_common::abi::{emit, Word};
use stylus_sdk::prelude::*;

use crate::{
    errors::{InsufficientAllowance, InsufficientBalance, MathOverflow, VaultError, ZeroAddress},
    events::{Approval, Transfer},
    Vault,
};

impl Vault {
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
        // Cannot overflow: the sum of all balances is totalSupply, itself a U256.
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
        // Cannot overflow: the balance is at most the new total supply.
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
        let balance = self.balances.get(owner);
        if balance < value {
            return Err(InsufficientBalance {
                owner,
                balance,
                needed: value,
            }
            .into());
        }
        self.balances.setter(owner).set(balance - value);
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
