//! 128-bit storage for the vault's books, so two values share a slot: every deposit, mint and
//! redemption reads and writes `totalAssets` and `totalSupply` together, and a cold slot costs
//! 2,100 gas to read and 2,900 to write.
//!
//! Values cross the ABI as `uint256`. A value that does not fit is refused with `MathOverflow`
//! where it would be stored, never truncated; 2^128 − 1 base units are 3.4e20 whole tokens of
//! 18 decimals, some 2,800 times all the ether there is.

use alloy_primitives::{U128, U256};
use stylus_sdk::storage::StorageU128;

use crate::errors::MathOverflow;

/// The largest amount the vault books.
pub const MAX_AMOUNT: U256 = U256::from_limbs([u64::MAX, u64::MAX, 0, 0]);

/// An amount below 2^128.
pub struct StorageAmount {
    inner: StorageU128,
}

impl StorageAmount {
    pub fn get(&self) -> U256 {
        widen(self.inner.get())
    }

    pub fn set(&mut self, value: U256) -> Result<(), MathOverflow> {
        self.inner.set(narrow(value)?);
        Ok(())
    }
}

/// A cap: below 2^128 − 1, or `type(uint256).max` for none, stored as 2^128 − 1 (no amount the
/// vault books can exceed that anyway). Anything in between is refused, so a cap always reads
/// back as it was set.
pub struct StorageCap {
    inner: StorageU128,
}

impl StorageCap {
    pub fn get(&self) -> U256 {
        match self.inner.get() {
            U128::MAX => U256::MAX,
            cap => widen(cap),
        }
    }

    pub fn set(&mut self, cap: U256) -> Result<(), MathOverflow> {
        let stored = match cap {
            U256::MAX => U128::MAX,
            cap if cap < MAX_AMOUNT => narrow(cap)?,
            _ => return Err(MathOverflow {}),
        };
        self.inner.set(stored);
        Ok(())
    }
}

/// By limbs: ruint's generic `From` between widths links ~1 KB of conversion code.
fn widen(value: U128) -> U256 {
    let [low, high] = *value.as_limbs();
    U256::from_limbs([low, high, 0, 0])
}

fn narrow(value: U256) -> Result<U128, MathOverflow> {
    match value.as_limbs() {
        [low, high, 0, 0] => Ok(U128::from_limbs([*low, *high])),
        _ => Err(MathOverflow {}),
    }
}

// Half a slot each, as a `uint128` field; the SDK packs adjacent ones into one slot.
lrt_common::packed_field!(StorageAmount { inner: StorageU128 }, 16);
lrt_common::packed_field!(StorageCap { inner: StorageU128 }, 16);
