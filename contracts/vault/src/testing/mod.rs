//! A test chain for the vault: the SDK's `TestVM` (storage, sender, time, logs) plus an
//! in-memory ERC-20 at [`ASSET`] and a working `ecrecover` precompile.
//!
//! Why not `TestVM::mock_call` alone: a mock answers fixed bytes, so it cannot keep token
//! balances for the invariants, recover a permit signer, or re-enter the vault; and TestVM
//! 0.10.10 returns the data of the *last registered* mock for every call.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use alloy_primitives::{address, Address, Signature, B256, U256};
use alloy_sol_types::{sol, SolCall};
use stylus_sdk::{stylus_core::*, testing::TestVM};

pub const ASSET: Address = address!("00000000000000000000000000000000000a55e7");
pub const VAULT: Address = address!("000000000000000000000000000000000000fa17");
const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

sol! {
    function transferFrom(address from, address to, uint256 amount) returns (bool);
    function transfer(address to, uint256 amount) returns (bool);
    function decimals() returns (uint8);
}

/// Runs inside the token's `transferFrom`, before balances move (an ERC-777-style hook).
pub type Hook = Rc<dyn Fn(&Chain)>;

#[derive(Default)]
pub struct Token {
    pub balances: HashMap<Address, U256>,
    pub allowances: HashMap<(Address, Address), U256>,
    /// Next `transfer`/`transferFrom` reverts (a paused or blacklisting token).
    pub revert_next: bool,
}

#[derive(Default)]
struct State {
    token: Token,
    return_data: Vec<u8>,
    hook: Option<Hook>,
}

#[derive(Clone)]
pub struct Chain {
    pub vm: TestVM,
    state: Rc<RefCell<State>>,
}

impl Chain {
    pub fn new() -> Self {
        let vm = TestVM::new();
        vm.set_contract_address(VAULT);
        vm.set_code(ASSET, vec![0xfe]);
        vm.set_block_timestamp(1_700_000_000);
        Self {
            vm,
            state: Rc::default(),
        }
    }

    pub fn mint_asset(&self, to: Address, amount: U256) {
        *self
            .state
            .borrow_mut()
            .token
            .balances
            .entry(to)
            .or_default() += amount;
    }

    pub fn approve_asset(&self, owner: Address, amount: U256) {
        self.state
            .borrow_mut()
            .token
            .allowances
            .insert((owner, VAULT), amount);
    }

    pub fn asset_balance(&self, who: Address) -> U256 {
        self.state
            .borrow()
            .token
            .balances
            .get(&who)
            .copied()
            .unwrap_or_default()
    }

    /// Moves the asset straight to `to`, as a donation does.
    pub fn donate(&self, from: Address, to: Address, amount: U256) {
        let mut state = self.state.borrow_mut();
        *state.token.balances.entry(from).or_default() -= amount;
        *state.token.balances.entry(to).or_default() += amount;
    }

    pub fn revert_next_transfer(&self) {
        self.state.borrow_mut().token.revert_next = true;
    }

    pub fn on_transfer_from(&self, hook: Hook) {
        self.state.borrow_mut().hook = Some(hook);
    }

    pub fn warp(&self, seconds: u64) {
        let now = self.vm.block_timestamp();
        self.vm.set_block_timestamp(now + seconds);
    }

    fn token_call(&self, caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        if let Ok(call) = transferFromCall::abi_decode(data) {
            let hook = self.state.borrow_mut().hook.take();
            if let Some(hook) = hook {
                hook(self);
            }
            let mut state = self.state.borrow_mut();
            let token = &mut state.token;
            let allowance = token
                .allowances
                .get(&(call.from, caller))
                .copied()
                .unwrap_or_default();
            if std::mem::take(&mut token.revert_next) || allowance < call.amount {
                return Err(vec![]);
            }
            token
                .allowances
                .insert((call.from, caller), allowance - call.amount);
            return move_tokens(token, call.from, call.to, call.amount);
        }
        if let Ok(call) = transferCall::abi_decode(data) {
            let mut state = self.state.borrow_mut();
            if std::mem::take(&mut state.token.revert_next) {
                return Err(vec![]);
            }
            return move_tokens(&mut state.token, caller, call.to, call.amount);
        }
        if decimalsCall::abi_decode(data).is_ok() {
            return Ok(decimalsCall::abi_encode_returns(&18u8));
        }
        Err(vec![])
    }

    fn finish(&self, result: Result<Vec<u8>, Vec<u8>>, outs_len: &mut usize) -> u8 {
        let (status, data) = match result {
            Ok(data) => (0, data),
            Err(data) => (1, data),
        };
        *outs_len = data.len();
        self.state.borrow_mut().return_data = data;
        status
    }
}

fn move_tokens(
    token: &mut Token,
    from: Address,
    to: Address,
    amount: U256,
) -> Result<Vec<u8>, Vec<u8>> {
    let balance = token.balances.get(&from).copied().unwrap_or_default();
    if balance < amount {
        return Err(vec![]);
    }
    token.balances.insert(from, balance - amount);
    *token.balances.entry(to).or_default() += amount;
    Ok(transferCall::abi_encode_returns(&true))
}

fn ecrecover(input: &[u8]) -> Vec<u8> {
    if input.len() != 128
        || input[32..63].iter().any(|b| *b != 0)
        || !(27..=28).contains(&input[63])
    {
        return vec![];
    }
    let digest = B256::from_slice(&input[..32]);
    let sig = Signature::from_scalars_and_parity(
        B256::from_slice(&input[64..96]),
        B256::from_slice(&input[96..]),
        input[63] == 28,
    );
    match sig.recover_address_from_prehash(&digest) {
        Ok(signer) => signer.into_word().to_vec(),
        Err(_) => vec![],
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
        let state = self.state.borrow();
        let data = &state.return_data;
        let start = offset.min(data.len());
        let end = size.map_or(data.len(), |s| (start + s).min(data.len()));
        data[start..end].to_vec()
    }
    fn return_data_size(&self) -> usize {
        self.state.borrow().return_data.len()
    }
    fn write_result(&self, data: &[u8]) {
        self.vm.write_result(data)
    }
}

unsafe impl UnsafeDeploymentAccess for Chain {
    unsafe fn create1(&self, c: *const u8, l: usize, e: *const u8, o: *mut u8, r: *mut usize) {
        self.vm.create1(c, l, e, o, r)
    }
    unsafe fn create2(
        &self,
        c: *const u8,
        l: usize,
        e: *const u8,
        s: *const u8,
        o: *mut u8,
        r: *mut usize,
    ) {
        self.vm.create2(c, l, e, s, o, r)
    }
}

impl StorageAccess for Chain {
    fn storage_load_bytes32(&self, key: U256) -> B256 {
        self.vm.storage_load_bytes32(key)
    }
    unsafe fn storage_cache_bytes32(&self, key: U256, value: B256) {
        self.vm.storage_cache_bytes32(key, value)
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
        value: *const u8,
        gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        let target = Address::from_slice(std::slice::from_raw_parts(to, 20));
        if target != ASSET {
            return self
                .vm
                .call_contract(to, data, data_len, value, gas, outs_len);
        }
        let data = std::slice::from_raw_parts(data, data_len).to_vec();
        let result = self.token_call(self.vm.contract_address(), &data);
        self.finish(result, outs_len)
    }
    unsafe fn delegate_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        self.vm
            .delegate_call_contract(to, data, data_len, gas, outs_len)
    }
    unsafe fn static_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        let target = Address::from_slice(std::slice::from_raw_parts(to, 20));
        let input = std::slice::from_raw_parts(data, data_len).to_vec();
        let result = match target {
            ECRECOVER => Ok(ecrecover(&input)),
            ASSET => self.token_call(self.vm.contract_address(), &input),
            _ => {
                return self
                    .vm
                    .static_call_contract(to, data, data_len, gas, outs_len)
            }
        };
        self.finish(result, outs_len)
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
