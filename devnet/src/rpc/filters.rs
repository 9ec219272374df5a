//! Polling filters: `eth_newFilter`, `eth_newBlockFilter`, `eth_newPendingTransactionFilter`,
//! `eth_getFilterChanges`, `eth_getFilterLogs`, `eth_uninstallFilter`.
//!
//! A filter only remembers the last block it reported; each poll reads what was mined since
//! from the chain, so nothing is buffered per filter.

use std::collections::HashMap;

use alloy::eips::BlockNumberOrTag;
use alloy::primitives::{B256, U256};
use alloy::rpc::types::{Filter, FilterBlockOption, FilterChanges, Log};
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::types::ErrorObjectOwned;

use super::NodeContext;
use super::error::SERVER_ERROR;
use crate::chain::Chain;

#[derive(Default)]
pub struct Filters {
    next_id: u64,
    installed: HashMap<U256, Installed>,
}

struct Installed {
    kind: Kind,
    /// The first block the next poll reports.
    next: u64,
}

enum Kind {
    Blocks,
    PendingTransactions,
    Logs(Box<Filter>),
}

fn not_found() -> ErrorObjectOwned {
    // Anvil's answer for an unknown or uninstalled id.
    ErrorObjectOwned::owned(SERVER_ERROR, "filter not found", None::<()>)
}

#[rpc(server)]
pub trait FilterApi {
    #[method(name = "eth_newFilter")]
    fn new_filter(&self, filter: Filter) -> RpcResult<U256>;

    #[method(name = "eth_newBlockFilter")]
    fn new_block_filter(&self) -> RpcResult<U256>;

    #[method(name = "eth_newPendingTransactionFilter")]
    fn new_pending_transaction_filter(&self) -> RpcResult<U256>;

    #[method(name = "eth_getFilterChanges")]
    fn filter_changes(&self, id: U256) -> RpcResult<FilterChanges>;

    #[method(name = "eth_getFilterLogs")]
    fn filter_logs(&self, id: U256) -> RpcResult<Vec<Log>>;

    #[method(name = "eth_uninstallFilter")]
    fn uninstall_filter(&self, id: U256) -> RpcResult<bool>;
}

impl NodeContext {
    fn install(&self, kind: Kind) -> U256 {
        let after_head = self.chain().head().number() + 1;
        // As on Anvil, a log filter starting in the past reports those logs on its first poll.
        let next = match &kind {
            Kind::Logs(filter) => filter
                .get_from_block()
                .map_or(after_head, |from| from.min(after_head)),
            Kind::Blocks | Kind::PendingTransactions => after_head,
        };
        let mut filters = self.filters();
        filters.next_id += 1;
        let id = U256::from(filters.next_id);
        filters.installed.insert(id, Installed { kind, next });
        id
    }

    fn filters(&self) -> std::sync::MutexGuard<'_, Filters> {
        self.filters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// After `evm_revert` or `anvil_reset` the head moves back; blocks mined from there on
    /// are new to every filter.
    pub(super) fn rewind_filters(&self) {
        let after_head = self.chain().head().number() + 1;
        for filter in self.filters().installed.values_mut() {
            filter.next = filter.next.min(after_head);
        }
    }
}

/// The logs `filter` matches in blocks `from..=to`, within the filter's own range.
fn logs_between(chain: &Chain, filter: &Filter, from: u64, to: u64) -> RpcResult<Vec<Log>> {
    let range = match filter.block_option {
        // A block-hash filter names one block, reported by the first poll after it exists.
        FilterBlockOption::AtBlockHash(hash) => {
            let number = chain.block_by_hash(hash).map(|b| b.number());
            return match number {
                Some(n) if (from..=to).contains(&n) => Ok(chain.logs(filter)?),
                _ => Ok(Vec::new()),
            };
        }
        FilterBlockOption::Range {
            from_block,
            to_block,
        } => {
            let start = from_block.and_then(|b| b.as_number()).unwrap_or(from);
            let end = to_block.and_then(|b| b.as_number()).unwrap_or(to);
            (start.max(from), end.min(to))
        }
    };
    if range.0 > range.1 {
        return Ok(Vec::new());
    }
    let bounded = filter
        .clone()
        .from_block(BlockNumberOrTag::Number(range.0))
        .to_block(BlockNumberOrTag::Number(range.1));
    Ok(chain.logs(&bounded)?)
}

impl FilterApiServer for NodeContext {
    fn new_filter(&self, filter: Filter) -> RpcResult<U256> {
        Ok(self.install(Kind::Logs(Box::new(filter))))
    }

    fn new_block_filter(&self) -> RpcResult<U256> {
        Ok(self.install(Kind::Blocks))
    }

    fn new_pending_transaction_filter(&self) -> RpcResult<U256> {
        Ok(self.install(Kind::PendingTransactions))
    }

    fn filter_changes(&self, id: U256) -> RpcResult<FilterChanges> {
        let chain = self.chain();
        let head = chain.head().number();
        let mut filters = self.filters();
        let filter = filters.installed.get_mut(&id).ok_or_else(not_found)?;
        let from = filter.next;
        filter.next = head + 1;
        let blocks = (from..=head).filter_map(|n| chain.block_by_number(n));
        Ok(match &filter.kind {
            Kind::Blocks => FilterChanges::Hashes(blocks.map(|b| b.hash()).collect()),
            // Every transaction is mined as it arrives: the pending ones since the last poll
            // are those in the blocks mined since.
            Kind::PendingTransactions => FilterChanges::Hashes(
                blocks
                    .flat_map(|b| b.transactions.iter().copied())
                    .collect::<Vec<B256>>(),
            ),
            Kind::Logs(log_filter) => {
                FilterChanges::Logs(logs_between(&chain, log_filter, from, head)?)
            }
        })
    }

    fn filter_logs(&self, id: U256) -> RpcResult<Vec<Log>> {
        let filter = match &self
            .filters()
            .installed
            .get(&id)
            .ok_or_else(not_found)?
            .kind
        {
            Kind::Logs(filter) => filter.clone(),
            Kind::Blocks | Kind::PendingTransactions => return Err(not_found()),
        };
        Ok(self.chain().logs(&filter)?)
    }

    fn uninstall_filter(&self, id: U256) -> RpcResult<bool> {
        Ok(self.filters().installed.remove(&id).is_some())
    }
}
