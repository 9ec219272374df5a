//! Gas on Arbitrum has two parts: L2 execution and the L1 data the transaction's bytes
//! will cost to post, charged as extra L2 gas at the L2 base fee. Nitro's NodeInterface
//! (a virtual contract at `0xc8`, answered by the node in `eth_call`) splits an estimate
//! into the two; a gas limit taken from it covers both.

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes, TxKind, U256, address},
    providers::{DynProvider, Provider},
    rpc::types::TransactionRequest,
    sol,
};
use serde::Serialize;

use crate::error::{Error, Result};

/// NodeInterface, served by every Nitro node (and the devnet) for `eth_call` only.
pub const NODE_INTERFACE: Address = address!("00000000000000000000000000000000000000C8");

sol! {
    #[sol(rpc)]
    interface NodeInterface {
        function gasEstimateComponents(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
        function gasEstimateL1Component(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    }
}

/// A transaction's gas: `total` includes `l1` (L1 data gas, priced in L2 gas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GasEstimate {
    pub total: u64,
    pub l1: u64,
    /// The L2 base fee the node quoted, in wei per gas.
    #[serde(serialize_with = "crate::units::decimal")]
    pub base_fee: U256,
}

impl GasEstimate {
    pub fn l2(&self) -> u64 {
        self.total - self.l1
    }

    /// What the gas costs at the quoted base fee, in wei.
    pub fn cost(&self) -> U256 {
        U256::from(self.total) * self.base_fee
    }
}

/// The whole estimate of `tx` (sender, value and data as sent), with its L1 part, from
/// `NodeInterface.gasEstimateComponents`. A node without NodeInterface (plain Ethereum, Anvil)
/// answers with no data; there `eth_estimateGas` alone is the estimate and the L1 part is 0.
/// A revert of the transaction comes back as [`Error::Reverted`].
pub async fn estimate(provider: &DynProvider, tx: &TransactionRequest) -> Result<GasEstimate> {
    let (to, creation, data) = target(tx);
    let mut query = NodeInterface::new(NODE_INTERFACE, provider)
        .gasEstimateComponents(to, creation, data)
        .into_transaction_request()
        .value(tx.value.unwrap_or_default());
    if let Some(from) = tx.from {
        query = query.with_from(from);
    }
    let answer = provider.call(query).await.map_err(Error::from)?;
    match <NodeInterface::gasEstimateComponentsCall as alloy::sol_types::SolCall>::abi_decode_returns(&answer)
    {
        Ok(parts) => Ok(GasEstimate {
            total: parts.gasEstimate,
            l1: parts.gasEstimateForL1,
            base_fee: parts.baseFee,
        }),
        Err(_) => Ok(GasEstimate {
            total: provider.estimate_gas(tx.clone()).await?,
            l1: 0,
            base_fee: U256::from(provider.get_gas_price().await?),
        }),
    }
}

/// The L1 part alone (`gasEstimateL1Component`): it depends only on the transaction's bytes,
/// so it can be asked of transactions whose execution needs state that does not exist yet.
/// 0 on a node without NodeInterface.
pub async fn l1_gas(provider: &DynProvider, tx: &TransactionRequest) -> Result<u64> {
    let (to, creation, data) = target(tx);
    let query = NodeInterface::new(NODE_INTERFACE, provider)
        .gasEstimateL1Component(to, creation, data)
        .into_transaction_request();
    let answer = provider.call(query).await.map_err(Error::from)?;
    Ok(
        <NodeInterface::gasEstimateL1ComponentCall as alloy::sol_types::SolCall>::abi_decode_returns(
            &answer,
        )
        .map_or(0, |parts| parts.gasEstimateForL1),
    )
}

/// The current L2 base fee (latest block), in wei per gas.
pub async fn base_fee(provider: &DynProvider) -> Result<U256> {
    let block = provider
        .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
        .await?
        .ok_or_else(|| Error::Rpc("the node has no latest block".into()))?;
    match block.header.base_fee_per_gas {
        Some(fee) => Ok(U256::from(fee)),
        None => Ok(U256::from(provider.get_gas_price().await?)),
    }
}

/// NodeInterface's view of a transaction: destination, whether it creates, its data.
fn target(tx: &TransactionRequest) -> (Address, bool, Bytes) {
    let data = tx.input.input().cloned().unwrap_or_default();
    match tx.to {
        Some(TxKind::Call(to)) => (to, false, data),
        _ => (Address::ZERO, true, data),
    }
}
