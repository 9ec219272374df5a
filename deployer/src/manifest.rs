//! The deployment manifest (JSON): what was deployed where, with code hashes and the
//! transactions that did it. Every operating command reads its addresses from here.

use std::path::{Path, PathBuf};

use alloy::primitives::{Address, B256, U256};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub const DEFAULT_MANIFEST: &str = "deployments/devnet.json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub chain_id: u64,
    pub stylus_version: u16,
    pub deployer: Address,
    /// Block of the last deployment transaction.
    pub block: u64,
    pub admin: Address,
    /// Set while a two-step admin transfer waits for `acceptAdmin()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_admin: Option<Address>,
    pub pausers: Vec<Address>,
    pub hub: ContractRecord,
    pub vaults: Vec<VaultRecord>,
    /// Role and parameter wiring, in the order sent.
    pub wiring: Vec<TxRecord>,
    pub total_gas: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ContractRecord {
    pub address: Address,
    /// keccak256 of the account code (for Stylus: of `EF F0 00 00 ‖ brotli(wasm)`).
    pub code_hash: B256,
    pub tx_hash: B256,
    pub block: u64,
    pub gas_used: u64,
    /// Activation data fee paid with the deploy (zero for EVM code or already-active code).
    #[serde(default)]
    pub data_fee: U256,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VaultRecord {
    pub name: String,
    pub symbol: String,
    pub asset: AssetRecord,
    pub vault: ContractRecord,
    pub queue: ContractRecord,
    pub curator: Address,
    pub treasury: Address,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AssetRecord {
    pub address: Address,
    pub symbol: String,
    /// The token's `decimals()`, read at deploy time; amounts are typed and shown with it.
    /// Manifests written before it was recorded held 18-decimal mocks.
    #[serde(default = "eighteen")]
    pub decimals: u8,
    /// Present when the deployer created the asset as a mock LST (anyone may mint it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<ContractRecord>,
}

fn eighteen() -> u8 {
    18
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TxRecord {
    pub what: String,
    pub tx_hash: B256,
    pub gas_used: u64,
}

impl Manifest {
    /// The manifest at `path`, or `None` when there is none yet.
    pub fn load_if_present(path: &Path) -> Result<Option<Self>> {
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map(Some).map_err(|e| {
            Error::input(
                format!("{} is not a deployment manifest: {e}", path.display()),
                "point --manifest at the file `lrt deploy` wrote, or delete it and deploy again",
            )
        })
    }

    pub fn load(path: &Path) -> Result<Self> {
        Self::load_if_present(path)?.ok_or_else(|| {
            Error::input(
                format!("no deployment manifest at {}", path.display()),
                "deploy first with `lrt deploy --config deployments/devnet.toml`, or pass --manifest",
            )
        })
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::Other(e.into()))?;
        std::fs::write(path, text + "\n")?;
        Ok(())
    }

    /// Refuses a node on another chain than the one this manifest was deployed to: every
    /// address in it would name nothing (or something else) there.
    pub fn check_chain(&self, node_chain_id: u64, path: &Path, rpc_url: &str) -> Result<()> {
        if node_chain_id == self.chain_id {
            return Ok(());
        }
        Err(Error::input(
            format!(
                "manifest {} is for chain {}, node {rpc_url} is {node_chain_id}",
                path.display(),
                self.chain_id
            ),
            "point --rpc-url at the chain it was deployed to, or --manifest at this chain's deployment",
        ))
    }

    /// The vault whose contract is at `address`.
    pub fn vault_at(&self, address: Address) -> Option<&VaultRecord> {
        self.vaults.iter().find(|v| v.vault.address == address)
    }

    /// A vault by symbol (case-insensitive) or address; the first one when `selector` is None.
    pub fn vault(&self, selector: Option<&str>) -> Result<&VaultRecord> {
        let Some(selector) = selector else {
            return self
                .vaults
                .first()
                .ok_or_else(|| Error::input("the manifest lists no vault", "deploy again"));
        };
        self.vaults
            .iter()
            .find(|v| {
                v.symbol.eq_ignore_ascii_case(selector)
                    || selector
                        .parse::<Address>()
                        .is_ok_and(|a| a == v.vault.address)
            })
            .ok_or_else(|| {
                let known: Vec<&str> = self.vaults.iter().map(|v| v.symbol.as_str()).collect();
                Error::input(
                    format!("no vault `{selector}` in the manifest"),
                    format!("use one of: {}", known.join(", ")),
                )
            })
    }

    /// Every contract address with a label, for tables and log decoding.
    pub fn labels(&self) -> Vec<(Address, String)> {
        let mut labels = vec![(self.hub.address, "hub".to_owned())];
        for v in &self.vaults {
            labels.push((v.vault.address, v.symbol.clone()));
            labels.push((v.queue.address, format!("{} queue", v.symbol)));
            labels.push((v.asset.address, v.asset.symbol.clone()));
        }
        labels
    }
}

/// Where the manifest of `config` goes by default: beside it, with a `.json` extension.
pub fn default_path_for(config: &Path) -> PathBuf {
    config.with_extension("json")
}
