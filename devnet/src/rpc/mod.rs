//! The JSON-RPC surface: `eth_*`, `net_*`, `web3_*` in [`eth`], anvil's dev methods in [`dev`].

mod convert;
mod dev;
pub mod error;
mod eth;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use jsonrpsee::RpcModule;

use crate::chain::{Chain, PersistError};

pub use dev::{DevApiServer, MineOptions};
pub use eth::EthApiServer;

/// What every handler shares: the chain behind one lock (blocks are mined one at a time
/// anyway) and where `devnet_saveState` writes by default.
#[derive(Clone)]
pub struct NodeContext {
    chain: Arc<Mutex<Chain>>,
    state_file: Option<PathBuf>,
}

impl NodeContext {
    pub fn new(chain: Chain, state_file: Option<PathBuf>) -> Self {
        Self {
            chain: Arc::new(Mutex::new(chain)),
            state_file,
        }
    }

    /// A handler that panicked mid-update cannot have left a half-mined block: every
    /// mutation is applied after the fallible work, so a poisoned lock is still consistent.
    pub fn chain(&self) -> MutexGuard<'_, Chain> {
        self.chain.lock().unwrap_or_else(PoisonError::into_inner)
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
            .merge(DevApiServer::into_rpc(self))
            .expect("dev methods are unique");
        module
    }
}
