//! Refuses more positional parameters than a method takes, with -32602 as Anvil does: a
//! parameter the node would silently drop (a block tag, an override) is a caller's mistake
//! worth reporting.

use std::future::Future;

use jsonrpsee::core::middleware::{Batch, BatchEntry, BatchEntryErr, Notification, RpcServiceT};
use jsonrpsee::server::MethodResponse;
use jsonrpsee::types::error::INVALID_PARAMS_CODE;
use jsonrpsee::types::{ErrorObjectOwned, Request};
use serde_json::value::RawValue;

/// The most positional parameters each method takes. A test checks that every served
/// method is listed.
const MAX_PARAMS: &[(&str, usize)] = &[
    ("anvil_autoImpersonateAccount", 1),
    ("anvil_dropTransaction", 1),
    ("anvil_dumpState", 1),
    ("anvil_getAutomine", 0),
    ("anvil_impersonateAccount", 1),
    ("anvil_increaseTime", 1),
    ("anvil_loadState", 1),
    ("anvil_mine", 2),
    ("anvil_nodeInfo", 0),
    ("anvil_reset", 1),
    ("anvil_revert", 1),
    ("anvil_setAutomine", 1),
    ("anvil_setBalance", 2),
    ("anvil_setBlockGasLimit", 1),
    ("anvil_setChainId", 1),
    ("anvil_setCode", 2),
    ("anvil_setCoinbase", 1),
    ("anvil_setIntervalMining", 1),
    ("anvil_setNextBlockBaseFeePerGas", 1),
    ("anvil_setNextBlockTimestamp", 1),
    ("anvil_setNonce", 2),
    ("anvil_setStorageAt", 3),
    ("anvil_snapshot", 0),
    ("anvil_stopImpersonatingAccount", 1),
    ("debug_traceCall", 3),
    ("debug_traceTransaction", 2),
    ("devnet_saveState", 1),
    ("eth_accounts", 0),
    ("eth_blobBaseFee", 0),
    ("eth_blockNumber", 0),
    ("eth_call", 4),
    ("eth_chainId", 0),
    ("eth_coinbase", 0),
    ("eth_createAccessList", 2),
    ("eth_estimateGas", 3),
    ("eth_feeHistory", 3),
    ("eth_gasPrice", 0),
    ("eth_getBalance", 2),
    ("eth_getBlockByHash", 2),
    ("eth_getBlockByNumber", 2),
    ("eth_getBlockReceipts", 1),
    ("eth_getBlockTransactionCountByHash", 1),
    ("eth_getBlockTransactionCountByNumber", 1),
    ("eth_getCode", 2),
    ("eth_getFilterChanges", 1),
    ("eth_getFilterLogs", 1),
    ("eth_getLogs", 1),
    ("eth_getProof", 3),
    ("eth_getStorageAt", 3),
    ("eth_getTransactionByBlockHashAndIndex", 2),
    ("eth_getTransactionByBlockNumberAndIndex", 2),
    ("eth_getTransactionByHash", 1),
    ("eth_getTransactionBySenderAndNonce", 2),
    ("eth_getTransactionCount", 2),
    ("eth_getTransactionReceipt", 1),
    ("eth_maxPriorityFeePerGas", 0),
    ("eth_newBlockFilter", 0),
    ("eth_newFilter", 1),
    ("eth_newPendingTransactionFilter", 0),
    ("eth_sendRawTransaction", 1),
    ("eth_sendTransaction", 1),
    ("eth_sign", 2),
    ("eth_signTransaction", 1),
    ("eth_signTypedData_v4", 2),
    ("eth_simulateV1", 2),
    ("eth_subscribe", 2),
    ("eth_syncing", 0),
    ("eth_uninstallFilter", 1),
    ("eth_unsubscribe", 1),
    ("evm_increaseTime", 1),
    ("evm_mine", 1),
    ("evm_revert", 1),
    ("evm_setAutomine", 1),
    ("evm_setBlockGasLimit", 1),
    ("evm_setIntervalMining", 1),
    ("evm_setNextBlockTimestamp", 1),
    ("evm_snapshot", 0),
    ("hardhat_getAutomine", 0),
    ("hardhat_impersonateAccount", 1),
    ("hardhat_mine", 2),
    ("hardhat_reset", 1),
    ("hardhat_setBalance", 2),
    ("hardhat_setCode", 2),
    ("hardhat_setNonce", 2),
    ("hardhat_setStorageAt", 3),
    ("hardhat_stopImpersonatingAccount", 1),
    ("net_listening", 0),
    ("net_version", 0),
    ("personal_sign", 2),
    ("txpool_content", 0),
    ("txpool_status", 0),
    ("web3_clientVersion", 0),
    ("web3_sha3", 1),
];

fn max_params(method: &str) -> Option<usize> {
    MAX_PARAMS
        .binary_search_by(|(name, _)| name.cmp(&method))
        .ok()
        .map(|i| MAX_PARAMS[i].1)
}

/// The error for `request` when it has more positional parameters than its method takes.
fn excess(request: &Request<'_>) -> Option<ErrorObjectOwned> {
    let max = max_params(&request.method)?;
    let params = request.params.as_ref()?;
    let given = serde_json::from_str::<Vec<&RawValue>>(params.get())
        .ok()?
        .len();
    (given > max).then(|| {
        ErrorObjectOwned::owned(
            INVALID_PARAMS_CODE,
            format!(
                "invalid length {given}, expected fewer elements in array ({} takes at most {max})",
                request.method
            ),
            None::<()>,
        )
    })
}

/// The RPC middleware that applies [`excess`] to calls, alone or in batches.
#[derive(Clone)]
pub struct ParamCount<S> {
    inner: S,
}

impl<S> ParamCount<S> {
    pub fn new(inner: S) -> Self {
        Self { inner }
    }
}

impl<S> RpcServiceT for ParamCount<S>
where
    S: RpcServiceT<MethodResponse = MethodResponse> + Send + Sync + Clone + 'static,
{
    type MethodResponse = S::MethodResponse;
    type NotificationResponse = S::NotificationResponse;
    type BatchResponse = S::BatchResponse;

    fn call<'a>(
        &self,
        request: Request<'a>,
    ) -> impl Future<Output = Self::MethodResponse> + Send + 'a {
        let refused = excess(&request);
        let inner = self.inner.clone();
        async move {
            match refused {
                Some(error) => MethodResponse::error(request.id, error),
                None => inner.call(request).await,
            }
        }
    }

    fn batch<'a>(
        &self,
        mut batch: Batch<'a>,
    ) -> impl Future<Output = Self::BatchResponse> + Send + 'a {
        for entry in batch.iter_mut() {
            let refused = match entry {
                Ok(BatchEntry::Call(request)) => {
                    excess(request).map(|error| (request.id.clone(), error))
                }
                _ => None,
            };
            if let Some((id, error)) = refused {
                *entry = Err(BatchEntryErr::new(id, error));
            }
        }
        self.inner.batch(batch)
    }

    fn notification<'a>(
        &self,
        notification: Notification<'a>,
    ) -> impl Future<Output = Self::NotificationResponse> + Send + 'a {
        self.inner.notification(notification)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(MAX_PARAMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_served_method_has_a_parameter_count() {
        let accounts =
            crate::accounts::DevAccounts::from_config(&crate::Config::default()).unwrap();
        let spec = crate::chain::ChainSpec {
            chain_id: 1,
            gas_limit: 30_000_000,
            rules: crate::stylus::Rules::default(),
        };
        let context =
            super::super::NodeContext::new(crate::chain::Chain::genesis(spec, accounts), None);
        for method in context.into_rpc().method_names() {
            assert!(
                max_params(method).is_some(),
                "{method} is missing from MAX_PARAMS"
            );
        }
    }
}
