//! Running a devnet: in-process for tests ([`Devnet::spawn`]), or as the `devnet` binary
//! ([`run`]), which prints the accounts and serves until SIGINT/SIGTERM.

mod banner;
mod run;

use std::net::SocketAddr;
use std::path::PathBuf;

use alloy::signers::local::LocalSignerError;
use jsonrpsee::server::middleware::rpc::RpcServiceBuilder;
use jsonrpsee::server::{Server, ServerConfig, ServerHandle};
use tower_http::cors::CorsLayer;

use crate::accounts::DevAccounts;
use crate::chain::{Chain, ChainSpec, PersistError, StateFile};
use crate::config::Config;
use crate::rpc::{HexIdProvider, NodeContext, ParamCount, RequestShapeLayer};
use crate::stylus::UnsupportedArbOs;

pub use run::run;

#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    #[error("cannot derive the dev accounts from the mnemonic: {0}")]
    Accounts(#[from] LocalSignerError),
    #[error(transparent)]
    State(#[from] PersistError),
    #[error(transparent)]
    ArbOs(#[from] UnsupportedArbOs),
    #[error(
        "cannot listen on {addr}: {source} (is another node running there? pick another --port)"
    )]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

pub struct Devnet;

impl Devnet {
    /// Builds the chain (from `config.state` when that file exists) and starts serving
    /// JSON-RPC over HTTP and WebSocket on `config.host:config.port` (port 0: a free one).
    pub async fn spawn(config: Config) -> Result<DevnetHandle, NodeError> {
        let accounts = DevAccounts::from_config(&config)?;
        let spec = ChainSpec {
            chain_id: config.chain_id,
            gas_limit: config.gas_limit,
            rules: config.rules()?,
        };
        let saved = match &config.state {
            Some(path) => StateFile::read(path)?.map(|file| (file, path)),
            None => None,
        };
        let loaded_from = saved.as_ref().map(|(_, path)| path.to_path_buf());
        let chain = match saved {
            Some((file, path)) => Chain::restore(spec, accounts, file, path)?,
            None => Chain::genesis(spec, accounts),
        };
        let context = NodeContext::new(chain, config.state.clone());

        let requested = config.socket_addr();
        let bind_error = |source| NodeError::Bind {
            addr: requested,
            source,
        };
        let http = tower::ServiceBuilder::new()
            .layer(CorsLayer::permissive())
            .layer(RequestShapeLayer);
        let rpc = RpcServiceBuilder::new().layer_fn(ParamCount::new);
        let server = Server::builder()
            .set_http_middleware(http)
            .set_rpc_middleware(rpc)
            .set_config(
                ServerConfig::builder()
                    .set_id_provider(HexIdProvider::default())
                    .build(),
            )
            .build(requested)
            .await
            .map_err(bind_error)?;
        let addr = server.local_addr().map_err(bind_error)?;
        let server = server.start(context.clone().into_rpc());
        Ok(DevnetHandle {
            addr,
            server,
            context,
            loaded_from,
        })
    }
}

/// A running devnet. Dropping it stops the server without saving; [`Self::shutdown`] saves.
pub struct DevnetHandle {
    addr: SocketAddr,
    server: ServerHandle,
    context: NodeContext,
    loaded_from: Option<PathBuf>,
}

impl DevnetHandle {
    /// The HTTP URL to give providers, e.g. `http://127.0.0.1:8547`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn ws_endpoint(&self) -> String {
        format!("ws://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn chain_id(&self) -> u64 {
        self.context.chain().spec().chain_id
    }

    /// The prefunded accounts, with their keys.
    pub fn accounts(&self) -> DevAccounts {
        self.context.chain().accounts().clone()
    }

    /// The state file the chain was restored from, if any.
    pub fn loaded_from(&self) -> Option<&std::path::Path> {
        self.loaded_from.as_deref()
    }

    /// Writes the configured state file now; `None` when no `--state` was given.
    pub fn save_state(&self) -> Result<Option<PathBuf>, PersistError> {
        self.context.write_state(None)
    }

    /// Stops serving, waits for in-flight requests, then saves the state file if configured.
    pub async fn shutdown(self) -> Result<Option<PathBuf>, NodeError> {
        // Already stopped is fine: the goal is a stopped server.
        let _ = self.server.stop();
        self.server.stopped().await;
        Ok(self.context.write_state(None)?)
    }
}
