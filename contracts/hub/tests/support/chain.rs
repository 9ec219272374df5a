//! A test host: the SDK's `TestVM` for storage, sender, time and logs, plus contracts
//! simulated in Rust that answer calls by their ABI calldata.
//!
//! `TestVM` alone answers every call with the return data of the mock registered *last*
//! (its `read_return_data` ignores which call was made), which breaks any entry point that
//! calls twice; here each call's own answer becomes the return data.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use stylus_sdk::stylus_core::{
    AccountAccess, BlockAccess, CalldataAccess, ChainAccess, CryptographyAccess, Host,
    MemoryAccess, MessageAccess, MeteringAccess, RawLogAccess, StorageAccess, UnsafeCallAccess,
    UnsafeDeploymentAccess,
};
use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
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

    fn dispatch(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        outs_len: &mut usize,
    ) -> u8 {
        // SAFETY: the SDK passes a 20-byte address and `data_len` readable bytes.
        let (to, data) = unsafe {
            (
                Address::from_slice(std::slice::from_raw_parts(to, 20)),
                std::slice::from_raw_parts(data, data_len).to_vec(),
            )
        };
        self.calls.borrow_mut().push((to, data.clone()));
        let contract = self.contracts.borrow().get(&to).cloned();
        let caller = self.vm.contract_address();
        let (status, out) = match contract {
            // A call to an address without code succeeds with no data, as on chain.
            None => (0, Vec::new()),
            Some(contract) => match contract.borrow_mut().call(caller, &data) {
                Ok(out) => (0, out),
                Err(out) => (1, out),
            },
        };
        *outs_len = out.len();
        *self.return_data.borrow_mut() = out;
        status
    }
}

impl Host for Chain {}

impl CryptographyAccess for Chain {
    fn native_keccak256(&self, input: &[u8]) -> B256 {
        self.vm.native_keccak256(input)
    }
}

impl CalldataAccess for Chain {
    fn read_args(&self, len: usize) -> Vec<u8> {
        self.vm.read_args(len)
    }
    fn read_return_data(&self, offset: usize, size: Option<usize>) -> Vec<u8> {
        let data = self.return_data.borrow();
        let start = offset.min(data.len());
        let end = size.map_or(data.len(), |size| (start + size).min(data.len()));
        data[start..end].to_vec()
    }
    fn return_data_size(&self) -> usize {
        self.return_data.borrow().len()
    }
    fn write_result(&self, data: &[u8]) {
        self.vm.write_result(data)
    }
}

unsafe impl UnsafeDeploymentAccess for Chain {
    unsafe fn create1(
        &self,
        code: *const u8,
        len: usize,
        endowment: *const u8,
        contract: *mut u8,
        revert_len: *mut usize,
    ) {
        unsafe { self.vm.create1(code, len, endowment, contract, revert_len) }
    }
    unsafe fn create2(
        &self,
        code: *const u8,
        len: usize,
        endowment: *const u8,
        salt: *const u8,
        contract: *mut u8,
        revert_len: *mut usize,
    ) {
        unsafe {
            self.vm
                .create2(code, len, endowment, salt, contract, revert_len)
        }
    }
}

impl StorageAccess for Chain {
    fn storage_load_bytes32(&self, key: U256) -> B256 {
        self.vm.storage_load_bytes32(key)
    }
    unsafe fn storage_cache_bytes32(&self, key: U256, value: B256) {
        unsafe { self.vm.storage_cache_bytes32(key, value) }
    }
    fn flush_cache(&self, clear: bool) {
        self.vm.flush_cache(clear)
    }
}

unsafe impl UnsafeCallAccess for Chain {
    unsafe fn call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _value: *const u8,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.dispatch(to, data, data_len, outs_len)
    }
    unsafe fn delegate_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.dispatch(to, data, data_len, outs_len)
    }
    unsafe fn static_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.dispatch(to, data, data_len, outs_len)
    }
}

impl BlockAccess for Chain {
    fn block_basefee(&self) -> U256 {
        self.vm.block_basefee()
    }
    fn block_coinbase(&self) -> Address {
        self.vm.block_coinbase()
    }
    fn block_number(&self) -> u64 {
        self.vm.block_number()
    }
    fn block_timestamp(&self) -> u64 {
        self.vm.block_timestamp()
    }
    fn block_gas_limit(&self) -> u64 {
        self.vm.block_gas_limit()
    }
}

impl ChainAccess for Chain {
    fn chain_id(&self) -> u64 {
        self.vm.chain_id()
    }
}

impl AccountAccess for Chain {
    fn balance(&self, account: Address) -> U256 {
        self.vm.balance(account)
    }
    fn contract_address(&self) -> Address {
        self.vm.contract_address()
    }
    fn code(&self, account: Address) -> Vec<u8> {
        self.vm.code(account)
    }
    fn code_size(&self, account: Address) -> usize {
        self.vm.code_size(account)
    }
    fn code_hash(&self, account: Address) -> B256 {
        self.vm.code_hash(account)
    }
}

impl MemoryAccess for Chain {
    fn pay_for_memory_grow(&self, pages: u16) {
        self.vm.pay_for_memory_grow(pages)
    }
}

impl MessageAccess for Chain {
    fn msg_sender(&self) -> Address {
        self.vm.msg_sender()
    }
    fn msg_reentrant(&self) -> bool {
        self.vm.msg_reentrant()
    }
    fn msg_value(&self) -> U256 {
        self.vm.msg_value()
    }
    fn tx_origin(&self) -> Address {
        self.vm.tx_origin()
    }
}

impl MeteringAccess for Chain {
    fn evm_gas_left(&self) -> u64 {
        self.vm.evm_gas_left()
    }
    fn evm_ink_left(&self) -> u64 {
        self.vm.evm_ink_left()
    }
    fn tx_gas_price(&self) -> U256 {
        self.vm.tx_gas_price()
    }
    fn tx_ink_price(&self) -> u32 {
        self.vm.tx_ink_price()
    }
}

impl RawLogAccess for Chain {
    fn emit_log(&self, input: &[u8], num_topics: usize) {
        self.vm.emit_log(input, num_topics)
    }
    fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
        self.vm.raw_log(topics, data)
    }
}
