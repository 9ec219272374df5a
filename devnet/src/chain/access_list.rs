//! `eth_createAccessList`: the accounts and slots a call touches, and its gas with them
//! declared up front.

use alloy::eips::eip2930::{AccessList, AccessListItem, AccessListResult};
use alloy::primitives::{Address, B256, TxKind, U256};
use revm::context::result::ExecutionResult;

use super::{ChainError, Simulation};
use crate::evm::ARBITRUM_PRECOMPILES;

/// Ethereum's precompiles, 0x01 to 0x11 in Prague: always warm, so never listed.
const ETHEREUM_PRECOMPILES: u8 = 0x11;

impl Simulation {
    /// Runs the call once to learn what it touches (every account and slot revm loaded;
    /// accounts warm anyway, sender, recipient and coinbase, only for their slots; never
    /// precompiles), then again with that list to measure its gas. A failing call still answers, with `error` set, as
    /// geth and anvil do.
    pub fn access_list(mut self, coinbase: Address) -> Result<AccessListResult, ChainError> {
        let touched = self.run()?;
        let caller = self.caller();
        let created = match self.target() {
            TxKind::Call(to) => to,
            TxKind::Create => caller.create(self.nonce()),
        };
        let warm =
            |address: &Address| *address == caller || *address == created || *address == coinbase;
        let mut items: Vec<AccessListItem> = touched
            .state
            .iter()
            .filter(|(address, account)| {
                !is_precompile(address) && (!warm(address) || !account.storage.is_empty())
            })
            .map(|(address, account)| {
                let mut keys: Vec<B256> = account.storage.keys().map(|k| B256::from(*k)).collect();
                keys.sort();
                AccessListItem {
                    address: *address,
                    storage_keys: keys,
                }
            })
            .collect();
        items.sort_by_key(|item| item.address);
        let access_list = AccessList(items);
        self.set_access_list(access_list.clone());
        let measured = self.run()?.result;
        let error = match &measured {
            ExecutionResult::Success { .. } => None,
            ExecutionResult::Revert { .. } => Some("execution reverted".to_owned()),
            ExecutionResult::Halt { reason, .. } => Some(format!("execution halted: {reason:?}")),
        };
        Ok(AccessListResult {
            access_list,
            gas_used: U256::from(measured.tx_gas_used()),
            error,
        })
    }
}

fn is_precompile(address: &Address) -> bool {
    let bytes = address.as_slice();
    let small =
        bytes[..19].iter().all(|b| *b == 0) && (1..=ETHEREUM_PRECOMPILES).contains(&bytes[19]);
    small || ARBITRUM_PRECOMPILES.contains(address)
}
