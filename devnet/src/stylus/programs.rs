//! Activation records, kept in the storage of the ArbWasm account so that
//! they are chain state (saved, loaded and snapshotted with everything else).

use revm::context::JournalTr;
use revm::primitives::{Address, B256, U256, address, keccak256};

use super::params::{ARBITRUM_START_TIME, EXPIRY_DAYS, STYLUS_VERSION};
use super::validate::ModuleInfo;

pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// Where activation data fees go (Nitro's network fee account on the dev chain).
pub const NETWORK_FEE_ACCOUNT: Address = address!("00000000000000000000000000000000000a4b05");

const DAY: u64 = 24 * 60 * 60;

/// Nitro's `Program` record, packed into one storage word the way Nitro packs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgramRecord {
    pub version: u16,
    pub init_cost: u16,
    pub cached_cost: u16,
    pub footprint: u16,
    pub asm_estimate_kb: u32,
    /// Hours since Arbitrum's genesis.
    pub activated_at: u32,
}

/// Why a program cannot run (ArbWasm's custom errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramError {
    NotActivated,
    NeedsUpgrade { version: u16, stylus_version: u16 },
    Expired { age: u64 },
}

impl ProgramRecord {
    pub fn new(info: &ModuleInfo, timestamp: u64) -> Self {
        Self {
            version: STYLUS_VERSION,
            init_cost: info.init_cost,
            cached_cost: info.cached_cost,
            footprint: info.footprint,
            asm_estimate_kb: info.asm_estimate.div_ceil(1024).min(0xFF_FFFF),
            activated_at: hours_since_arbitrum(timestamp),
        }
    }

    fn to_word(self) -> U256 {
        let mut w = [0u8; 32];
        w[0..2].copy_from_slice(&self.version.to_be_bytes());
        w[2..4].copy_from_slice(&self.init_cost.to_be_bytes());
        w[4..6].copy_from_slice(&self.cached_cost.to_be_bytes());
        w[6..8].copy_from_slice(&self.footprint.to_be_bytes());
        w[8..11].copy_from_slice(&self.asm_estimate_kb.to_be_bytes()[1..]);
        w[11..14].copy_from_slice(&self.activated_at.to_be_bytes()[1..]);
        U256::from_be_bytes(w)
    }

    fn from_word(word: U256) -> Self {
        let w: [u8; 32] = word.to_be_bytes();
        let u16_at = |i: usize| u16::from_be_bytes([w[i], w[i + 1]]);
        let u24_at = |i: usize| u32::from_be_bytes([0, w[i], w[i + 1], w[i + 2]]);
        Self {
            version: u16_at(0),
            init_cost: u16_at(2),
            cached_cost: u16_at(4),
            footprint: u16_at(6),
            asm_estimate_kb: u24_at(8),
            activated_at: u24_at(11),
        }
    }

    /// Seconds since activation (Nitro rounds activation to the hour).
    pub fn age(&self, timestamp: u64) -> u64 {
        let activated = ARBITRUM_START_TIME + self.activated_at as u64 * 3600;
        timestamp.saturating_sub(activated)
    }

    pub fn expired(&self, timestamp: u64) -> bool {
        self.activated_at == 0 || self.age(timestamp) > EXPIRY_DAYS as u64 * DAY
    }

    /// The record if the program may run now.
    pub fn check_active(self, timestamp: u64) -> Result<Self, ProgramError> {
        if self.version == 0 {
            return Err(ProgramError::NotActivated);
        }
        if self.version != STYLUS_VERSION {
            return Err(ProgramError::NeedsUpgrade {
                version: self.version,
                stylus_version: STYLUS_VERSION,
            });
        }
        if self.expired(timestamp) {
            return Err(ProgramError::Expired {
                age: self.age(timestamp),
            });
        }
        Ok(self)
    }
}

pub fn hours_since_arbitrum(timestamp: u64) -> u32 {
    (timestamp.saturating_sub(ARBITRUM_START_TIME) / 3600).min(0xFF_FFFF) as u32
}

/// Storage slot of a record: one word per code hash, hashed under a domain so
/// it can never collide with the data-pricer slots.
fn record_slot(code_hash: B256) -> U256 {
    let mut preimage = [0u8; 64];
    preimage[..32].copy_from_slice(b"stylus.program..................");
    preimage[32..].copy_from_slice(code_hash.as_slice());
    keccak256(preimage).into()
}

pub fn load<J: JournalTr>(
    journal: &mut J,
    code_hash: B256,
) -> Result<ProgramRecord, <J::Database as revm::Database>::Error> {
    journal.load_account(ARB_WASM)?;
    let word = journal.sload(ARB_WASM, record_slot(code_hash))?.data;
    Ok(ProgramRecord::from_word(word))
}

pub fn store<J: JournalTr>(
    journal: &mut J,
    code_hash: B256,
    record: ProgramRecord,
) -> Result<(), <J::Database as revm::Database>::Error> {
    journal.load_account(ARB_WASM)?;
    journal.sstore(ARB_WASM, record_slot(code_hash), record.to_word())?;
    Ok(())
}

/// Nitro's data pricer: the fee per byte of compiled code rises with recent
/// activation demand and decays as time passes.
pub mod data_pricer {
    use super::*;

    const MIN_PRICE: u64 = 82_928_201;
    const INERTIA: u64 = 21_360_419;
    const BYTES_PER_SECOND: u64 = (1u64 << 40) / (365 * 24) / 3600;

    fn slot(name: &str) -> U256 {
        keccak256(format!("stylus.data_pricer.{name}")).into()
    }

    /// Records `asm_bytes` of demand at `timestamp` and returns the fee in wei.
    pub fn update<J: JournalTr>(
        journal: &mut J,
        asm_bytes: u32,
        timestamp: u64,
    ) -> Result<U256, <J::Database as revm::Database>::Error> {
        journal.load_account(ARB_WASM)?;
        let demand: u64 = journal
            .sload(ARB_WASM, slot("demand"))?
            .data
            .saturating_to();
        let last: u64 = journal
            .sload(ARB_WASM, slot("last_update"))?
            .data
            .saturating_to();
        let last = if last == 0 { ARBITRUM_START_TIME } else { last };
        let passed = timestamp.saturating_sub(last).min(u32::MAX as u64);
        let demand = demand
            .saturating_sub(BYTES_PER_SECOND.saturating_mul(passed))
            .saturating_add(asm_bytes as u64)
            .min(u32::MAX as u64);
        journal.sstore(ARB_WASM, slot("demand"), U256::from(demand))?;
        journal.sstore(ARB_WASM, slot("last_update"), U256::from(timestamp))?;

        let exponent_bips = 10_000 * demand / INERTIA;
        let multiplier_bips = approx_exp_bips(exponent_bips, 12);
        let cost_per_byte =
            U256::from(MIN_PRICE) * U256::from(multiplier_bips) / U256::from(10_000u64);
        Ok(cost_per_byte * U256::from(asm_bytes))
    }

    /// e^(x / 10000) in basis points by a Horner-evaluated Taylor series, as Nitro's `ApproxExpBasisPoints`.
    fn approx_exp_bips(x: u64, accuracy: u64) -> u64 {
        let one = 10_000u64;
        let mut res = one + x / accuracy;
        for i in (1..accuracy).rev() {
            res = one + (res.saturating_mul(x) / one) / i;
        }
        res
    }

    #[cfg(test)]
    mod tests {
        use super::approx_exp_bips;

        #[test]
        fn exp_of_zero_is_one() {
            assert_eq!(approx_exp_bips(0, 12), 10_000);
            assert!((27_000..27_300).contains(&approx_exp_bips(10_000, 12)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips_through_a_storage_word() {
        let record = ProgramRecord {
            version: 2,
            init_cost: 300,
            cached_cost: 20,
            footprint: 1,
            asm_estimate_kb: 50,
            activated_at: 90_000,
        };
        assert_eq!(ProgramRecord::from_word(record.to_word()), record);
    }

    #[test]
    fn an_empty_record_is_not_activated() {
        assert_eq!(
            ProgramRecord::default().check_active(2_000_000_000),
            Err(ProgramError::NotActivated)
        );
    }
}
