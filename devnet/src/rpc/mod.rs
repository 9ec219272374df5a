//! The JSON-RPC surface: `eth_*`, `net_*`, `web3_*` in [`eth`], anvil's dev methods in [`dev`].

mod convert;
mod debug;
mod dev;
pub mod error;
mod eth;
mod filters;
mod params;
mod shape;
mod sign;
mod subscribe;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use alloy::primitives::B256;
use alloy::rpc::types::TransactionRequest;
use jsonrpsee::RpcModule;
use tokio::sync::broadcast;

use crate::chain::{Chain, ChainError, ExecutedBlock, PendingTx, PersistError, Queued};

pub use dev::{DevApiServer, MineOptions};
pub use eth::EthApiServer;
pub use params::ParamCount;
pub use shape::RequestShapeLayer;
pub use subscribe::HexIdProvider;

/// What every handler shares. The chain sits behind a read-write lock that is only ever
/// held briefly: executions run on copies of the state (see [`crate::chain`]), so reads are
/// served from the last committed block while a transaction or a heavy `eth_call` runs.
/// Changes to the chain are serialised by `writer`, held for a whole transaction.
#[derive(Clone)]
pub struct NodeContext {
    chain: Arc<RwLock<Chain>>,
    writer: Arc<Mutex<()>>,
    state_file: Option<PathBuf>,
    filters: Arc<Mutex<filters::Filters>>,
    /// The head's number after each change, for `eth_subscribe`.
    heads: broadcast::Sender<u64>,
    /// The task mining a block every few seconds (`evm_setIntervalMining`).
    interval_miner: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
}

impl NodeContext {
    pub fn new(chain: Chain, state_file: Option<PathBuf>) -> Self {
        Self {
            chain: Arc::new(RwLock::new(chain)),
            writer: Arc::new(Mutex::new(())),
            state_file,
            filters: Arc::default(),
            heads: broadcast::channel(1024).0,
            interval_miner: Arc::default(),
        }
    }

    /// The chain as last committed. A handler that panicked mid-update cannot have left a
    /// half-mined block (every mutation is applied after the fallible work), so a poisoned
    /// lock is still consistent.
    pub fn chain(&self) -> RwLockReadGuard<'_, Chain> {
        self.chain.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn chain_mut(&self) -> RwLockWriteGuard<'_, Chain> {
        self.chain.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn writer(&self) -> MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Applies a quick change (dev methods, mining empty blocks) and tells subscribers.
    pub fn edit<T>(&self, change: impl FnOnce(&mut Chain) -> T) -> T {
        let _writer = self.writer();
        let result = change(&mut self.chain_mut());
        self.announce();
        result
    }

    fn announce(&self) {
        // No subscriber is not an error.
        let _ = self.heads.send(self.chain().head().number());
    }

    /// Mines a transaction prepared from the head (automine: executed outside the lock,
    /// then committed), or pools it until the next block.
    fn submit(
        &self,
        prepare: impl FnOnce(&Chain) -> Result<Queued, ChainError>,
    ) -> Result<B256, ChainError> {
        let _writer = self.writer();
        let queued = prepare(&self.chain())?;
        if !self.chain().automine() {
            return self.chain_mut().enqueue(queued);
        }
        let pending = self.chain().block_with(queued);
        let hash = self.execute_and_commit(pending)?;
        self.announce();
        hash.ok_or_else(|| ChainError::Internal("a transaction block lost its transaction".into()))
    }

    fn execute_and_commit(&self, pending: PendingTx) -> Result<Option<B256>, ChainError> {
        let executed: ExecutedBlock = pending.execute()?;
        self.chain_mut().commit(executed)
    }

    pub fn send_raw_transaction(&self, raw: &[u8]) -> Result<B256, ChainError> {
        self.submit(|chain| chain.prepare_raw(raw))
    }

    /// `eth_sendTransaction`: fills the request (estimating gas outside the lock), signs or
    /// impersonates, then mines or pools it.
    pub fn send_transaction(&self, request: TransactionRequest) -> Result<B256, ChainError> {
        let mut request = self.chain().fill_request(request)?;
        if request.gas.is_none() {
            let estimate = self.chain().estimation(&request, None, None)?;
            request.gas = Some(estimate.estimate_gas()?);
        }
        self.submit(|chain| chain.prepare_send(&request))
    }

    /// Mines `count` blocks, `interval` seconds apart when given; each carries what the
    /// pool holds (nothing with automine on).
    pub fn mine(&self, count: u64, interval: Option<u64>) -> Result<(), ChainError> {
        let _writer = self.writer();
        for i in 0..count {
            if let Some(interval) = interval
                && i > 0
            {
                self.chain_mut().space_next_block(interval)?;
            }
            let from_pool = self.chain().block_from_pool();
            match from_pool {
                Some(pending) => {
                    self.execute_and_commit(pending)?;
                }
                None => {
                    self.chain_mut().mine_empty();
                }
            }
        }
        self.announce();
        Ok(())
    }

    /// `evm_setIntervalMining`: a block every `seconds` (0 stops), automine off meanwhile.
    pub fn set_interval_mining(&self, seconds: u64) {
        let mut task = self
            .interval_miner
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(running) = task.take() {
            running.abort();
        }
        if seconds == 0 {
            return;
        }
        self.edit(|chain| chain.set_automine(false));
        let context = self.clone();
        *task = Some(tokio::spawn(async move {
            let mut ticks = tokio::time::interval(std::time::Duration::from_secs(seconds));
            ticks.tick().await;
            loop {
                ticks.tick().await;
                let context = context.clone();
                // Mining executes transactions: off the event loop, as every execution.
                let mined = tokio::task::spawn_blocking(move || context.mine(1, None)).await;
                if let Ok(Err(error)) = mined {
                    eprintln!("interval mining failed: {error}");
                }
            }
        }));
    }

    pub fn state_file(&self) -> Option<&Path> {
        self.state_file.as_deref()
    }

    /// Writes the state to `path`, or to the configured state file.
    pub fn write_state(&self, path: Option<&Path>) -> Result<Option<PathBuf>, PersistError> {
        let Some(path) = path.or(self.state_file.as_deref()) else {
            return Ok(None);
        };
        let dump = self.chain().dump();
        dump.write(path)?;
        Ok(Some(path.to_owned()))
    }

    pub fn into_rpc(self) -> RpcModule<()> {
        let mut module = RpcModule::new(());
        // Method names are fixed at compile time; a clash is caught by every test.
        module
            .merge(EthApiServer::into_rpc(self.clone()))
            .expect("eth methods are unique");
        module
            .merge(debug::DebugApiServer::into_rpc(self.clone()))
            .expect("debug methods are unique");
        module
            .merge(filters::FilterApiServer::into_rpc(self.clone()))
            .expect("filter methods are unique");
        module
            .merge(sign::SignApiServer::into_rpc(self.clone()))
            .expect("signing methods are unique");
        module
            .merge(subscribe::SubscribeApiServer::into_rpc(self.clone()))
            .expect("subscription methods are unique");
        module
            .merge(DevApiServer::into_rpc(self))
            .expect("dev methods are unique");
        module
    }
}
