//! NodeInterface at `0xc8`: Nitro's virtual contract that only exists for
//! `eth_call`, where the node answers in place of any code. Wallets and SDKs ask
//! it how a transaction's gas splits between L2 execution and L1 data.

use alloy::primitives::{Address, Bytes, TxKind, U256, address};
use alloy::rpc::types::TransactionRequest;
use alloy::sol;
use alloy::sol_types::SolCall;

use super::ChainError;

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

/// Which NodeInterface method a call asks.
#[derive(Clone, Copy, Debug)]
pub enum NodeQuery {
    /// `gasEstimateComponents`: the whole estimate with its L1 part.
    Components,
    /// `gasEstimateL1Component`: the L1 part only.
    L1Component,
}

/// For a call of NodeInterface: the transaction it asks about and what it asks, or the
/// revert an unknown selector gets. `None` for other calls.
pub(super) fn query(
    request: &TransactionRequest,
) -> Option<Result<(TransactionRequest, NodeQuery), ChainError>> {
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
    let asked = if let Ok(call) = INodeInterface::gasEstimateComponentsCall::abi_decode(&input) {
        Ok((
            inner(call.to, call.contractCreation, &call.data),
            NodeQuery::Components,
        ))
    } else if let Ok(call) = INodeInterface::gasEstimateL1ComponentCall::abi_decode(&input) {
        Ok((
            inner(call.to, call.contractCreation, &call.data),
            NodeQuery::L1Component,
        ))
    } else {
        // Like any unknown selector on Arbitrum: a revert without data.
        Err(ChainError::Reverted {
            output: Bytes::new(),
        })
    };
    Some(asked)
}

/// The ABI-encoded answer: with `total` (the whole estimate) for `gasEstimateComponents`,
/// without it for `gasEstimateL1Component`.
pub(super) fn answer(total: Option<u64>, l1_gas: u64, base_fee: U256, l1_base_fee: U256) -> Bytes {
    let encoded = match total {
        Some(total) => INodeInterface::gasEstimateComponentsCall::abi_encode_returns(
            &INodeInterface::gasEstimateComponentsReturn {
                gasEstimate: total,
                gasEstimateForL1: l1_gas,
                baseFee: base_fee,
                l1BaseFeeEstimate: l1_base_fee,
            },
        ),
        None => INodeInterface::gasEstimateL1ComponentCall::abi_encode_returns(
            &INodeInterface::gasEstimateL1ComponentReturn {
                gasEstimateForL1: l1_gas,
                baseFee: base_fee,
                l1BaseFeeEstimate: l1_base_fee,
            },
        ),
    };
    Bytes::from(encoded)
}
