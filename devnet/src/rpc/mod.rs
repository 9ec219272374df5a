//! The JSON-RPC surface: `eth_*`, `net_*`, `web3_*` in [`eth`], anvil's dev methods in [`dev`].

mod convert;
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

use crate::chain::{Chain, ChainError, ExecutedBlock, PendingTx, PersistError};

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
}

impl NodeContext {
    pub fn new(chain: Chain, state_file: Option<PathBuf>) -> Self {
        Self {
            chain: Arc::new(RwLock::new(chain)),
            writer: Arc::new(Mutex::new(())),
            state_file,
            filters: Arc::default(),
            heads: broadcast::channel(1024).0,
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

    /// Executes a transaction prepared from the head, outside the lock, then commits it.
    fn submit(
        &self,
        prepare: impl FnOnce(&Chain) -> Result<PendingTx, ChainError>,
    ) -> Result<B256, ChainError> {
        let _writer = self.writer();
        let pending = prepare(&self.chain())?;
        let executed: ExecutedBlock = pending.execute()?;
        let hash = self.chain_mut().commit(executed)?;
        self.announce();
        hash.ok_or_else(|| ChainError::Internal("a transaction block lost its transaction".into()))
    }

    pub fn send_raw_transaction(&self, raw: &[u8]) -> Result<B256, ChainError> {
        self.submit(|chain| chain.prepare_raw(raw))
    }

    /// `eth_sendTransaction`: fills the request (estimating gas outside the lock), signs or
    /// impersonates, executes and commits.
    pub fn send_transaction(&self, request: TransactionRequest) -> Result<B256, ChainError> {
        let _writer = self.writer();
        let mut request = self.chain().fill_request(request)?;
        if request.gas.is_none() {
            let estimate = self.chain().simulation(&request, None, None)?;
            request.gas = Some(estimate.estimate_gas()?);
        }
        let pending = self.chain().prepare_send(&request)?;
        let executed = pending.execute()?;
        let hash = self.chain_mut().commit(executed)?;
        self.announce();
        hash.ok_or_else(|| ChainError::Internal("a transaction block lost its transaction".into()))
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
