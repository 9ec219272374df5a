//! The circuit breaker: an AVS may slash at most its cap (50 % unless governance set another)
//! of a vault per rolling 24 h, counted in the vault's asset and clipped, never reverted.
//!
//! Slashes are counted in 4-hour buckets: the current one and the six before it, so
//! everything booked in the last 24 h is counted (and at most 4 h more: the cap errs on the
//! safe side). The latest bucket lives in the approval's record (see `approval`), earlier ones
//! in its `older` map, and `span` says how far back those go, so a vault with no slash in the
//! window costs no bucket read at all.
//!
//! The latest bucket is a u128: a slash is also clipped so that one bucket never counts more
//! than `u128::MAX` wei (3.4e20 tokens of 18 decimals), which keeps the stored sum exact.

use stylus_sdk::alloy_primitives::{U256, U64, U8};

use crate::{approval::Approval, wad::scale_down};

pub const BUCKET: u64 = 4 * 3600;
pub const WINDOW_BUCKETS: u64 = 6;

impl Approval {
    /// Assets booked in the window ending in the bucket of `now`.
    pub fn booked_in_window(&self, now: u64) -> U256 {
        let bucket = now / BUCKET;
        let last = self.last_bucket.get().as_limbs()[0];
        if last + WINDOW_BUCKETS < bucket {
            return U256::ZERO;
        }
        let first = last
            .saturating_sub(self.span.get().as_limbs()[0])
            .max(bucket.saturating_sub(WINDOW_BUCKETS));
        (first..last).fold(self.latest(), |sum, b| {
            sum.saturating_add(self.older.get(U256::from(b)))
        })
    }

    /// What may still be booked at `now`: `cap` of the vault as it stood before this window's
    /// slashes, and no more than the current bucket can count.
    pub fn room(&self, now: u64, assets: U256, cap_wad: u64) -> U256 {
        let booked = self.booked_in_window(now);
        let capped = scale_down(assets.saturating_add(booked), &[cap_wad]).saturating_sub(booked);
        let counted = if self.last_bucket.get().as_limbs()[0] == now / BUCKET {
            self.latest()
        } else {
            U256::ZERO
        };
        capped.min(U256::from(u128::MAX) - counted)
    }

    /// Counts `amount` (at most `room`) in the bucket of `now`.
    pub fn record(&mut self, now: u64, amount: U256) {
        if amount.is_zero() {
            return;
        }
        let bucket = now / BUCKET;
        let last = self.last_bucket.get().as_limbs()[0];
        let latest = self.latest();
        if last == bucket {
            // `room` keeps the sum within u128; only a slash re-entered from the vault's call
            // could book in between, and then the bucket reads as full.
            self.set_latest(latest.saturating_add(amount));
            return;
        }
        let span = self.span.get().as_limbs()[0];
        let in_window = last + WINDOW_BUCKETS >= bucket;
        if in_window && !latest.is_zero() {
            self.older.setter(U256::from(last)).set(latest);
        }
        // The oldest bucket that may still hold an amount, counted back from the new one.
        let reach = if !in_window || (latest.is_zero() && span == 0) {
            0
        } else {
            (bucket.saturating_sub(last) + span).min(WINDOW_BUCKETS)
        };
        if reach != span {
            self.span.set(U8::from(reach));
        }
        self.last_bucket.set(U64::from(bucket));
        self.set_latest(amount);
    }

    fn latest(&self) -> U256 {
        let low = self.booked_low.get().as_limbs()[0];
        let high = self.booked_high.get().as_limbs()[0];
        U256::from_limbs([low, high, 0, 0])
    }

    /// Stores `amount`, or `u128::MAX` for more (a full bucket).
    fn set_latest(&mut self, amount: U256) {
        let amount = amount.min(U256::from(u128::MAX));
        let limbs = amount.as_limbs();
        self.booked_low.set(U64::from(limbs[0]));
        self.booked_high.set(U64::from(limbs[1]));
    }
}
