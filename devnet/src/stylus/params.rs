//! Stylus chain parameters at their Nitro defaults (arbos/programs/params.go),
//! and the gas formulas that use them.

/// Stylus version programs are activated at (ArbOS 40+).
pub const STYLUS_VERSION: u16 = 2;
/// Ink per unit of EVM gas.
pub const INK_PRICE: u32 = 10_000;
pub const FREE_PAGES: u16 = 2;
pub const PAGE_GAS: u16 = 1_000;
pub const PAGE_RAMP: u64 = 620_674_314;
/// A program's memory (initial plus grown) may not exceed 128 pages (8 MiB).
pub const PAGE_LIMIT: u16 = 128;
pub const MIN_INIT_GAS: u8 = 69;
pub const MIN_CACHED_INIT_GAS: u8 = 11;
pub const INIT_COST_SCALAR: u8 = 50;
pub const CACHED_COST_SCALAR: u8 = 50;
pub const EXPIRY_DAYS: u16 = 365;
pub const KEEPALIVE_DAYS: u16 = 31;
pub const BLOCK_CACHE_SIZE: u16 = 32;

pub const MIN_INIT_GAS_UNITS: u64 = 128;
pub const MIN_CACHED_GAS_UNITS: u64 = 32;
pub const COST_SCALAR_PERCENT: u64 = 2;

/// Fixed computation gas ArbWasm burns for an activation.
pub const ACTIVATION_GAS: u64 = 1_659_168;

/// Seconds between Unix time and Arbitrum's genesis, the epoch of `activatedAt` hours.
pub const ARBITRUM_START_TIME: u64 = 1_421_388_000;

pub fn ink_to_gas(ink: u64) -> u64 {
    ink / INK_PRICE as u64
}

pub fn gas_to_ink(gas: u64) -> u64 {
    gas.saturating_mul(INK_PRICE as u64)
}

/// Gas to open `new` pages when `open` are open in this transaction and at most
/// `ever` were open at once (Nitro's `MemoryModel.GasCost`).
pub fn memory_gas(new: u16, open: u16, ever: u16) -> u64 {
    let new_open = open.saturating_add(new);
    let new_ever = ever.max(new_open);
    if new_ever <= FREE_PAGES {
        return 0;
    }
    let sub_free = |pages: u16| pages.saturating_sub(FREE_PAGES);
    let adding = sub_free(new_open).saturating_sub(sub_free(open));
    let linear = adding as u64 * PAGE_GAS as u64;
    let expand = page_exp(new_ever).saturating_sub(page_exp(ever));
    linear.saturating_add(expand)
}

fn page_exp(pages: u16) -> u64 {
    MEMORY_EXPONENTS
        .get(pages as usize)
        .map_or(u64::MAX, |&e| e as u64)
}

/// Gas charged on every call of a program that is not in the recent-programs cache.
pub fn init_gas(init_cost: u16) -> u64 {
    let base = MIN_INIT_GAS as u64 * MIN_INIT_GAS_UNITS;
    let dyno = init_cost as u64 * INIT_COST_SCALAR as u64 * COST_SCALAR_PERCENT;
    base + dyno.div_ceil(100)
}

/// Gas charged on every call of a version-2 program.
pub fn cached_gas(cached_cost: u16) -> u64 {
    let base = MIN_CACHED_INIT_GAS as u64 * MIN_CACHED_GAS_UNITS;
    let dyno = cached_cost as u64 * CACHED_COST_SCALAR as u64 * COST_SCALAR_PERCENT;
    base + dyno.div_ceil(100)
}

/// Nitro's page-cost exponentials (arbos/programs/memory.go).
const MEMORY_EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_pages_of_a_transaction_are_free() {
        assert_eq!(memory_gas(2, 0, 0), 0);
        assert_eq!(memory_gas(3, 0, 0), PAGE_GAS as u64);
    }

    #[test]
    fn init_gas_has_nitros_floor() {
        assert_eq!(init_gas(0), 69 * 128);
        assert_eq!(cached_gas(0), 11 * 32);
    }
}
