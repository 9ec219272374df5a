//! Events of the vault beyond those of the shared roles and pause components.

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        #![sol(all_derives)]

        event Transfer(address indexed from, address indexed to, uint256 value);
        event Approval(address indexed owner, address indexed spender, uint256 value);
        event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
        event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares);

        /// `amount` arrived as rewards: `fee` went to the treasury in the asset, the rest joined
        /// what was still vesting, all of it vested linearly by `vestingEnd`.
        event RewardsNotified(address indexed from, uint256 amount, uint256 fee, uint64 vestingEnd);
        /// The hub asked for `requested`; `booked` left totalAssets and is owed to `recipient`.
        event Slashed(address indexed recipient, uint256 requested, uint256 booked);
        /// `assets` owed to `recipient` by slashes were paid out.
        event SlashPaid(address indexed recipient, uint256 assets);
        /// The queue took `shares` of `owner` into custody for a redeem request.
        event SharesLocked(address indexed owner, uint256 shares);
        event CapsSet(uint256 tvlCap, uint256 perDepositCap);
        event VestingPeriodSet(uint64 period);
        event ProtocolFeeSet(uint256 feeWad);
        event TreasurySet(address indexed treasury);
        event CuratorSet(address indexed curator);
        event HubSet(address indexed hub);
        event WithdrawalQueueSet(address indexed withdrawalQueue);
        /// The admin proposed to re-point the vault at `hub` and `withdrawalQueue`, executable
        /// from `readyAt`.
        event WiringProposed(address indexed hub, address indexed withdrawalQueue, uint64 readyAt);
        /// The pending wiring change was withdrawn.
        event WiringCancelled();
    }
}
