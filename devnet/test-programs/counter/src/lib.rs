//! A counter with a constructor, deployed by the devnet tests through both Stylus
//! deployment flows and by `scripts/cargo-stylus-check.sh` through `cargo stylus deploy`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use alloy_sol_types::sol;
use stylus_sdk::prelude::*;
use stylus_sdk::storage::{StorageAddress, StorageU256};

sol! {
    /// `add(amount)` would take the count past 2^256 - 1.
    error CountOverflow(uint256 count, uint256 amount);
    /// `set` is for the owner only.
    error NotOwner(address caller, address owner);
}

#[derive(SolidityError)]
pub enum CounterError {
    CountOverflow(CountOverflow),
    NotOwner(NotOwner),
}

#[storage]
#[entrypoint]
pub struct Counter {
    count: StorageU256,
    owner: StorageAddress,
    constructed_by: StorageAddress,
    constructed_with: StorageU256,
}

#[public]
impl Counter {
    /// Starts the count at `start`. The owner is the transaction's origin: through the
    /// StylusDeployer factory `msg.sender` is the factory, not the person deploying.
    #[constructor]
    #[payable]
    pub fn constructor(&mut self, start: U256) {
        self.count.set(start);
        self.owner.set(self.vm().tx_origin());
        self.constructed_by.set(self.vm().msg_sender());
        self.constructed_with.set(self.vm().msg_value());
    }

    pub fn count(&self) -> U256 {
        self.count.get()
    }

    pub fn owner(&self) -> Address {
        self.owner.get()
    }

    /// Who called the constructor and with how much value.
    pub fn construction(&self) -> (Address, U256) {
        (self.constructed_by.get(), self.constructed_with.get())
    }

    pub fn increment(&mut self) -> Result<U256, CounterError> {
        self.add(U256::from(1))
    }

    pub fn add(&mut self, amount: U256) -> Result<U256, CounterError> {
        let count = self.count.get();
        let next = count
            .checked_add(amount)
            .ok_or(CounterError::CountOverflow(CountOverflow { count, amount }))?;
        self.count.set(next);
        Ok(next)
    }

    pub fn set(&mut self, value: U256) -> Result<(), CounterError> {
        let (caller, owner) = (self.vm().msg_sender(), self.owner.get());
        if caller != owner {
            return Err(CounterError::NotOwner(NotOwner { caller, owner }));
        }
        self.count.set(value);
        Ok(())
    }
}
