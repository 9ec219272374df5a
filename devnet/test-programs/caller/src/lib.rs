//! Calls other contracts through `sol_interface!`, the way protocol code does, and passes
//! their revert data on unchanged.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, Bytes, U256};
use stylus_sdk::call;
use stylus_sdk::prelude::*;
use stylus_sdk::storage::StorageU256;

sol_interface! {
    interface ICounter {
        function count() external view returns (uint256);
        function increment() external returns (uint256);
        function add(uint256 amount) external returns (uint256);
    }
}

#[storage]
#[entrypoint]
pub struct Caller {
    calls: StorageU256,
}

#[public]
impl Caller {
    /// Increments `counter` and returns its new count.
    pub fn increment_on(&mut self, counter: Address) -> Result<U256, Vec<u8>> {
        self.calls.set(self.calls.get() + U256::from(1));
        let call = Call::new_mutating(self);
        Ok(ICounter::new(counter).increment(self.vm(), call)?)
    }

    /// Adds `amount` on `counter`; a revert there reverts here with the same data.
    pub fn add_on(&mut self, counter: Address, amount: U256) -> Result<U256, Vec<u8>> {
        self.calls.set(self.calls.get() + U256::from(1));
        let call = Call::new_mutating(self);
        Ok(ICounter::new(counter).add(self.vm(), call, amount)?)
    }

    pub fn count_of(&self, counter: Address) -> Result<U256, Vec<u8>> {
        Ok(ICounter::new(counter).count(self.vm(), Call::new())?)
    }

    /// Calls `target` with `data` and returns its output (used as a relay for re-entry).
    pub fn forward(&mut self, target: Address, data: Bytes) -> Result<Bytes, Vec<u8>> {
        let call = Call::new_mutating(self);
        Ok(call::call(self.vm(), call, target, &data)?.into())
    }

    /// How many mutating calls this contract made.
    pub fn calls(&self) -> U256 {
        self.calls.get()
    }
}
