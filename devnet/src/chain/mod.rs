//! The chain: state, blocks, receipts and the rules for adding to them. Everything here is
//! synchronous; the RPC layer serialises access behind one lock.

mod block;
mod call;
mod dev;
mod error;
mod fees;
mod logs;
mod node_interface;
mod persist;
mod submit;
mod time;
mod tx;

use std::collections::{BTreeMap, HashMap, HashSet};

use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, B256, Bytes, U256};
use revm::DatabaseRef;
use revm::state::AccountInfo;

pub use block::{BlockDraft, MinedBlock};
pub use error::ChainError;
pub use node_interface::NODE_INTERFACE;
pub use persist::{AccountDump, PersistError, StateFile};
pub use time::Clock;
pub use tx::MinedTx;

use crate::accounts::DevAccounts;
use crate::evm::{Db, Executor};
use crate::stylus::Rules;

/// Settings fixed for the life of a chain.
#[derive(Debug, Clone)]
pub struct ChainSpec {
    pub chain_id: u64,
    pub gas_limit: u64,
    /// ArbOS version and debug mode: the Stylus rules the executor applies.
    pub rules: Rules,
}

/// How many past blocks' states `eth_call`, `eth_getBalance` and friends can still read
/// (a failed transaction is commonly replayed on the block before it to learn why).
pub const KEPT_STATES: usize = 128;

/// Everything a snapshot captures and `evm_revert` restores.
#[derive(Debug, Clone)]
struct ChainState {
    db: Db,
    /// The state at the end of each of the last [`KEPT_STATES`] blocks before the head.
    history: BTreeMap<u64, Db>,
    /// Contiguous blocks; the first may be later than 0 when the chain was loaded from a file.
    blocks: Vec<MinedBlock>,
    block_numbers: HashMap<B256, u64>,
    txs: HashMap<B256, MinedTx>,
    clock: Clock,
}

pub struct Chain {
    spec: ChainSpec,
    executor: Executor,
    accounts: DevAccounts,
    impersonated: HashSet<Address>,
    auto_impersonate: bool,
    state: ChainState,
    snapshots: BTreeMap<u64, ChainState>,
    next_snapshot: u64,
}

impl Chain {
    /// A fresh chain whose genesis funds the dev accounts.
    pub fn genesis(spec: ChainSpec, accounts: DevAccounts) -> Self {
        let mut db = Db::default();
        for address in accounts.addresses() {
            db.insert_account_info(
                address,
                AccountInfo {
                    balance: accounts.balance(),
                    ..AccountInfo::default()
                },
            );
        }
        Executor::install_system_accounts(&mut db);
        let clock = Clock::default();
        let draft = BlockDraft {
            parent_hash: B256::ZERO,
            number: 0,
            timestamp: clock.next_timestamp(0),
            gas_limit: spec.gas_limit,
        };
        let genesis = draft.seal(&db, &[], &[]);
        Self::from_parts(spec, accounts, db, genesis, clock)
    }

    fn from_parts(
        spec: ChainSpec,
        accounts: DevAccounts,
        mut db: Db,
        head: MinedBlock,
        clock: Clock,
    ) -> Self {
        db.cache
            .block_hashes
            .insert(U256::from(head.number()), head.hash());
        let state = ChainState {
            db,
            history: BTreeMap::new(),
            block_numbers: HashMap::from([(head.hash(), head.number())]),
            blocks: vec![head],
            txs: HashMap::new(),
            clock,
        };
        Self {
            executor: Executor::with_rules(spec.chain_id, spec.rules),
            spec,
            accounts,
            impersonated: HashSet::new(),
            auto_impersonate: false,
            state,
            snapshots: BTreeMap::new(),
            next_snapshot: 0,
        }
    }

    pub fn spec(&self) -> &ChainSpec {
        &self.spec
    }

    pub fn accounts(&self) -> &DevAccounts {
        &self.accounts
    }

    pub fn head(&self) -> &MinedBlock {
        self.state
            .blocks
            .last()
            .expect("a chain always holds at least its first block")
    }

    fn first_block(&self) -> u64 {
        self.state.blocks.first().map_or(0, MinedBlock::number)
    }

    pub fn block_by_number(&self, number: u64) -> Option<&MinedBlock> {
        let index = number.checked_sub(self.first_block())?;
        self.state.blocks.get(usize::try_from(index).ok()?)
    }

    pub fn block_by_hash(&self, hash: B256) -> Option<&MinedBlock> {
        self.block_by_number(*self.state.block_numbers.get(&hash)?)
    }

    /// The block a tag names, if this chain has it. `pending` is the head: there is no pool.
    pub fn block_by_tag(&self, tag: BlockNumberOrTag) -> Option<&MinedBlock> {
        match tag {
            BlockNumberOrTag::Number(n) => self.block_by_number(n),
            BlockNumberOrTag::Earliest => self.state.blocks.first(),
            BlockNumberOrTag::Latest
            | BlockNumberOrTag::Pending
            | BlockNumberOrTag::Safe
            | BlockNumberOrTag::Finalized => Some(self.head()),
        }
    }

    pub fn block_by_id(&self, id: BlockId) -> Result<&MinedBlock, ChainError> {
        match id {
            BlockId::Number(tag) => self
                .block_by_tag(tag)
                .ok_or_else(|| ChainError::BlockNotFound(format!("block {tag}"))),
            BlockId::Hash(hash) => self
                .block_by_hash(hash.block_hash)
                .ok_or_else(|| ChainError::BlockNotFound(format!("block {}", hash.block_hash))),
        }
    }

    pub fn transaction(&self, hash: B256) -> Option<&MinedTx> {
        self.state.txs.get(&hash)
    }

    /// State as of the end of block `id`: the live state for the head, a kept copy for one of
    /// the [`KEPT_STATES`] blocks before it. Dev edits (`anvil_setBalance`...) made while a
    /// block was the head belong to it, as `latest` showed them then.
    fn state_at(&self, id: Option<BlockId>) -> Result<&Db, ChainError> {
        let number = self.block_by_id(id.unwrap_or_default())?.number();
        let latest = self.head().number();
        if number == latest {
            return Ok(&self.state.db);
        }
        self.state
            .history
            .get(&number)
            .ok_or(ChainError::HistoricalState {
                requested: number,
                latest,
                kept: KEPT_STATES,
            })
    }

    /// Keeps the head's state before the next block changes it.
    fn remember_head_state(&mut self) {
        let head = self.head().number();
        self.state.history.insert(head, self.state.db.clone());
        while self.state.history.len() > KEPT_STATES {
            self.state.history.pop_first();
        }
    }

    fn account(&self, address: Address, id: Option<BlockId>) -> Result<AccountInfo, ChainError> {
        let db = self.state_at(id)?;
        let Ok(info) = db.basic_ref(address);
        Ok(info.unwrap_or_default())
    }

    pub fn balance(&self, address: Address, id: Option<BlockId>) -> Result<U256, ChainError> {
        Ok(self.account(address, id)?.balance)
    }

    pub fn nonce(&self, address: Address, id: Option<BlockId>) -> Result<u64, ChainError> {
        Ok(self.account(address, id)?.nonce)
    }

    pub fn code(&self, address: Address, id: Option<BlockId>) -> Result<Bytes, ChainError> {
        let info = self.account(address, id)?;
        if let Some(code) = info.code {
            return Ok(code.original_bytes());
        }
        let Ok(code) = self.state.db.code_by_hash_ref(info.code_hash);
        Ok(code.original_bytes())
    }

    pub fn storage(
        &self,
        address: Address,
        slot: U256,
        id: Option<BlockId>,
    ) -> Result<B256, ChainError> {
        let db = self.state_at(id)?;
        let Ok(value) = db.storage_ref(address, slot);
        Ok(B256::from(value))
    }
}
