//! `eth_getLogs`: a block range or one block hash, addresses and topic OR-sets.

use alloy::eips::BlockNumberOrTag;
use alloy::rpc::types::{Filter, FilterBlockOption, Log};

use super::{Chain, ChainError, MinedBlock};

impl Chain {
    pub fn logs(&self, filter: &Filter) -> Result<Vec<Log>, ChainError> {
        let blocks: Vec<&MinedBlock> = match &filter.block_option {
            FilterBlockOption::AtBlockHash(hash) => vec![
                self.block_by_hash(*hash)
                    .ok_or_else(|| ChainError::BlockNotFound(format!("block {hash}")))?,
            ],
            FilterBlockOption::Range {
                from_block,
                to_block,
            } => {
                let head = self.head().number();
                let bound = |tag: Option<BlockNumberOrTag>| match tag.unwrap_or_default() {
                    BlockNumberOrTag::Number(n) => n,
                    BlockNumberOrTag::Earliest => self.first_block(),
                    _ => head,
                };
                let (from, to) = (bound(*from_block), bound(*to_block));
                if from > to {
                    return Err(ChainError::InvalidParams(format!(
                        "invalid block range: fromBlock {from} is after toBlock {to}"
                    )));
                }
                (from.max(self.first_block())..=to.min(head))
                    .filter_map(|n| self.block_by_number(n))
                    .collect()
            }
        };
        let logs = blocks
            .into_iter()
            .filter(|block| filter.matches_bloom(block.header.logs_bloom))
            .flat_map(|block| {
                block
                    .transactions
                    .iter()
                    .filter_map(|hash| self.transaction(*hash))
            })
            .flat_map(|tx| tx.rpc_logs())
            .filter(|log| filter.matches(&log.inner))
            .collect();
        Ok(logs)
    }
}
