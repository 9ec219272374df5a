//! The vault and hub as the queue sees them.

use std::collections::{HashMap, HashSet};

use alloy_sol_types::{sol, SolCall, SolError, SolValue};
use stylus_sdk::alloy_primitives::{Address, U256};

use super::chain::Contract;

sol! {
    function lockShares(address owner, uint256 shares) external returns (uint256);
    function redeemLocked(uint256 shares, uint256 maxAssets, address receiver) external returns (uint256);
    function deallocationDelayPlan() external view returns (uint64, uint64, uint64);
    // The real vault's errors, as its `IVault.sol` declares them.
    error InsufficientBalance(address owner, uint256 balance, uint256 needed);
    error AssetCallFailed(address asset);
}

/// Where the fake vault's asset lives, for its `AssetCallFailed` errors.
pub const ASSET: Address = Address::repeat_byte(0xa5);

/// Share accounting of an LRT: a rate of totalAssets / totalSupply, shares locked by the
/// queue, and payouts of `min(maxAssets, value now)` like the real vault's `redeemLocked`.
pub struct FakeLrt {
    pub queue: Address,
    pub total_assets: U256,
    pub total_supply: U256,
    pub balances: HashMap<Address, U256>,
    pub paid: HashMap<Address, U256>,
    /// Receivers the asset token refuses to pay (a blacklist).
    pub blacklisted: HashSet<Address>,
}

impl FakeLrt {
    pub fn new(queue: Address) -> Self {
        Self {
            queue,
            total_assets: U256::ZERO,
            total_supply: U256::ZERO,
            balances: HashMap::new(),
            paid: HashMap::new(),
            blacklisted: HashSet::new(),
        }
    }

    /// Deposit at the current rate (1:1 on an empty vault).
    pub fn mint(&mut self, to: Address, shares: U256) {
        let assets = if self.total_supply.is_zero() {
            shares
        } else {
            self.convert(shares)
        };
        *self.balances.entry(to).or_default() += shares;
        self.total_supply += shares;
        self.total_assets += assets;
    }

    pub fn convert(&self, shares: U256) -> U256 {
        if self.total_supply.is_zero() {
            return shares;
        }
        // Full precision, so tests at the u128 boundary do not overflow the product.
        lrt_common::math::mul_div(
            shares,
            self.total_assets,
            self.total_supply,
            lrt_common::math::Rounding::Down,
        )
        .expect("value fits 256 bits")
    }

    pub fn balance(&self, who: Address) -> U256 {
        self.balances.get(&who).copied().unwrap_or_default()
    }
}

impl Contract for FakeLrt {
    fn call(&mut self, caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        let selector: [u8; 4] = data
            .get(..4)
            .and_then(|s| s.try_into().ok())
            .ok_or(b"short".to_vec())?;
        match selector {
            lockSharesCall::SELECTOR => {
                let call = lockSharesCall::abi_decode(data).map_err(|_| b"bad".to_vec())?;
                if caller != self.queue {
                    return Err(b"lock refused".to_vec());
                }
                let balance = self.balance(call.owner);
                if balance < call.shares {
                    let error = InsufficientBalance {
                        owner: call.owner,
                        balance,
                        needed: call.shares,
                    };
                    return Err(error.abi_encode());
                }
                *self.balances.entry(call.owner).or_default() -= call.shares;
                *self.balances.entry(self.queue).or_default() += call.shares;
                // What the locked shares are worth, as the real vault answers.
                Ok(self.convert(call.shares).abi_encode())
            }
            redeemLockedCall::SELECTOR => {
                let call = redeemLockedCall::abi_decode(data).map_err(|_| b"bad".to_vec())?;
                if caller != self.queue || self.balance(self.queue) < call.shares {
                    return Err(b"redeem refused".to_vec());
                }
                if self.blacklisted.contains(&call.receiver) {
                    return Err(AssetCallFailed { asset: ASSET }.abi_encode());
                }
                let assets = call.maxAssets.min(self.convert(call.shares));
                *self.balances.entry(self.queue).or_default() -= call.shares;
                self.total_supply -= call.shares;
                self.total_assets -= assets;
                *self.paid.entry(call.receiver).or_default() += assets;
                Ok(assets.abi_encode())
            }
            _ => Err(b"unknown selector".to_vec()),
        }
    }
}

/// The hub's deallocation delay rule (DESIGN.md §2 "Hub"), written out here independently
/// of the hub's code: the constructor's delay applies at once; a longer one 30 days after it
/// is set; a shorter one once the delay in force has elapsed; the delay in force again at
/// once, dropping what was pending. The fake hub answers with it and the tests' models ask it,
/// so there is one statement of the rule on the test side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HubDelay {
    pub before: u64,
    pub after: u64,
    pub effective_at: u64,
}

pub const RAISE_NOTICE: u64 = 30 * 24 * 3600;

impl HubDelay {
    pub fn new(delay: u64) -> Self {
        Self {
            before: delay,
            after: delay,
            effective_at: 0,
        }
    }

    /// The delay in force at `now`.
    pub fn at(&self, now: u64) -> u64 {
        if now >= self.effective_at {
            self.after
        } else {
            self.before
        }
    }

    /// The delay in force or the pending one, whichever is longer.
    pub fn committed(&self, now: u64) -> u64 {
        self.at(now).max(self.after)
    }

    pub fn set(&mut self, now: u64, delay: u64) {
        let current = self.at(now);
        let effective_at = match delay.cmp(&current) {
            std::cmp::Ordering::Greater => now + RAISE_NOTICE,
            std::cmp::Ordering::Less => now + current,
            std::cmp::Ordering::Equal => 0,
        };
        *self = Self {
            before: current,
            after: delay,
            effective_at,
        };
    }
}

pub struct FakeHub {
    pub delay: HubDelay,
    /// How often the queue asked for the plan.
    pub reads: u32,
    /// Raw answer to give instead of the plan (a broken hub).
    pub garbled: Option<Vec<u8>>,
}

impl FakeHub {
    pub fn new(delay: u64) -> Self {
        Self {
            delay: HubDelay::new(delay),
            reads: 0,
            garbled: None,
        }
    }
}

impl Contract for FakeHub {
    fn call(&mut self, _caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        match data.get(..4) {
            Some(selector) if selector == deallocationDelayPlanCall::SELECTOR => {
                self.reads += 1;
                if let Some(answer) = &self.garbled {
                    return Ok(answer.clone());
                }
                let d = self.delay;
                Ok((d.before, d.after, d.effective_at).abi_encode_params())
            }
            _ => Err(b"unknown selector".to_vec()),
        }
    }
}
