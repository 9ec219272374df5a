//! The ArbOS version the chain runs and the Stylus rules that follow from it
//! (Nitro's `ArbosVersion_*` switches and its StylusParams upgrades).

/// The current Arbitrum One and Sepolia ArbOS ("Elara").
pub const DEFAULT_ARBOS_VERSION: u64 = 61;
/// Stylus version 2 programs exist from ArbOS 40 on; older rules are not modelled.
pub const MIN_ARBOS_VERSION: u64 = 40;
pub const MAX_ARBOS_VERSION: u64 = 61;

/// ArbOS's estimate of the L1 base fee, in wei per L1 gas unit, unless the node
/// is told otherwise: ten times the devnet's L2 base fee, so data costs 160 L2
/// gas per compressed byte, the order of Arbitrum One's ratio.
pub const DEFAULT_L1_BASE_FEE: u64 = 1_000_000_000;

/// ArbOS 50 lowered `MaxStackDepth` from 4 pages' worth of words to this.
const ARBOS_50_MAX_STACK_DEPTH: u32 = 22_000;
const INITIAL_MAX_STACK_DEPTH: u32 = 4 * 65_536;
/// ArbOS 60 (`StylusContractLimit`) lets a root program name this many fragments.
const MAX_FRAGMENT_COUNT: u8 = 2;

/// What ArbOS the chain runs and how: the rules programs are activated and run
/// under, and the L1 price its fees include.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub arbos_version: u64,
    /// A debug chain (Nitro's `DebugMode`): `console` host functions may be imported.
    pub debug: bool,
    /// ArbOS's L1 base fee estimate (wei per L1 gas unit); 0 charges no L1 data.
    pub l1_base_fee: u64,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            arbos_version: DEFAULT_ARBOS_VERSION,
            debug: false,
            l1_base_fee: DEFAULT_L1_BASE_FEE,
        }
    }
}

/// An ArbOS version this devnet does not model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("ArbOS {0} is not supported: choose {MIN_ARBOS_VERSION} to {MAX_ARBOS_VERSION}")]
pub struct UnsupportedArbOs(pub u64);

impl Rules {
    pub fn new(arbos_version: u64, debug: bool) -> Result<Self, UnsupportedArbOs> {
        if !(MIN_ARBOS_VERSION..=MAX_ARBOS_VERSION).contains(&arbos_version) {
            return Err(UnsupportedArbOs(arbos_version));
        }
        Ok(Self {
            arbos_version,
            debug,
            ..Self::default()
        })
    }

    /// The same rules with the L1 priced at `wei` per L1 gas unit.
    pub fn with_l1_base_fee(self, wei: u64) -> Self {
        Self {
            l1_base_fee: wei,
            ..self
        }
    }

    /// ArbOS 60 removed the WASM multi-value extension.
    pub fn multi_value(&self) -> bool {
        self.arbos_version < 60
    }

    /// Fragments a root program may merge (0: no fragmented programs).
    pub fn max_fragments(&self) -> u8 {
        match self.arbos_version >= 60 {
            true => MAX_FRAGMENT_COUNT,
            false => 0,
        }
    }

    /// Words of WASM stack a program call may use (ArbWasm `maxStackDepth`).
    pub fn max_stack_depth(&self) -> u32 {
        match self.arbos_version >= 50 {
            true => ARBOS_50_MAX_STACK_DEPTH,
            false => INITIAL_MAX_STACK_DEPTH,
        }
    }

    /// Since ArbOS 60 a program run earlier in the block pays only its cached
    /// entry cost (Nitro's `RecentWasms`, `ArbosVersion_60`).
    pub fn recent_programs_cache(&self) -> bool {
        self.arbos_version >= 60
    }

    /// A program's memory may not exceed 128 pages (8 MiB).
    pub fn page_limit(&self) -> u16 {
        super::params::PAGE_LIMIT
    }

    /// What ArbSys `arbOSVersion` answers: Nitro counts from 56 for ArbOS 1.
    pub fn reported_version(&self) -> u64 {
        55 + self.arbos_version
    }
}
