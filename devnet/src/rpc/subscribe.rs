//! `eth_subscribe` / `eth_unsubscribe` over WebSocket: `newHeads`, `logs` and
//! `newPendingTransactions`, as geth and Anvil push them.

use std::sync::atomic::{AtomicU64, Ordering};

use alloy::primitives::{U256, keccak256};
use alloy::rpc::types::{Filter, Header};
use jsonrpsee::core::{SubscriptionResult, async_trait, to_json_raw_value};
use jsonrpsee::proc_macros::rpc;
use jsonrpsee::server::{IdProvider, PendingSubscriptionSink};
use jsonrpsee::types::{ErrorObjectOwned, SubscriptionId};
use serde_json::value::RawValue;
use tokio::sync::broadcast::error::RecvError;

use super::NodeContext;
use crate::chain::Chain;

#[rpc(server)]
pub trait SubscribeApi {
    #[subscription(
        name = "eth_subscribe" => "eth_subscription",
        unsubscribe = "eth_unsubscribe",
        item = serde_json::Value
    )]
    async fn subscribe(&self, kind: String, filter: Option<Filter>) -> SubscriptionResult;
}

enum Kind {
    NewHeads,
    Logs(Box<Filter>),
    PendingTransactions,
}

impl Kind {
    fn parse(kind: &str, filter: Option<Filter>) -> Result<Self, ErrorObjectOwned> {
        match kind {
            "newHeads" => Ok(Self::NewHeads),
            "logs" => Ok(Self::Logs(Box::new(filter.unwrap_or_default()))),
            "newPendingTransactions" => Ok(Self::PendingTransactions),
            other => Err(ErrorObjectOwned::owned(
                jsonrpsee::types::error::INVALID_PARAMS_CODE,
                format!(
                    "unknown subscription `{other}`: use newHeads, logs or newPendingTransactions"
                ),
                None::<()>,
            )),
        }
    }

    /// What to push for blocks `from..=to`.
    fn items(&self, chain: &Chain, from: u64, to: u64) -> Vec<Box<RawValue>> {
        let blocks = (from..=to).filter_map(|n| chain.block_by_number(n));
        match self {
            Self::NewHeads => blocks
                .filter_map(|block| {
                    raw(&Header {
                        hash: block.hash(),
                        inner: block.header.inner().clone(),
                        total_difficulty: Some(U256::ZERO),
                        size: None,
                    })
                })
                .collect(),
            Self::PendingTransactions => blocks
                .flat_map(|block| block.transactions.iter())
                .filter_map(raw)
                .collect(),
            Self::Logs(filter) => blocks
                .flat_map(|block| block.transactions.iter())
                .filter_map(|hash| chain.transaction(*hash))
                .flat_map(|tx| tx.rpc_logs())
                .filter(|log| filter.matches(&log.inner) && block_in_range(filter, log))
                .filter_map(|log| raw(&log))
                .collect(),
        }
    }
}

fn raw<T: serde::Serialize>(value: &T) -> Option<Box<RawValue>> {
    to_json_raw_value(value).ok()
}

fn block_in_range(filter: &Filter, log: &alloy::rpc::types::Log) -> bool {
    let number = log.block_number.unwrap_or_default();
    let after = filter.get_from_block().is_none_or(|from| number >= from);
    let before = filter.get_to_block().is_none_or(|to| number <= to);
    let hash = filter
        .get_block_hash()
        .is_none_or(|hash| log.block_hash == Some(hash));
    after && before && hash
}

#[async_trait]
impl SubscribeApiServer for NodeContext {
    async fn subscribe(
        &self,
        pending: PendingSubscriptionSink,
        kind: String,
        filter: Option<Filter>,
    ) -> SubscriptionResult {
        let kind = match Kind::parse(&kind, filter) {
            Ok(kind) => kind,
            Err(error) => {
                pending.reject(error).await;
                return Ok(());
            }
        };
        // Listen before reading the head, so no block falls between the two.
        let mut heads = self.heads.subscribe();
        let mut seen = self.chain().head().number();
        let sink = pending.accept().await?;
        loop {
            tokio::select! {
                _ = sink.closed() => return Ok(()),
                received = heads.recv() => {
                    if let Err(RecvError::Closed) = received {
                        return Ok(());
                    }
                }
            }
            let items = {
                let chain = self.chain();
                let head = chain.head().number();
                let items = kind.items(&chain, seen + 1, head);
                // After evm_revert or anvil_reset the head can move back; continue from it.
                seen = head;
                items
            };
            for item in items {
                sink.send(item).await?;
            }
        }
    }
}

/// Subscription ids as Ethereum nodes write them: 16 random-looking bytes in hex.
#[derive(Debug, Default)]
pub struct HexIdProvider {
    counter: AtomicU64,
}

impl IdProvider for HexIdProvider {
    fn next_id(&self) -> SubscriptionId<'static> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let salt = std::process::id() as u64 ^ (self as *const Self as u64);
        let digest = keccak256([n.to_be_bytes(), salt.to_be_bytes()].concat());
        SubscriptionId::Str(format!("0x{}", alloy::primitives::hex::encode(&digest[..16])).into())
    }
}
