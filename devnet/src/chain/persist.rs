//! The state file: every account (balance, nonce, code, storage), the head block and the
//! clock, as JSON. Blocks before the head and receipts are not kept; a restarted chain
//! continues from the saved head.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use alloy::consensus::Header;
use alloy::primitives::{Address, Bytes, Sealable, U256};
use revm::bytecode::Bytecode;
use revm::state::AccountInfo;
use serde::{Deserialize, Serialize};

use super::{Chain, ChainSpec, Clock, MinedBlock, State};
use crate::accounts::DevAccounts;

/// Bumped when the layout changes incompatibly.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateFile {
    pub format: u32,
    pub chain_id: u64,
    pub head: Header,
    pub clock: Clock,
    pub accounts: BTreeMap<Address, AccountDump>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccountDump {
    pub balance: U256,
    pub nonce: u64,
    #[serde(default, skip_serializing_if = "is_empty")]
    pub code: Bytes,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub storage: BTreeMap<U256, U256>,
}

fn is_empty(bytes: &Bytes) -> bool {
    bytes.is_empty()
}

#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    #[error("cannot read state file {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("cannot write state file {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("state file {0} is not a devnet state file: {1}")]
    Format(PathBuf, serde_json::Error),
    #[error("state file {path} has format {found}; this devnet reads format {FORMAT}")]
    Version { path: PathBuf, found: u32 },
    #[error(
        "state file {path} belongs to chain {found}, not {expected}: start with --chain-id {found} \
         or use another --state file"
    )]
    ChainId {
        path: PathBuf,
        found: u64,
        expected: u64,
    },
    #[error("state file {path}: invalid code for {address}: {reason}")]
    Code {
        path: PathBuf,
        address: Address,
        reason: String,
    },
}

impl StateFile {
    /// Reads `path`; `Ok(None)` when it does not exist yet (first start).
    pub fn read(path: &Path) -> Result<Option<Self>, PersistError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(PersistError::Read(path.to_owned(), e)),
        };
        let file: Self =
            serde_json::from_str(&text).map_err(|e| PersistError::Format(path.to_owned(), e))?;
        if file.format != FORMAT {
            return Err(PersistError::Version {
                path: path.to_owned(),
                found: file.format,
            });
        }
        Ok(Some(file))
    }

    /// Writes atomically: a crash mid-write leaves the previous file intact.
    pub fn write(&self, path: &Path) -> Result<(), PersistError> {
        let fail = |e| PersistError::Write(path.to_owned(), e);
        let json = serde_json::to_vec_pretty(self).map_err(|e| fail(e.into()))?;
        let mut temp = path.as_os_str().to_owned();
        temp.push(".tmp");
        let temp = PathBuf::from(temp);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut file = std::fs::File::create(&temp).map_err(fail)?;
        file.write_all(&json).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        std::fs::rename(&temp, path).map_err(fail)
    }
}

impl Chain {
    pub fn dump(&self) -> StateFile {
        let state = &self.state.head;
        let accounts = state
            .accounts()
            .into_iter()
            .map(|(address, account)| {
                let dump = AccountDump {
                    balance: account.balance,
                    nonce: account.nonce,
                    code: state.code(account.code_hash).original_bytes(),
                    storage: account
                        .storage
                        .entries()
                        .into_iter()
                        .map(|(slot, value)| (*slot, *value))
                        .collect(),
                };
                (*address, dump)
            })
            .collect();
        StateFile {
            format: FORMAT,
            chain_id: self.spec.chain_id,
            head: self.head().header.inner().clone(),
            clock: self.state.clock.clone(),
            accounts,
        }
    }

    /// A chain continuing from a saved state; the dev accounts keep their saved balances.
    pub fn restore(
        spec: ChainSpec,
        accounts: DevAccounts,
        file: StateFile,
        path: &Path,
    ) -> Result<Self, PersistError> {
        if file.chain_id != spec.chain_id {
            return Err(PersistError::ChainId {
                path: path.to_owned(),
                found: file.chain_id,
                expected: spec.chain_id,
            });
        }
        let db =
            state_from_dump(file.accounts).map_err(|(address, reason)| PersistError::Code {
                path: path.to_owned(),
                address,
                reason,
            })?;
        let head = MinedBlock {
            header: file.head.seal_slow(),
            transactions: Vec::new(),
        };
        Ok(Self::from_parts(spec, accounts, db, head, file.clock))
    }
}

/// The state a dump describes, with the system accounts (files written before a system
/// account existed still get it). Fails on code that is not valid bytecode.
pub(super) fn state_from_dump(
    accounts: BTreeMap<Address, AccountDump>,
) -> Result<State, (Address, String)> {
    let mut db = State::default();
    for (address, account) in accounts {
        let code = Bytecode::new_raw_checked(account.code).map_err(|e| (address, e.to_string()))?;
        let info = AccountInfo {
            balance: account.balance,
            nonce: account.nonce,
            code_hash: code.hash_slow(),
            code: Some(code),
            ..AccountInfo::default()
        };
        db.set_info(address, info);
        db.replace_storage(address, account.storage);
    }
    Ok(super::with_system_accounts(db))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_reads_as_none() {
        let path = std::env::temp_dir().join("devnet-persist-missing.json");
        let _ = std::fs::remove_file(&path);
        assert!(StateFile::read(&path).unwrap().is_none());
    }

    #[test]
    fn a_corrupt_file_is_a_format_error() {
        let path = std::env::temp_dir().join(format!("devnet-corrupt-{}.json", std::process::id()));
        std::fs::write(&path, b"{ not json").unwrap();
        assert!(matches!(
            StateFile::read(&path),
            Err(PersistError::Format(..))
        ));
        std::fs::remove_file(&path).unwrap();
    }
}
