//! ArbGasInfo at 0x6c: gas prices. L2 gas costs the block's base fee; L1 data is
//! priced at ArbOS's L1 base fee estimate per L1 gas unit (16 per byte), as
//! Nitro's ArbGasInfo reports it.

use alloy::sol;
use alloy::sol_types::SolInterface;
use revm::context::{Block, ContextTr};
use revm::interpreter::CallInputs;
use revm::primitives::{Address, I256, U256};

use super::{Answer, TxView, returns};
use crate::config::BASE_FEE;
use crate::evm::l1;

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
fn prices_in_wei(basefee: U256, l1_price: U256) -> IArbGasInfo::getPricesInWeiReturn {
    let minimum = U256::from(BASE_FEE);
    let per_calldata_byte = l1_price * U256::from(l1::UNITS_PER_BYTE);
    IArbGasInfo::getPricesInWeiReturn {
        _0: per_calldata_byte * U256::from(l1::ASSUMED_SIMPLE_TX_SIZE),
        _1: per_calldata_byte,
        _2: basefee * U256::from(STORAGE_ALLOCATION_GAS),
        _3: minimum.min(basefee),
        _4: basefee.saturating_sub(minimum),
        _5: basefee,
    }
}

/// The same L1 prices in L2 gas at `basefee`.
fn prices_in_gas(basefee: U256, l1_price: U256) -> IArbGasInfo::getPricesInArbGasReturn {
    let per_calldata_byte = l1_price * U256::from(l1::UNITS_PER_BYTE);
    let per_tx = per_calldata_byte * U256::from(l1::ASSUMED_SIMPLE_TX_SIZE);
    let in_gas = |wei: U256| wei.checked_div(basefee).unwrap_or_default();
    IArbGasInfo::getPricesInArbGasReturn {
        _0: in_gas(per_tx),
        _1: in_gas(per_calldata_byte),
        _2: U256::from(STORAGE_ALLOCATION_GAS),
    }
}

pub fn serve<CTX: ContextTr>(
    ctx: &mut CTX,
    tx: &TxView<'_>,
    _: &CallInputs,
    input: &[u8],
) -> Option<Answer> {
    let call = Call::abi_decode(input).ok()?;
    let basefee = U256::from(ctx.block().basefee());
    let l1_price = U256::from(tx.rules.l1_base_fee);
    match call {
        // Nitro ignores the aggregator since batch posting was decentralised.
        Call::getPricesInWeiWithAggregator(_) | Call::getPricesInWei(_) => {
            returns::<IArbGasInfo::getPricesInWeiCall>(&prices_in_wei(basefee, l1_price))
        }
        Call::getPricesInArbGasWithAggregator(_) | Call::getPricesInArbGas(_) => {
            returns::<IArbGasInfo::getPricesInArbGasCall>(&prices_in_gas(basefee, l1_price))
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
            returns::<IArbGasInfo::getL1BaseFeeEstimateCall>(&l1_price)
        }
        Call::getL1GasPriceEstimate(_) => {
            returns::<IArbGasInfo::getL1GasPriceEstimateCall>(&l1_price)
        }
        Call::getCurrentTxL1GasFees(_) => {
            returns::<IArbGasInfo::getCurrentTxL1GasFeesCall>(&tx.poster_fee)
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
