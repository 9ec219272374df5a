//! Argument groups shared by the commands, flattened into the top level as global flags,
//! and value parsers for amounts, fractions and durations.

use std::path::PathBuf;

use alloy::primitives::U256;

use crate::{
    chain::{DEFAULT_PRIVATE_KEY, DEFAULT_RPC_URL, Wallet},
    error::Result,
    manifest::{DEFAULT_MANIFEST, Manifest},
    ops::Protocol,
    output::Out,
    units,
};

#[derive(Debug, Clone, clap::Args)]
pub struct RpcArgs {
    /// JSON-RPC endpoint of the chain.
    #[arg(long, global = true, env = "LRT_RPC_URL", default_value = DEFAULT_RPC_URL)]
    pub rpc_url: String,
}

#[derive(Debug, Clone, clap::Args)]
pub struct WalletArgs {
    /// Key that signs (default: the devnet's first prefunded account).
    #[arg(long, global = true, env = "LRT_PRIVATE_KEY", default_value = DEFAULT_PRIVATE_KEY, hide_default_value = true)]
    pub private_key: String,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ManifestArgs {
    /// Deployment manifest written by `lrt deploy` [default: deployments/devnet.json; for
    /// deploy: the config path with a .json extension].
    #[arg(long, global = true, env = "LRT_MANIFEST")]
    pub manifest: Option<PathBuf>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct VaultArg {
    /// Vault by symbol or address (default: the manifest's first vault).
    #[arg(long)]
    pub vault: Option<String>,
}

/// Everything a command gets besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    pub rpc: RpcArgs,
    pub wallet: WalletArgs,
    pub manifest: ManifestArgs,
    pub out: Out,
}

impl Context {
    pub fn wallet(&self) -> Result<Wallet> {
        Wallet::connect(&self.rpc.rpc_url, &self.wallet.private_key)
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.manifest
            .manifest
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_MANIFEST))
    }

    /// The signing wallet and the deployment from the manifest.
    pub fn protocol(&self) -> Result<Protocol> {
        Ok(Protocol::new(
            self.wallet()?,
            Manifest::load(&self.manifest_path())?,
        ))
    }
}

pub fn amount(text: &str) -> Result<U256, String> {
    units::parse_amount(text).map_err(|e| e.to_string())
}

pub fn fraction(text: &str) -> Result<U256, String> {
    units::parse_fraction(text).map_err(|e| e.to_string())
}
