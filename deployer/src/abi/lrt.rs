//! The stylus-lrt contracts: functions and errors bound from the interfaces the contracts
//! export (`cargo stylus export-abi`), events from the contracts' event definitions (the
//! export does not list events).

// EIP-2612 `permit` takes seven arguments; the generated call builders take them all.
#![allow(clippy::too_many_arguments)]

use alloy::sol;

sol!(
    #[sol(rpc, abi, all_derives)]
    "../contracts/hub/IHub.sol"
);

sol!(
    #[sol(rpc, abi, all_derives)]
    "../contracts/vault/IVault.sol"
);

sol!(
    #[sol(rpc, abi, all_derives)]
    "../contracts/withdrawal-queue/IWithdrawalQueue.sol"
);

/// Events of the three contracts (as in `contracts/*/src/events.rs`), decoded from receipts.
pub mod events {
    alloy::sol! {
        #[derive(Debug)]
        event Transfer(address indexed from, address indexed to, uint256 value);
        #[derive(Debug)]
        event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
        #[derive(Debug)]
        event RewardsNotified(address indexed from, uint256 amount, uint256 fee, uint64 vestingEnd);
        #[derive(Debug)]
        event Slashed(address indexed recipient, uint256 requested, uint256 booked);
        #[derive(Debug)]
        event SlashPaid(address indexed recipient, uint256 assets);
        #[derive(Debug)]
        event OperatorSlashed(address indexed avs, address indexed operator, bytes32 indexed slashId, uint256 fractionWad, uint256 totalAssets);
        #[derive(Debug)]
        event VaultSlashed(bytes32 indexed slashId, address indexed vault, address indexed operator, uint256 assets, address recipient);
        #[derive(Debug)]
        event VaultSlashFailed(bytes32 indexed slashId, address indexed vault, bytes reason, uint256 assets);
        #[derive(Debug)]
        event RedeemRequest(address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares);
        #[derive(Debug)]
        event RedeemClaimed(uint256 indexed requestId, address indexed controller, address indexed receiver, uint256 shares, uint256 assets);
    }
}
