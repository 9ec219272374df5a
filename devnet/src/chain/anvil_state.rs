//! `anvil_dumpState` / `anvil_loadState` in Anvil's format, so a state moves between
//! Anvil and the devnet: hex of the gzip of `{block, accounts, best_block_number, blocks,
//! transactions, historical_states}`, each account `{nonce, balance, code, storage}`.
//! The devnet dumps its head block without transactions as the only block (Anvil needs the
//! block its `best_block_number` names, and then continues the chain from it) and loads
//! the accounts only.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};

use alloy::primitives::{Address, B256, Bytes, U256};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use revm::context::BlockEnv;
use serde::{Deserialize, Serialize};

use super::{AccountDump, Chain, ChainError};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Anvil's `SerializableState`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnvilState {
    /// The environment of the next block, as revm serialises it.
    #[serde(default)]
    pub block: Option<BlockEnv>,
    pub accounts: BTreeMap<Address, AnvilAccount>,
    #[serde(default)]
    pub best_block_number: Option<u64>,
    /// Anvil's blocks; the devnet writes its head only and does not replay them.
    #[serde(default)]
    pub blocks: Vec<serde_json::Value>,
    #[serde(default)]
    pub transactions: Vec<serde_json::Value>,
    #[serde(default)]
    pub historical_states: Option<serde_json::Value>,
}

/// Anvil's `SerializableAccountRecord`. Reading, slots and values may be short quantities
/// (older dumps, the devnet's `--state` file) and `code` may be missing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnvilAccount {
    pub nonce: u64,
    pub balance: U256,
    #[serde(default)]
    pub code: Bytes,
    #[serde(default, deserialize_with = "words")]
    pub storage: BTreeMap<B256, B256>,
}

fn words<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<B256, B256>, D::Error> {
    let numbers = BTreeMap::<U256, U256>::deserialize(deserializer)?;
    Ok(numbers
        .into_iter()
        .map(|(slot, value)| (B256::from(slot), B256::from(value)))
        .collect())
}

impl AnvilState {
    /// The hex-encoded gzip `anvil_dumpState` answers.
    pub fn encode(&self) -> Result<Bytes, ChainError> {
        let fail =
            |e: std::io::Error| ChainError::Internal(format!("cannot encode the state: {e}"));
        let json = serde_json::to_vec(self).map_err(|e| fail(e.into()))?;
        let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
        gzip.write_all(&json).map_err(fail)?;
        Ok(gzip.finish().map_err(fail)?.into())
    }

    /// What `anvil_loadState` takes: gzip-compressed JSON as Anvil dumps it, or plain JSON
    /// (Anvil accepts both).
    pub fn decode(dump: &[u8]) -> Result<Self, ChainError> {
        let invalid = |what: String| {
            ChainError::InvalidParams(format!("not a state from anvil_dumpState: {what}"))
        };
        let mut json = Vec::new();
        let json = match dump.starts_with(&GZIP_MAGIC) {
            true => {
                GzDecoder::new(dump)
                    .read_to_end(&mut json)
                    .map_err(|e| invalid(format!("bad gzip data ({e})")))?;
                &json[..]
            }
            false => dump,
        };
        serde_json::from_slice(json).map_err(|e| invalid(e.to_string()))
    }

    pub fn into_accounts(self) -> BTreeMap<Address, AccountDump> {
        self.accounts
            .into_iter()
            .map(|(address, account)| {
                let storage = account
                    .storage
                    .into_iter()
                    .map(|(slot, value)| (slot.into(), value.into()))
                    .collect();
                let dump = AccountDump {
                    balance: account.balance,
                    nonce: account.nonce,
                    code: account.code,
                    storage,
                };
                (address, dump)
            })
            .collect()
    }
}

impl Chain {
    /// The head state in Anvil's dump format, with the next block's environment.
    pub fn anvil_state(&self) -> AnvilState {
        let head = self.head();
        let accounts = self
            .dump()
            .accounts
            .into_iter()
            .map(|(address, account)| {
                let storage = account
                    .storage
                    .into_iter()
                    .map(|(slot, value)| (B256::from(slot), B256::from(value)))
                    .collect();
                let record = AnvilAccount {
                    nonce: account.nonce,
                    balance: account.balance,
                    code: account.code,
                    storage,
                };
                (address, record)
            })
            .collect();
        // Anvil's `SerializableBlock`; the transactions stay behind (their receipts and
        // traces are not in this format's reach).
        let block = serde_json::json!({
            "header": head.header.inner(),
            "transactions": [],
            "ommers": [],
            "withdrawals": null,
        });
        AnvilState {
            block: Some(self.header_env(&head.header)),
            accounts,
            best_block_number: Some(head.header.number),
            blocks: vec![block],
            transactions: Vec::new(),
            historical_states: None,
        }
    }
}
