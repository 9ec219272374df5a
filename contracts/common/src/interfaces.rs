//! Typed handles for the calls the queue makes to the vault (it reads the hub's plan by hand,
//! see `withdrawal_queue::hub_plan`).
//! Call a mutating method with `Call::new_mutating(self)` (the SDK then flushes storage first).

use alloc::vec;

use stylus_sdk::prelude::sol_interface;

sol_interface! {
    interface IVault {
        function asset() external view returns (address);
        function totalAssets() external view returns (uint256);
        function totalSupply() external view returns (uint256);
        function balanceOf(address account) external view returns (uint256);
        function convertToShares(uint256 assets) external view returns (uint256);
        function curator() external view returns (address);
        function slash(uint256 assets, address recipient) external returns (uint256);
        function lockShares(address owner, uint256 shares) external returns (uint256);
        function redeemLocked(uint256 shares, uint256 max_assets, address receiver) external returns (uint256);
    }
}
