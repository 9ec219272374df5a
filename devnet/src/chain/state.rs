//! World state as a persistent value: accounts in a Merkle-Patricia trie, each with its own
//! storage trie, plus contract code and recent block hashes.
//!
//! A block's state is a [`State`]; the next block's is a copy with the block's changes
//! applied, sharing every untouched node. Keeping the last blocks' states therefore costs
//! what those blocks changed, and a reader can hold a state while the next block executes.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::Arc;

use alloy::consensus::TrieAccount;
use alloy::primitives::{Address, B256, Bytes, KECCAK256_EMPTY, U256};
use alloy::trie::Nibbles;
use revm::DatabaseRef;
use revm::bytecode::Bytecode;
use revm::database::{AccountState, Cache};
use revm::state::AccountInfo;

use super::trie::{Trie, TrieValue, path_of};

/// How many block hashes BLOCKHASH can see.
const BLOCK_HASHES: usize = 256;

/// One account: what the state trie commits to, with its storage.
#[derive(Clone, Default)]
pub struct Account {
    pub nonce: u64,
    pub balance: U256,
    pub code_hash: B256,
    pub storage: Trie<U256, U256>,
}

impl Account {
    fn from_info(info: &AccountInfo) -> Self {
        Self {
            nonce: info.nonce,
            balance: info.balance,
            code_hash: info.code_hash,
            storage: Trie::default(),
        }
    }

    fn same_info(&self, info: &AccountInfo) -> bool {
        self.nonce == info.nonce && self.balance == info.balance && self.code_hash == info.code_hash
    }

    /// EIP-161: an account without nonce, balance or code does not exist (unless it still
    /// holds storage, which only dev edits can leave behind).
    fn is_empty(&self) -> bool {
        self.nonce == 0
            && self.balance.is_zero()
            && (self.code_hash == KECCAK256_EMPTY || self.code_hash.is_zero())
            && self.storage.is_empty()
    }

    pub fn storage_root(&self) -> B256 {
        self.storage.root_hash()
    }
}

impl TrieValue for Account {
    fn encode_value(&self, out: &mut Vec<u8>) {
        let account = TrieAccount {
            nonce: self.nonce,
            balance: self.balance,
            storage_root: self.storage.root_hash(),
            code_hash: self.code_hash,
        };
        alloy::rlp::Encodable::encode(&account, out);
    }
}

fn slot_path(slot: U256) -> Nibbles {
    path_of(&B256::from(slot).0)
}

/// The state at the end of one block. Cloning is O(1).
#[derive(Clone, Default)]
pub struct State {
    accounts: Trie<Address, Account>,
    /// Code by hash; only ever grows, so sharing it between blocks is safe.
    code: Arc<HashMap<B256, Bytecode>>,
    block_hashes: Arc<BTreeMap<u64, B256>>,
}

impl State {
    pub fn account(&self, address: Address) -> Option<&Account> {
        self.accounts.get(&path_of(address.as_slice()))
    }

    pub fn storage(&self, address: Address, slot: U256) -> U256 {
        self.account(address)
            .and_then(|account| account.storage.get(&slot_path(slot)).copied())
            .unwrap_or_default()
    }

    pub fn code(&self, code_hash: B256) -> Bytecode {
        self.code.get(&code_hash).cloned().unwrap_or_default()
    }

    /// The account's fields as revm sees them, code included.
    pub fn info(&self, address: Address) -> Option<AccountInfo> {
        let account = self.account(address)?;
        Some(AccountInfo {
            balance: account.balance,
            nonce: account.nonce,
            code_hash: account.code_hash,
            code: Some(self.code(account.code_hash)),
            ..AccountInfo::default()
        })
    }

    /// Sets balance, nonce and code, keeping storage.
    pub fn set_info(&mut self, address: Address, info: AccountInfo) {
        self.add_code(&info);
        let mut account = self.account(address).cloned().unwrap_or_default();
        account.nonce = info.nonce;
        account.balance = info.balance;
        account.code_hash = info.code_hash;
        self.put(address, account);
    }

    pub fn set_storage(&mut self, address: Address, slot: U256, value: U256) {
        let mut account = self.account(address).cloned().unwrap_or_default();
        if account.code_hash.is_zero() {
            account.code_hash = KECCAK256_EMPTY;
        }
        set_slot(&mut account.storage, slot, value);
        self.put(address, account);
    }

    /// Replaces the account's whole storage.
    pub fn replace_storage(
        &mut self,
        address: Address,
        slots: impl IntoIterator<Item = (U256, U256)>,
    ) {
        let mut account = self.account(address).cloned().unwrap_or_default();
        account.storage = Trie::default();
        for (slot, value) in slots {
            set_slot(&mut account.storage, slot, value);
        }
        self.put(address, account);
    }

    fn add_code(&mut self, info: &AccountInfo) {
        if let Some(code) = &info.code
            && !code.is_empty()
            && !self.code.contains_key(&info.code_hash)
        {
            Arc::make_mut(&mut self.code).insert(info.code_hash, code.clone());
        }
    }

    fn put(&mut self, address: Address, account: Account) {
        let path = path_of(address.as_slice());
        match account.is_empty() {
            true => self.accounts.remove(&path),
            false => self.accounts.insert(path, address, account),
        }
    }

    /// Folds what one execution wrote (revm's cache over this state) into the state. Only
    /// values that differ are written, so reads cost nothing here.
    pub fn apply(&mut self, cache: Cache) {
        for (hash, code) in cache.contracts {
            if !code.is_empty() && !self.code.contains_key(&hash) {
                Arc::make_mut(&mut self.code).insert(hash, code);
            }
        }
        for (address, changed) in cache.accounts {
            let path = path_of(address.as_slice());
            if changed.account_state == AccountState::NotExisting {
                self.accounts.remove(&path);
                continue;
            }
            let existing = self.accounts.get(&path);
            let (mut account, mut modified) = match (existing, &changed.account_state) {
                (Some(account), AccountState::Touched | AccountState::None) => {
                    (account.clone(), !account.same_info(&changed.info))
                }
                _ => (Account::from_info(&changed.info), true),
            };
            account.nonce = changed.info.nonce;
            account.balance = changed.info.balance;
            account.code_hash = changed.info.code_hash;
            for (slot, value) in changed.storage {
                let path = slot_path(slot);
                if account.storage.get(&path).copied().unwrap_or_default() != value {
                    set_slot(&mut account.storage, slot, value);
                    modified = true;
                }
            }
            if modified {
                self.put(address, account);
            }
        }
    }

    pub fn root(&self) -> B256 {
        self.accounts.root_hash()
    }

    pub fn account_proof(&self, address: Address) -> Vec<Bytes> {
        self.accounts.proof(&path_of(address.as_slice()))
    }

    pub fn storage_proof(&self, address: Address, slot: U256) -> Vec<Bytes> {
        self.account(address)
            .map(|account| account.storage.proof(&slot_path(slot)))
            .unwrap_or_default()
    }

    /// Every existing account, with its address.
    pub fn accounts(&self) -> Vec<(&Address, &Account)> {
        self.accounts.entries()
    }

    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    /// Records a mined block's hash for BLOCKHASH, forgetting the oldest beyond 256.
    pub fn set_block_hash(&mut self, number: u64, hash: B256) {
        let hashes = Arc::make_mut(&mut self.block_hashes);
        hashes.insert(number, hash);
        while hashes.len() > BLOCK_HASHES {
            hashes.pop_first();
        }
    }
}

fn set_slot(storage: &mut Trie<U256, U256>, slot: U256, value: U256) {
    let path = slot_path(slot);
    match value.is_zero() {
        true => storage.remove(&path),
        false => storage.insert(path, slot, value),
    }
}

impl DatabaseRef for State {
    type Error = Infallible;

    fn basic_ref(&self, address: Address) -> Result<Option<AccountInfo>, Infallible> {
        Ok(self.info(address))
    }

    fn code_by_hash_ref(&self, code_hash: B256) -> Result<Bytecode, Infallible> {
        Ok(self.code(code_hash))
    }

    fn storage_ref(&self, address: Address, slot: U256) -> Result<U256, Infallible> {
        Ok(self.storage(address, slot))
    }

    fn block_hash_ref(&self, number: u64) -> Result<B256, Infallible> {
        Ok(self.block_hashes.get(&number).copied().unwrap_or_default())
    }
}
