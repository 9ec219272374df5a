//! Block timestamps: wall clock plus an offset that `evm_increaseTime` moves, or an exact
//! value set by `evm_setNextBlockTimestamp` for the next block only.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::ChainError;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Clock {
    /// Seconds added to the wall clock.
    offset: i64,
    #[serde(skip)]
    next_exact: Option<u64>,
}

impl Clock {
    /// Timestamp for a block whose parent has `parent`: never earlier than the parent, since
    /// contracts assume time does not run backwards.
    pub fn next_timestamp(&self, parent: u64) -> u64 {
        let proposed = self
            .next_exact
            .unwrap_or_else(|| now().saturating_add_signed(self.offset));
        proposed.max(parent)
    }

    /// Called once a block has been mined with `timestamp`.
    pub fn block_mined(&mut self, timestamp: u64) {
        if self.next_exact.take().is_some() {
            // Later blocks continue from the chosen time, as in anvil.
            self.offset = timestamp as i64 - now() as i64;
        }
    }

    /// Moves time forward; returns the total offset in seconds.
    pub fn increase(&mut self, seconds: u64) -> Result<i64, ChainError> {
        let seconds = i64::try_from(seconds)
            .map_err(|_| ChainError::InvalidParams(format!("time step too large: {seconds}")))?;
        self.offset = self
            .offset
            .checked_add(seconds)
            .ok_or_else(|| ChainError::InvalidParams("time offset overflows".into()))?;
        if let Some(exact) = self.next_exact.as_mut() {
            *exact = exact.saturating_add(seconds as u64);
        }
        Ok(self.offset)
    }

    pub fn set_next(&mut self, timestamp: u64, parent: u64) -> Result<(), ChainError> {
        if timestamp < parent {
            return Err(ChainError::InvalidParams(format!(
                "timestamp {timestamp} is lower than the latest block's timestamp {parent}"
            )));
        }
        self.next_exact = Some(timestamp);
        Ok(())
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn increased_time_moves_the_next_block_forward() {
        let mut clock = Clock::default();
        let before = clock.next_timestamp(0);
        clock.increase(3_600).unwrap();
        assert!(clock.next_timestamp(0) >= before + 3_600);
    }

    #[test]
    fn an_exact_timestamp_applies_once_and_time_continues_from_it() {
        let mut clock = Clock::default();
        let target = now() + 100_000;
        clock.set_next(target, 0).unwrap();
        assert_eq!(clock.next_timestamp(0), target);
        clock.block_mined(target);
        assert!(clock.next_timestamp(0) >= target);
    }

    #[test]
    fn a_timestamp_before_the_parent_is_refused() {
        let mut clock = Clock::default();
        assert!(clock.set_next(5, 10).is_err());
    }

    #[test]
    fn timestamps_never_go_below_the_parent() {
        let clock = Clock::default();
        let future = now() + 1_000;
        assert_eq!(clock.next_timestamp(future), future);
    }
}
