//! `eth_feeHistory` over the constant base fee and the tips actually paid.

use alloy::eips::BlockNumberOrTag;
use alloy::rpc::types::FeeHistory;

use super::{Chain, ChainError};
use crate::config::BASE_FEE;

/// geth's cap on how many blocks one query may span.
const MAX_BLOCKS: u64 = 1024;

impl Chain {
    pub fn fee_history(
        &self,
        block_count: u64,
        newest: BlockNumberOrTag,
        percentiles: &[f64],
    ) -> Result<FeeHistory, ChainError> {
        let in_range = percentiles.iter().all(|p| (0.0..=100.0).contains(p));
        let ascending = percentiles.windows(2).all(|w| w[0] <= w[1]);
        if !in_range || !ascending {
            return Err(ChainError::InvalidParams(
                "reward percentiles must be ascending values between 0 and 100".into(),
            ));
        }
        let newest = self
            .block_by_tag(newest)
            .ok_or_else(|| ChainError::BlockNotFound(format!("block {newest}")))?
            .number();
        let count = block_count
            .min(MAX_BLOCKS)
            .min(newest + 1 - self.first_block());
        let oldest = newest + 1 - count;
        let mut history = FeeHistory {
            oldest_block: oldest,
            reward: (!percentiles.is_empty()).then(Vec::new),
            ..FeeHistory::default()
        };
        for number in oldest..=newest {
            let Some(block) = self.block_by_number(number) else {
                continue;
            };
            let base_fee = block.header.base_fee_per_gas.unwrap_or(BASE_FEE);
            history.base_fee_per_gas.push(u128::from(base_fee));
            history
                .gas_used_ratio
                .push(block.header.gas_used as f64 / block.header.gas_limit as f64);
            history.base_fee_per_blob_gas.push(0);
            history.blob_gas_used_ratio.push(0.0);
            if let Some(rewards) = history.reward.as_mut() {
                // One transaction per block: every percentile is that transaction's tip.
                let tip = block
                    .transactions
                    .first()
                    .and_then(|hash| self.transaction(*hash))
                    .map_or(0, |tx| {
                        tx.effective_gas_price.saturating_sub(u128::from(base_fee))
                    });
                rewards.push(vec![tip; percentiles.len()]);
            }
        }
        // The base fee of the block after `newest` is part of the answer.
        history
            .base_fee_per_gas
            .push(u128::from(self.next_base_fee()));
        history.base_fee_per_blob_gas.push(0);
        Ok(history)
    }
}
