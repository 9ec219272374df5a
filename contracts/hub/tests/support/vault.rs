//! A vault as the hub sees it: curator, totalAssets, and slash (only by the hub).

use alloy_sol_types::{sol, SolCall, SolValue};
use stylus_sdk::alloy_primitives::{Address, U256};

use super::chain::Contract;

sol! {
    function curator() external view returns (address);
    function totalAssets() external view returns (uint256);
    function slash(uint256 assets, address recipient) external returns (uint256);
}

pub struct FakeVault {
    pub hub: Address,
    pub curator: Address,
    pub total_assets: U256,
    /// Every executed slash: (assets moved, recipient).
    pub slashes: Vec<(U256, Address)>,
    /// Makes every call revert, like a broken or paused-by-mistake vault.
    pub broken: bool,
}

impl FakeVault {
    pub fn new(hub: Address, curator: Address, total_assets: U256) -> Self {
        Self {
            hub,
            curator,
            total_assets,
            slashes: Vec::new(),
            broken: false,
        }
    }

    pub fn slashed(&self) -> U256 {
        self.slashes.iter().map(|(amount, _)| *amount).sum()
    }
}

impl Contract for FakeVault {
    fn call(&mut self, caller: Address, data: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        if self.broken || data.len() < 4 {
            return Err(b"broken".to_vec());
        }
        let selector: [u8; 4] = data[..4].try_into().unwrap();
        match selector {
            curatorCall::SELECTOR => Ok(self.curator.abi_encode()),
            totalAssetsCall::SELECTOR => Ok(self.total_assets.abi_encode()),
            slashCall::SELECTOR => {
                if caller != self.hub {
                    return Err(b"only hub".to_vec());
                }
                let call = slashCall::abi_decode(data).map_err(|_| b"bad calldata".to_vec())?;
                let moved = call.assets.min(self.total_assets);
                self.total_assets -= moved;
                self.slashes.push((moved, call.recipient));
                Ok(moved.abi_encode())
            }
            _ => Err(b"unknown selector".to_vec()),
        }
    }
}
