//! The vault and hub as the queue sees them.

use std::collections::{HashMap, HashSet};

use alloy_sol_types::{sol, SolCall, SolError, SolValue};
use stylus_sdk::alloy_primitives::{Address, U256};

use super::chain::Contract;

sol! {
    function lockShares(address owner, uint256 shares) external returns (uint256);
    function redeemLocked(uint256 shares, uint256 maxAssets, address receiver) external returns (uint256);
    function deallocationDelay() external view returns (uint64);
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

pub struct FakeHub {
    pub deallocation_delay: u64,
}

impl Contract for FakeHub {
    fn call(&mut self, _caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        match data.get(..4) {
            Some(selector) if selector == deallocationDelayCall::SELECTOR => {
                Ok(self.deallocation_delay.abi_encode())
            }
            _ => Err(b"unknown selector".to_vec()),
        }
    }
}
