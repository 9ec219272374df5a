//! Hard limits written into the code: governance can tune parameters below them, never above.

use alloy_primitives::U256;

/// 1.0 in 18-decimal fixed point; every fraction in the protocol is a WAD.
pub const WAD: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// Longest delay any contract accepts (vesting, deallocation, withdrawal): 30 days.
pub const MAX_DELAY: u64 = 30 * 24 * 60 * 60;

/// How long a raise of the hub's deallocation delay waits before it applies (the longest any
/// delay may be): a withdrawal queue that read the hub's plan may rely on it that long.
pub const DEALLOCATION_RAISE_NOTICE: u64 = MAX_DELAY;

/// Highest protocol fee on rewards: 20 % (WAD).
pub const MAX_FEE_WAD: U256 = U256::from_limbs([200_000_000_000_000_000, 0, 0, 0]);

/// Most operators per vault and most vaults per operator; bounds every slash loop.
pub const MAX_LINKS: u32 = 32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wad_and_fee_cap_are_what_the_design_says() {
        assert_eq!(WAD, U256::from(10u64).pow(U256::from(18u64)));
        assert_eq!(MAX_FEE_WAD * U256::from(5u64), WAD);
        assert_eq!(MAX_DELAY, 2_592_000);
    }
}
