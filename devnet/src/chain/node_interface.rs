//! NodeInterface at `0xc8`: Nitro's virtual contract that only exists for
//! `eth_call`, where the node answers in place of any code. Wallets and SDKs ask
//! it how a transaction's gas splits between L2 execution and L1 data.

use alloy::eips::BlockId;
use alloy::primitives::{Address, Bytes, TxKind, U256, address};
use alloy::rpc::types::TransactionRequest;
use alloy::rpc::types::state::StateOverride;
use alloy::sol;
use alloy::sol_types::SolCall;

use super::{Chain, ChainError};
use crate::evm::l1;

pub const NODE_INTERFACE: Address = address!("00000000000000000000000000000000000000c8");

sol! {
    interface INodeInterface {
        function gasEstimateComponents(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
        function gasEstimateL1Component(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    }
}

impl Chain {
    /// The answer to an `eth_call` of NodeInterface, or `None` for other calls.
    pub(super) fn node_interface(
        &mut self,
        request: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Option<Result<Bytes, ChainError>> {
        if request.to != Some(TxKind::Call(NODE_INTERFACE)) {
            return None;
        }
        let input = request.input.input().cloned().unwrap_or_default();
        let inner = |to: Address, creation: bool, data: &Bytes| TransactionRequest {
            to: Some(if creation {
                TxKind::Create
            } else {
                TxKind::Call(to)
            }),
            input: data.clone().into(),
            ..request.clone()
        };
        let answer = if let Ok(call) = INodeInterface::gasEstimateComponentsCall::abi_decode(&input)
        {
            let tx = inner(call.to, call.contractCreation, &call.data);
            self.components(&tx, block, overrides)
                .map(|(total, l1_gas, basefee, l1_fee)| {
                    INodeInterface::gasEstimateComponentsCall::abi_encode_returns(
                        &INodeInterface::gasEstimateComponentsReturn {
                            gasEstimate: total,
                            gasEstimateForL1: l1_gas,
                            baseFee: basefee,
                            l1BaseFeeEstimate: l1_fee,
                        },
                    )
                })
        } else if let Ok(call) = INodeInterface::gasEstimateL1ComponentCall::abi_decode(&input) {
            let tx = inner(call.to, call.contractCreation, &call.data);
            self.l1_component(&tx, block)
                .map(|(l1_gas, basefee, l1_fee)| {
                    INodeInterface::gasEstimateL1ComponentCall::abi_encode_returns(
                        &INodeInterface::gasEstimateL1ComponentReturn {
                            gasEstimateForL1: l1_gas,
                            baseFee: basefee,
                            l1BaseFeeEstimate: l1_fee,
                        },
                    )
                })
        } else {
            // Like any unknown selector on Arbitrum: a revert without data.
            Err(ChainError::Reverted {
                output: Bytes::new(),
            })
        };
        Some(answer.map(Bytes::from))
    }

    /// (L1 gas, base fee, L1 base fee estimate) of sending `tx`, as `eth_estimateGas` prices it.
    fn l1_component(
        &self,
        tx: &TransactionRequest,
        block: Option<BlockId>,
    ) -> Result<(u64, U256, U256), ChainError> {
        let env = self.call_block_env(block)?;
        let template = self.call_tx(tx, self.spec.gas_limit)?;
        let posting = l1::estimated_posting(&template, self.spec.chain_id);
        let gas = self.executor.poster_gas(&env, posting);
        let l1_fee = U256::from(self.executor.rules().l1_base_fee);
        Ok((gas, U256::from(env.basefee), l1_fee))
    }

    /// The whole estimate with its L1 part.
    fn components(
        &mut self,
        tx: &TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<&StateOverride>,
    ) -> Result<(u64, u64, U256, U256), ChainError> {
        let total = self.estimate_gas(tx, block, overrides)?;
        let (l1_gas, basefee, l1_fee) = self.l1_component(tx, block)?;
        Ok((total, l1_gas, basefee, l1_fee))
    }
}
