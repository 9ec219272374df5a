//! ArbOwnerPublic at 0x6b: who owns the chain and where fees go, as on the Nitro dev node.

use alloy::sol;
use alloy::sol_types::SolInterface;
use revm::context::ContextTr;
use revm::interpreter::CallInputs;
use revm::primitives::{Address, address};

use super::{Answer, TxView, returns};
use crate::stylus::programs::NETWORK_FEE_ACCOUNT;

sol! {
    interface IArbOwnerPublic {
        function isChainOwner(address addr) external view returns (bool);
        function getAllChainOwners() external view returns (address[] memory);
        function getNetworkFeeAccount() external view returns (address);
        function getInfraFeeAccount() external view returns (address);
        function getBrotliCompressionLevel() external view returns (uint64);
        function getScheduledUpgrade() external view returns (uint64 arbosVersion, uint64 scheduledForTimestamp);
        function isCalldataPriceIncreaseEnabled() external view returns (bool);
        function getMaxStylusContractFragments() external view returns (uint8);
    }
}

use IArbOwnerPublic::IArbOwnerPublicCalls as Call;

/// The Nitro dev node's chain owner: the address of its funded dev key.
const CHAIN_OWNER: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");
/// The level Nitro compresses batches with since ArbOS 20.
const BROTLI_LEVEL: u64 = 1;

pub fn serve<CTX: ContextTr>(
    _: &mut CTX,
    tx: &TxView<'_>,
    _: &CallInputs,
    input: &[u8],
) -> Option<Answer> {
    match Call::abi_decode(input).ok()? {
        Call::isChainOwner(c) => {
            returns::<IArbOwnerPublic::isChainOwnerCall>(&(c.addr == CHAIN_OWNER))
        }
        Call::getAllChainOwners(_) => {
            returns::<IArbOwnerPublic::getAllChainOwnersCall>(&vec![CHAIN_OWNER])
        }
        Call::getNetworkFeeAccount(_) => {
            returns::<IArbOwnerPublic::getNetworkFeeAccountCall>(&NETWORK_FEE_ACCOUNT)
        }
        // No infrastructure fee is charged here.
        Call::getInfraFeeAccount(_) => {
            returns::<IArbOwnerPublic::getInfraFeeAccountCall>(&Address::ZERO)
        }
        Call::getBrotliCompressionLevel(_) => {
            returns::<IArbOwnerPublic::getBrotliCompressionLevelCall>(&BROTLI_LEVEL)
        }
        Call::getScheduledUpgrade(_) => returns::<IArbOwnerPublic::getScheduledUpgradeCall>(
            &IArbOwnerPublic::getScheduledUpgradeReturn {
                arbosVersion: 0,
                scheduledForTimestamp: 0,
            },
        ),
        Call::isCalldataPriceIncreaseEnabled(_) => {
            returns::<IArbOwnerPublic::isCalldataPriceIncreaseEnabledCall>(&true)
        }
        Call::getMaxStylusContractFragments(_) => {
            returns::<IArbOwnerPublic::getMaxStylusContractFragmentsCall>(&tx.rules.max_fragments())
        }
    }
}
