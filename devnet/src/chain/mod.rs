//! The chain: state, blocks, receipts and the rules for adding to them. Everything here is
//! synchronous. Execution is split from the chain so that it runs without holding it: a
//! [`PendingTx`] or [`Simulation`] is prepared from the chain (cheap: states are persistent
//! values), run on its own, and a mined block is then committed in one short step. Readers
//! therefore never wait for an execution, only for a commit.

mod access_list;
mod anvil_state;
mod block;
mod call;
mod dev;
mod error;
mod fees;
mod logs;
mod node_interface;
mod persist;
mod pool;
mod proof;
mod simulate;
mod state;
mod struct_log;
mod submit;
mod time;
mod trace;
mod trie;
mod tx;

use std::collections::{BTreeMap, HashMap, HashSet};

use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, B256, Bytes, U256};
use revm::state::AccountInfo;

pub use anvil_state::{AnvilAccount, AnvilState};
pub use block::{BlockDraft, MinedBlock};
pub use call::Simulation;
pub use error::ChainError;
pub use node_interface::NODE_INTERFACE;
pub use persist::{AccountDump, PersistError, StateFile};
pub use simulate::SimulateJob;
pub use state::{Account, State};
pub use struct_log::{StructLog, StructLogOptions, StructLogTrace};
pub use submit::{ExecutedBlock, PendingTx, Queued, Sender};
pub use time::Clock;
pub use trace::{CallFrame, TraceJob};
pub use tx::MinedTx;

use crate::accounts::DevAccounts;
use crate::evm::Executor;
use crate::evm::l1::SEQUENCER;
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
#[derive(Clone)]
struct ChainState {
    /// The head's state, including dev edits made since it was mined.
    head: State,
    /// The state at the end of each of the last [`KEPT_STATES`] blocks before the head; each
    /// shares all but what later blocks changed with its neighbours.
    history: BTreeMap<u64, State>,
    /// Contiguous blocks; the first may be later than 0 when the chain was loaded from a file.
    blocks: Vec<MinedBlock>,
    block_numbers: HashMap<B256, u64>,
    txs: HashMap<B256, MinedTx>,
    /// `eth_getTransactionBySenderAndNonce`.
    by_sender: HashMap<(Address, u64), B256>,
    clock: Clock,
}

pub struct Chain {
    spec: ChainSpec,
    executor: Executor,
    accounts: DevAccounts,
    impersonated: HashSet<Address>,
    auto_impersonate: bool,
    /// The address block rewards go to, which COINBASE reads (`anvil_setCoinbase`).
    coinbase: Address,
    /// The next block's base fee when `anvil_setNextBlockBaseFeePerGas` set one; blocks
    /// otherwise keep the Nitro dev node's constant base fee.
    next_base_fee: Option<u64>,
    /// Off: transactions wait in `pool` for the next mined block.
    automine: bool,
    pool: Vec<Queued>,
    state: ChainState,
    snapshots: BTreeMap<u64, ChainState>,
    next_snapshot: u64,
}

impl Chain {
    /// A fresh chain whose genesis funds the dev accounts.
    pub fn genesis(spec: ChainSpec, accounts: DevAccounts) -> Self {
        let mut db = State::default();
        for address in accounts.addresses() {
            db.set_info(
                address,
                AccountInfo {
                    balance: accounts.balance(),
                    ..AccountInfo::default()
                },
            );
        }
        let db = with_system_accounts(db);
        let clock = Clock::default();
        let draft = BlockDraft {
            parent_hash: B256::ZERO,
            number: 0,
            timestamp: clock.next_timestamp(0),
            gas_limit: spec.gas_limit,
            // Nitro's blocks name the sequencer as coinbase; `anvil_setCoinbase` can change it.
            coinbase: SEQUENCER,
            base_fee: crate::config::BASE_FEE,
        };
        let genesis = draft.seal(&db, &[], &[]);
        Self::from_parts(spec, accounts, db, genesis, clock)
    }

    fn from_parts(
        spec: ChainSpec,
        accounts: DevAccounts,
        mut db: State,
        head: MinedBlock,
        clock: Clock,
    ) -> Self {
        db.set_block_hash(head.number(), head.hash());
        let state = ChainState {
            head: db,
            history: BTreeMap::new(),
            block_numbers: HashMap::from([(head.hash(), head.number())]),
            blocks: vec![head],
            txs: HashMap::new(),
            by_sender: HashMap::new(),
            clock,
        };
        Self {
            executor: Executor::with_rules(spec.chain_id, spec.rules),
            spec,
            accounts,
            impersonated: HashSet::new(),
            auto_impersonate: false,
            // Nitro's blocks name the sequencer as coinbase; `anvil_setCoinbase` can change it.
            coinbase: SEQUENCER,
            next_base_fee: None,
            automine: true,
            pool: Vec::new(),
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

    /// The block a tag names, if this chain has it. `pending` is the head: pooled
    /// transactions count only towards the `pending` nonce.
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

    pub fn transaction_by_sender_and_nonce(&self, sender: Address, nonce: u64) -> Option<&MinedTx> {
        self.transaction(*self.state.by_sender.get(&(sender, nonce))?)
    }

    pub fn coinbase(&self) -> Address {
        self.coinbase
    }

    /// State as of the end of block `id`: the live state for the head, a kept copy for one of
    /// the [`KEPT_STATES`] blocks before it. Dev edits (`anvil_setBalance`...) made while a
    /// block was the head belong to it, as `latest` showed them then.
    pub fn state_at(&self, id: Option<BlockId>) -> Result<&State, ChainError> {
        let number = self.block_by_id(id.unwrap_or_default())?.number();
        let latest = self.head().number();
        if number == latest {
            return Ok(&self.state.head);
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

    /// The head's state: what the next block starts from.
    pub fn head_state(&self) -> &State {
        &self.state.head
    }

    /// Keeps the head's state (an O(1) copy) before the next block replaces it.
    fn remember_head_state(&mut self) {
        let head = self.head().number();
        self.state.history.insert(head, self.state.head.clone());
        while self.state.history.len() > KEPT_STATES {
            self.state.history.pop_first();
        }
    }

    fn account(&self, address: Address, id: Option<BlockId>) -> Result<Account, ChainError> {
        Ok(self
            .state_at(id)?
            .account(address)
            .cloned()
            .unwrap_or_default())
    }

    pub fn balance(&self, address: Address, id: Option<BlockId>) -> Result<U256, ChainError> {
        Ok(self.account(address, id)?.balance)
    }

    /// The account's nonce; for `pending`, after the transactions it has in the pool.
    pub fn nonce(&self, address: Address, id: Option<BlockId>) -> Result<u64, ChainError> {
        let nonce = self.account(address, id)?.nonce;
        match id {
            Some(BlockId::Number(BlockNumberOrTag::Pending)) => {
                Ok(nonce + self.pooled_from(address))
            }
            _ => Ok(nonce),
        }
    }

    fn nonce_at_head(&self, address: Address) -> u64 {
        self.state.head.account(address).map_or(0, |a| a.nonce)
    }

    pub fn code(&self, address: Address, id: Option<BlockId>) -> Result<Bytes, ChainError> {
        let state = self.state_at(id)?;
        let code_hash = state.account(address).map(|a| a.code_hash);
        Ok(code_hash.map_or_else(Bytes::new, |hash| state.code(hash).original_bytes()))
    }

    pub fn storage(
        &self,
        address: Address,
        slot: U256,
        id: Option<BlockId>,
    ) -> Result<B256, ChainError> {
        Ok(B256::from(self.state_at(id)?.storage(address, slot)))
    }

    pub fn executor(&self) -> &Executor {
        &self.executor
    }
}

/// Installs the Arbitrum system accounts (precompile markers, the StylusDeployer) the way
/// every execution sees them, so they exist from the first block.
fn with_system_accounts(state: State) -> State {
    let mut db = crate::evm::Db::new(state);
    Executor::install_system_accounts(&mut db);
    let mut state = db.db;
    state.apply(db.cache);
    state
}
