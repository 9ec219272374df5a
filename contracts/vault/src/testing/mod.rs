//! A test chain for the vault: the SDK's `TestVM` (storage, sender, time, logs) plus an
//! in-memory ERC-20 at [`ASSET`] and a working `ecrecover` precompile.
//!
//! It is [`lrt_common::test_host!`] over `TestVM`: a mock answers fixed bytes, so it could not
//! keep token balances for the invariants, recover a permit signer, or re-enter the vault.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use alloy_primitives::{address, Address, Signature, B256, U256};
use alloy_sol_types::{sol, SolCall};
use lrt_common::test_host::CallKind;
use stylus_sdk::{stylus_core::*, testing::TestVM};

pub const ASSET: Address = address!("00000000000000000000000000000000000a55e7");
pub const VAULT: Address = address!("000000000000000000000000000000000000fa17");
const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

sol! {
    function transferFrom(address from, address to, uint256 amount) returns (bool);
    function transfer(address to, uint256 amount) returns (bool);
    function decimals() returns (uint8);
    function balanceOf(address account) returns (uint256);
    function backlog() returns (uint256, uint256, uint256, uint64);
}

/// Runs inside the token's `transferFrom`, before balances move (an ERC-777-style hook).
pub type Hook = Rc<dyn Fn(&Chain)>;

#[derive(Clone, Default)]
pub struct Token {
    pub balances: HashMap<Address, U256>,
    pub allowances: HashMap<(Address, Address), U256>,
    /// Next `transfer`/`transferFrom` reverts (a paused or blacklisting token).
    pub revert_next: bool,
    /// Burnt from every `transferFrom` before it arrives (a fee-on-transfer token).
    pub fee_on_transfer: U256,
    /// Taken from the vault's balance during every `transferFrom` (a rebasing-down token).
    pub rebase_vault_down: U256,
}

#[derive(Clone, Default)]
struct State {
    token: Token,
    hook: Option<Hook>,
    /// Open requests of fake withdrawal queues, answered to `backlog()`.
    backlogs: HashMap<Address, U256>,
}

#[derive(Clone)]
pub struct Chain {
    pub vm: TestVM,
    state: Rc<RefCell<State>>,
    return_data: Rc<RefCell<Vec<u8>>>,
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
            return_data: Rc::default(),
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

    /// The asset keeps `fee` of every `transferFrom`.
    pub fn charge_fee_on_transfer(&self, fee: U256) {
        self.state.borrow_mut().token.fee_on_transfer = fee;
    }

    /// The vault's asset balance shrinks by `amount` during every `transferFrom`.
    pub fn rebase_vault_down_on_transfer(&self, amount: U256) {
        self.state.borrow_mut().token.rebase_vault_down = amount;
    }

    /// `queue` answers `backlog()` with `open` open requests.
    pub fn set_backlog(&self, queue: Address, open: U256) {
        self.state.borrow_mut().backlogs.insert(queue, open);
    }

    pub fn on_transfer_from(&self, hook: Hook) {
        self.state.borrow_mut().hook = Some(hook);
    }

    /// Runs `call` as a transaction: if it fails, the vault's storage and the token's state
    /// are put back as they were, as a revert does on chain. `TestVM` alone keeps whatever a
    /// failed call wrote before it returned its error.
    pub fn transact<T, E>(&self, call: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let storage = self.vm.snapshot().storage;
        let state = self.state.borrow().clone();
        let result = call();
        if result.is_err() {
            self.vm.clear_storage();
            for (slot, value) in storage {
                self.vm.set_storage(slot, value);
            }
            *self.state.borrow_mut() = state;
        }
        result
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
            let (fee, shrink) = (token.fee_on_transfer, token.rebase_vault_down);
            move_tokens(token, call.from, call.to, call.amount)?;
            *token.balances.entry(call.to).or_default() -= fee;
            *token.balances.entry(VAULT).or_default() -= shrink;
            return Ok(transferCall::abi_encode_returns(&true));
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
        if let Ok(call) = balanceOfCall::abi_decode(data) {
            return Ok(balanceOfCall::abi_encode_returns(
                &self.asset_balance(call.account),
            ));
        }
        Err(vec![])
    }

    /// The asset and `ecrecover` answer here; anything else is left to `TestVM`'s mocks.
    fn answer_call(
        &self,
        kind: CallKind,
        to: Address,
        data: &[u8],
    ) -> Option<Result<Vec<u8>, Vec<u8>>> {
        match (kind, to) {
            (CallKind::Call | CallKind::Static, ASSET) => {
                Some(self.token_call(self.vm.contract_address(), data))
            }
            (CallKind::Static, ECRECOVER) => Some(Ok(ecrecover(data))),
            (CallKind::Static, queue) if data == backlogCall::SELECTOR.as_slice() => {
                // (openRequests, shares, assets, nextUnlock): only the count matters here. An
                // address not set up as a queue reverts, as a contract without `backlog()` does.
                let open = self.state.borrow().backlogs.get(&queue).copied();
                Some(
                    open.map(|open| {
                        let mut reply = B256::from(open).to_vec();
                        reply.resize(4 * 32, 0);
                        reply
                    })
                    .ok_or_else(Vec::new),
                )
            }
            _ => None,
        }
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

lrt_common::test_host!(Chain);
