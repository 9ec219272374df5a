//! One test host for every contract's unit tests: the SDK's `TestVM` keeps storage, clock,
//! sender and logs; the test's own type answers the calls the contract makes.
//!
//! `TestVM` alone answers every call with the data of the mock registered *last* (its
//! `read_return_data` ignores which call was made), which breaks an entry point that calls
//! twice; and a fixed mock cannot keep token balances or re-enter. [`test_host!`] implements
//! the SDK's `Host` for a test type that has a `vm: TestVM` field, a
//! `return_data: Rc<RefCell<Vec<u8>>>` field and a method
//!
//! ```ignore
//! fn answer_call(&self, kind: CallKind, to: Address, data: &[u8]) -> Option<Result<Vec<u8>, Vec<u8>>>
//! ```
//!
//! that answers a call with return or revert data, or `None` to leave it to `TestVM`.

/// How the contract under test called out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Call,
    Static,
    Delegate,
}

/// Implements the SDK's `Host` traits for `$host` (see the [module](self) docs).
#[macro_export]
macro_rules! test_host {
    ($host:ty) => {
        const _: () = {
            use $crate::__private::stylus_sdk::{
                alloy_primitives::{Address, B256, U256},
                stylus_core::{
                    AccountAccess, BlockAccess, CalldataAccess, ChainAccess, CryptographyAccess,
                    Host, MemoryAccess, MessageAccess, MeteringAccess, RawLogAccess, StorageAccess,
                    UnsafeCallAccess, UnsafeDeploymentAccess,
                },
            };
            use $crate::test_host::CallKind;

            impl $host {
                /// Answers through `answer_call`, or `TestVM` when it declines.
                unsafe fn route_call(
                    &self,
                    kind: CallKind,
                    to: *const u8,
                    data: *const u8,
                    data_len: usize,
                    outs_len: &mut usize,
                    fallback: impl FnOnce(&mut usize) -> u8,
                ) -> u8 {
                    // SAFETY: the SDK passes a 20-byte address and `data_len` readable bytes.
                    let (target, input) = unsafe {
                        (
                            Address::from_slice(::std::slice::from_raw_parts(to, 20)),
                            ::std::slice::from_raw_parts(data, data_len),
                        )
                    };
                    let Some(result) = self.answer_call(kind, target, input) else {
                        return fallback(outs_len);
                    };
                    let (status, out) = match result {
                        Ok(out) => (0, out),
                        Err(out) => (1, out),
                    };
                    *outs_len = out.len();
                    *self.return_data.borrow_mut() = out;
                    status
                }
            }

            impl Host for $host {}

            impl CryptographyAccess for $host {
                fn native_keccak256(&self, input: &[u8]) -> B256 {
                    self.vm.native_keccak256(input)
                }
            }

            impl CalldataAccess for $host {
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

            unsafe impl UnsafeDeploymentAccess for $host {
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

            impl StorageAccess for $host {
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

            unsafe impl UnsafeCallAccess for $host {
                unsafe fn call_contract(
                    &self,
                    to: *const u8,
                    data: *const u8,
                    data_len: usize,
                    value: *const u8,
                    gas: u64,
                    outs_len: &mut usize,
                ) -> u8 {
                    let vm = &self.vm;
                    unsafe {
                        self.route_call(CallKind::Call, to, data, data_len, outs_len, |outs| {
                            vm.call_contract(to, data, data_len, value, gas, outs)
                        })
                    }
                }
                unsafe fn delegate_call_contract(
                    &self,
                    to: *const u8,
                    data: *const u8,
                    data_len: usize,
                    gas: u64,
                    outs_len: &mut usize,
                ) -> u8 {
                    let vm = &self.vm;
                    unsafe {
                        self.route_call(CallKind::Delegate, to, data, data_len, outs_len, |outs| {
                            vm.delegate_call_contract(to, data, data_len, gas, outs)
                        })
                    }
                }
                unsafe fn static_call_contract(
                    &self,
                    to: *const u8,
                    data: *const u8,
                    data_len: usize,
                    gas: u64,
                    outs_len: &mut usize,
                ) -> u8 {
                    let vm = &self.vm;
                    unsafe {
                        self.route_call(CallKind::Static, to, data, data_len, outs_len, |outs| {
                            vm.static_call_contract(to, data, data_len, gas, outs)
                        })
                    }
                }
            }

            impl BlockAccess for $host {
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

            impl ChainAccess for $host {
                fn chain_id(&self) -> u64 {
                    self.vm.chain_id()
                }
            }

            impl AccountAccess for $host {
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

            impl MemoryAccess for $host {
                fn pay_for_memory_grow(&self, pages: u16) {
                    self.vm.pay_for_memory_grow(pages)
                }
            }

            impl MessageAccess for $host {
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

            impl MeteringAccess for $host {
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

            impl RawLogAccess for $host {
                fn emit_log(&self, input: &[u8], num_topics: usize) {
                    self.vm.emit_log(input, num_topics)
                }
                fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
                    self.vm.raw_log(topics, data)
                }
            }
        };
    };
}
