//! The test chain of the hub and queue tests: [`lrt_common::test_host!`] over `TestVM`, plus
//! contracts simulated in Rust that answer calls by their ABI calldata.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use lrt_common::test_host::CallKind;
use stylus_sdk::stylus_core::{AccountAccess, BlockAccess, RawLogAccess};
use stylus_sdk::{
    alloy_primitives::{Address, B256},
    testing::TestVM,
};

/// A contract the code under test can call.
pub trait Contract {
    /// Answers `data` sent by `caller`: return data, or revert data.
    fn call(&mut self, caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>>;
}

type Shared<T> = Rc<RefCell<T>>;

/// Calldata of a call and where it went.
pub type CallRecord = (Address, Vec<u8>);

#[derive(Clone, Default)]
pub struct Chain {
    pub vm: TestVM,
    contracts: Shared<HashMap<Address, Shared<dyn Contract>>>,
    return_data: Shared<Vec<u8>>,
    calls: Shared<Vec<CallRecord>>,
}

impl Chain {
    /// Places `contract` at `address`; returns a handle to inspect or steer it.
    pub fn deploy<C: Contract + 'static>(&self, address: Address, contract: C) -> Rc<RefCell<C>> {
        let handle = Rc::new(RefCell::new(contract));
        self.contracts.borrow_mut().insert(address, handle.clone());
        handle
    }

    pub fn set_sender(&self, sender: Address) {
        self.vm.set_sender(sender);
    }

    pub fn set_time(&self, timestamp: u64) {
        self.vm.set_block_timestamp(timestamp);
    }

    pub fn now(&self) -> u64 {
        self.vm.block_timestamp()
    }

    pub fn advance(&self, seconds: u64) {
        self.set_time(self.now() + seconds);
    }

    /// Runs `call` as one transaction: when it fails, storage and logs are put back as they
    /// were, as a revert does on chain (the code under test may write before it checks).
    pub fn transact<T, E>(&self, call: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let before = self.vm.snapshot();
        let result = call();
        if result.is_err() {
            self.vm.clear_storage();
            for (key, value) in before.storage {
                self.vm.set_storage(key, value);
            }
            self.vm.clear_mocks();
            for (topics, data) in before.emitted_logs {
                let _ = self.vm.raw_log(&topics, &data);
            }
        }
        result
    }

    /// Logs emitted so far, then forgets them.
    pub fn take_logs(&self) -> Vec<(Vec<B256>, Vec<u8>)> {
        let logs = self.vm.get_emitted_logs();
        self.vm.clear_mocks();
        logs
    }

    /// Calldata of every call made so far (address, data), then forgets them.
    pub fn take_calls(&self) -> Vec<CallRecord> {
        std::mem::take(&mut *self.calls.borrow_mut())
    }

    /// Every call goes to the contract deployed at `to`; an address without code answers
    /// with no data, as on chain.
    fn answer_call(
        &self,
        _kind: CallKind,
        to: Address,
        data: &[u8],
    ) -> Option<Result<Vec<u8>, Vec<u8>>> {
        self.calls.borrow_mut().push((to, data.to_vec()));
        let contract = self.contracts.borrow().get(&to).cloned();
        let caller = self.vm.contract_address();
        Some(match contract {
            None => Ok(Vec::new()),
            Some(contract) => contract.borrow_mut().call(caller, data),
        })
    }
}

lrt_common::test_host!(Chain);
