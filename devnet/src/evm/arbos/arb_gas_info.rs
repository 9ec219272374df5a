//! ArbGasInfo at 0x6c: gas prices. The devnet charges L2 gas at the block's base fee
//! and no L1 data fee, so every L1 component is zero.

use alloy::sol;
use alloy::sol_types::SolInterface;
use revm::context::{Block, ContextTr};
use revm::interpreter::CallInputs;
use revm::primitives::{Address, I256, U256};

use super::{Answer, returns};
use crate::stylus::Rules;
use crate::config::BASE_FEE;

sol! {
    interface IArbGasInfo {
        function getPricesInWeiWithAggregator(address aggregator) external view returns (uint256, uint256, uint256, uint256, uint256, uint256);
        function getPricesInWei() external view returns (uint256, uint256, uint256, uint256, uint256, uint256);
        function getPricesInArbGasWithAggregator(address aggregator) external view returns (uint256, uint256, uint256);
        function getPricesInArbGas() external view returns (uint256, uint256, uint256);
        function getGasAccountingParams() external view returns (uint256, uint256, uint256);
        function getMinimumGasPrice() external view returns (uint256);
        function getL1BaseFeeEstimate() external view returns (uint256);
        function getL1GasPriceEstimate() external view returns (uint256);
        function getCurrentTxL1GasFees() external view returns (uint256);
        function getL1RewardRecipient() external view returns (address);
        function getL1PricingSurplus() external view returns (int256);
        function getGasBacklog() external view returns (uint64);
        function getPricingInertia() external view returns (uint64);
        function getGasBacklogTolerance() external view returns (uint64);
    }
}

use IArbGasInfo::IArbGasInfoCalls as Call;

/// Gas ArbOS charges for allocating a storage slot (the EVM's SSTORE-set cost).
const STORAGE_ALLOCATION_GAS: u64 = 20_000;
/// Nitro's defaults for the L2 pricing model.
const SPEED_LIMIT_PER_SECOND: u64 = 7_000_000;
const PER_BLOCK_GAS_LIMIT: u64 = 32_000_000;
const PRICING_INERTIA: u64 = 102;
const BACKLOG_TOLERANCE: u64 = 10;

/// (per L2 tx, per L1 calldata byte, per storage allocation, per ArbGas base,
/// per ArbGas congestion, per ArbGas total), all in wei.
fn prices_in_wei(basefee: U256) -> IArbGasInfo::getPricesInWeiReturn {
    let minimum = U256::from(BASE_FEE);
    IArbGasInfo::getPricesInWeiReturn {
        _0: U256::ZERO,
        _1: U256::ZERO,
        _2: basefee * U256::from(STORAGE_ALLOCATION_GAS),
        _3: minimum.min(basefee),
        _4: basefee.saturating_sub(minimum),
        _5: basefee,
    }
}

fn prices_in_gas() -> IArbGasInfo::getPricesInArbGasReturn {
    IArbGasInfo::getPricesInArbGasReturn {
        _0: U256::ZERO,
        _1: U256::ZERO,
        _2: U256::from(STORAGE_ALLOCATION_GAS),
    }
}

pub fn serve<CTX: ContextTr>(
    ctx: &mut CTX,
    _: &Rules,
    _: &CallInputs,
    input: &[u8],
) -> Option<Answer> {
    let call = Call::abi_decode(input).ok()?;
    let basefee = U256::from(ctx.block().basefee());
    match call {
        // Nitro ignores the aggregator since batch posting was decentralised.
        Call::getPricesInWeiWithAggregator(_) | Call::getPricesInWei(_) => {
            returns::<IArbGasInfo::getPricesInWeiCall>(&prices_in_wei(basefee))
        }
        Call::getPricesInArbGasWithAggregator(_) | Call::getPricesInArbGas(_) => {
            returns::<IArbGasInfo::getPricesInArbGasCall>(&prices_in_gas())
        }
        Call::getGasAccountingParams(_) => {
            let limit = U256::from(PER_BLOCK_GAS_LIMIT);
            returns::<IArbGasInfo::getGasAccountingParamsCall>(
                &IArbGasInfo::getGasAccountingParamsReturn {
                    _0: U256::from(SPEED_LIMIT_PER_SECOND),
                    _1: limit,
                    _2: limit,
                },
            )
        }
        Call::getMinimumGasPrice(_) => {
            returns::<IArbGasInfo::getMinimumGasPriceCall>(&U256::from(BASE_FEE))
        }
        Call::getL1BaseFeeEstimate(_) => {
            returns::<IArbGasInfo::getL1BaseFeeEstimateCall>(&U256::ZERO)
        }
        Call::getL1GasPriceEstimate(_) => {
            returns::<IArbGasInfo::getL1GasPriceEstimateCall>(&U256::ZERO)
        }
        Call::getCurrentTxL1GasFees(_) => {
            returns::<IArbGasInfo::getCurrentTxL1GasFeesCall>(&U256::ZERO)
        }
        Call::getL1RewardRecipient(_) => {
            returns::<IArbGasInfo::getL1RewardRecipientCall>(&Address::ZERO)
        }
        Call::getL1PricingSurplus(_) => {
            returns::<IArbGasInfo::getL1PricingSurplusCall>(&I256::ZERO)
        }
        Call::getGasBacklog(_) => returns::<IArbGasInfo::getGasBacklogCall>(&0),
        Call::getPricingInertia(_) => {
            returns::<IArbGasInfo::getPricingInertiaCall>(&PRICING_INERTIA)
        }
        Call::getGasBacklogTolerance(_) => {
            returns::<IArbGasInfo::getGasBacklogToleranceCall>(&BACKLOG_TOLERANCE)
        }
    }
}
