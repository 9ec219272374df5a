//! Standard methods: `eth_*`, `net_*`, `web3_*`.

use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, B256, Bytes, U64, U256};
use alloy::rpc::types::state::StateOverride;
use alloy::rpc::types::{Block, FeeHistory, Filter, Log, Transaction, TransactionRequest};
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;

use super::{NodeContext, convert};
use crate::config::BASE_FEE;

#[rpc(server)]
pub trait EthApi {
    #[method(name = "eth_chainId")]
    fn chain_id(&self) -> RpcResult<U64>;

    #[method(name = "net_version")]
    fn net_version(&self) -> RpcResult<String>;

    #[method(name = "net_listening")]
    fn net_listening(&self) -> RpcResult<bool>;

    #[method(name = "web3_clientVersion")]
    fn client_version(&self) -> RpcResult<String>;

    #[method(name = "eth_syncing")]
    fn syncing(&self) -> RpcResult<bool>;

    #[method(name = "eth_accounts")]
    fn accounts(&self) -> RpcResult<Vec<Address>>;

    #[method(name = "eth_blockNumber")]
    fn block_number(&self) -> RpcResult<U64>;

    #[method(name = "eth_getBalance")]
    fn balance(&self, address: Address, block: Option<BlockId>) -> RpcResult<U256>;

    #[method(name = "eth_getCode")]
    fn code(&self, address: Address, block: Option<BlockId>) -> RpcResult<Bytes>;

    #[method(name = "eth_getStorageAt")]
    fn storage_at(&self, address: Address, slot: U256, block: Option<BlockId>) -> RpcResult<B256>;

    #[method(name = "eth_getTransactionCount")]
    fn transaction_count(&self, address: Address, block: Option<BlockId>) -> RpcResult<U64>;

    #[method(name = "eth_gasPrice")]
    fn gas_price(&self) -> RpcResult<U256>;

    #[method(name = "eth_maxPriorityFeePerGas")]
    fn max_priority_fee_per_gas(&self) -> RpcResult<U256>;

    #[method(name = "eth_feeHistory")]
    fn fee_history(
        &self,
        block_count: U64,
        newest_block: BlockNumberOrTag,
        reward_percentiles: Option<Vec<f64>>,
    ) -> RpcResult<FeeHistory>;

    #[method(name = "eth_call")]
    fn call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<Bytes>;

    #[method(name = "eth_estimateGas")]
    fn estimate_gas(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<U64>;

    #[method(name = "eth_sendRawTransaction")]
    fn send_raw_transaction(&self, raw: Bytes) -> RpcResult<B256>;

    #[method(name = "eth_sendTransaction")]
    fn send_transaction(&self, request: TransactionRequest) -> RpcResult<B256>;

    #[method(name = "eth_getTransactionByHash")]
    fn transaction_by_hash(&self, hash: B256) -> RpcResult<Option<Transaction>>;

    #[method(name = "eth_getTransactionByBlockNumberAndIndex")]
    fn transaction_by_block_number_and_index(
        &self,
        block: BlockNumberOrTag,
        index: U64,
    ) -> RpcResult<Option<Transaction>>;

    #[method(name = "eth_getTransactionByBlockHashAndIndex")]
    fn transaction_by_block_hash_and_index(
        &self,
        hash: B256,
        index: U64,
    ) -> RpcResult<Option<Transaction>>;

    #[method(name = "eth_getTransactionReceipt")]
    fn transaction_receipt(&self, hash: B256) -> RpcResult<Option<convert::ArbReceipt>>;

    #[method(name = "eth_getBlockReceipts")]
    fn block_receipts(&self, block: BlockId) -> RpcResult<Option<Vec<convert::ArbReceipt>>>;

    #[method(name = "eth_getBlockByNumber")]
    fn block_by_number(&self, block: BlockNumberOrTag, full: bool) -> RpcResult<Option<Block>>;

    #[method(name = "eth_getBlockByHash")]
    fn block_by_hash(&self, hash: B256, full: bool) -> RpcResult<Option<Block>>;

    #[method(name = "eth_getBlockTransactionCountByNumber")]
    fn block_transaction_count_by_number(&self, block: BlockNumberOrTag) -> RpcResult<Option<U64>>;

    #[method(name = "eth_getBlockTransactionCountByHash")]
    fn block_transaction_count_by_hash(&self, hash: B256) -> RpcResult<Option<U64>>;

    #[method(name = "eth_getLogs")]
    fn logs(&self, filter: Filter) -> RpcResult<Vec<Log>>;
}

impl EthApiServer for NodeContext {
    fn chain_id(&self) -> RpcResult<U64> {
        Ok(U64::from(self.chain().spec().chain_id))
    }

    fn net_version(&self) -> RpcResult<String> {
        Ok(self.chain().spec().chain_id.to_string())
    }

    fn net_listening(&self) -> RpcResult<bool> {
        Ok(true)
    }

    fn client_version(&self) -> RpcResult<String> {
        Ok(format!("stylus-lrt-devnet/v{}", env!("CARGO_PKG_VERSION")))
    }

    fn syncing(&self) -> RpcResult<bool> {
        Ok(false)
    }

    fn accounts(&self) -> RpcResult<Vec<Address>> {
        Ok(self.chain().accounts().addresses())
    }

    fn block_number(&self) -> RpcResult<U64> {
        Ok(U64::from(self.chain().head().number()))
    }

    fn balance(&self, address: Address, block: Option<BlockId>) -> RpcResult<U256> {
        Ok(self.chain().balance(address, block)?)
    }

    fn code(&self, address: Address, block: Option<BlockId>) -> RpcResult<Bytes> {
        Ok(self.chain().code(address, block)?)
    }

    fn storage_at(&self, address: Address, slot: U256, block: Option<BlockId>) -> RpcResult<B256> {
        Ok(self.chain().storage(address, slot, block)?)
    }

    fn transaction_count(&self, address: Address, block: Option<BlockId>) -> RpcResult<U64> {
        Ok(U64::from(self.chain().nonce(address, block)?))
    }

    fn gas_price(&self) -> RpcResult<U256> {
        Ok(U256::from(BASE_FEE))
    }

    fn max_priority_fee_per_gas(&self) -> RpcResult<U256> {
        // Arbitrum orders by arrival, not by tip; the Nitro node answers 0 too.
        Ok(U256::ZERO)
    }

    fn fee_history(
        &self,
        block_count: U64,
        newest_block: BlockNumberOrTag,
        reward_percentiles: Option<Vec<f64>>,
    ) -> RpcResult<FeeHistory> {
        let percentiles = reward_percentiles.unwrap_or_default();
        Ok(self
            .chain()
            .fee_history(block_count.to(), newest_block, &percentiles)?)
    }

    fn call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<Bytes> {
        Ok(self.chain().call(&request, block, overrides.as_ref())?)
    }

    fn estimate_gas(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<U64> {
        Ok(U64::from(self.chain().estimate_gas(
            &request,
            block,
            overrides.as_ref(),
        )?))
    }

    fn send_raw_transaction(&self, raw: Bytes) -> RpcResult<B256> {
        Ok(self.chain().send_raw_transaction(&raw)?)
    }

    fn send_transaction(&self, request: TransactionRequest) -> RpcResult<B256> {
        Ok(self.chain().send_transaction(request)?)
    }

    fn transaction_by_hash(&self, hash: B256) -> RpcResult<Option<Transaction>> {
        Ok(self.chain().transaction(hash).map(convert::transaction))
    }

    fn transaction_by_block_number_and_index(
        &self,
        block: BlockNumberOrTag,
        index: U64,
    ) -> RpcResult<Option<Transaction>> {
        let chain = self.chain();
        let tx = chain
            .block_by_tag(block)
            .and_then(|b| b.transactions.get(usize::try_from(index).ok()?))
            .and_then(|hash| chain.transaction(*hash));
        Ok(tx.map(convert::transaction))
    }

    fn transaction_by_block_hash_and_index(
        &self,
        hash: B256,
        index: U64,
    ) -> RpcResult<Option<Transaction>> {
        let chain = self.chain();
        let tx = chain
            .block_by_hash(hash)
            .and_then(|b| b.transactions.get(usize::try_from(index).ok()?))
            .and_then(|hash| chain.transaction(*hash));
        Ok(tx.map(convert::transaction))
    }

    fn transaction_receipt(&self, hash: B256) -> RpcResult<Option<convert::ArbReceipt>> {
        Ok(self.chain().transaction(hash).map(convert::receipt))
    }

    fn block_receipts(&self, block: BlockId) -> RpcResult<Option<Vec<convert::ArbReceipt>>> {
        let chain = self.chain();
        let Ok(block) = chain.block_by_id(block) else {
            return Ok(None);
        };
        let receipts = block
            .transactions
            .iter()
            .filter_map(|hash| chain.transaction(*hash));
        Ok(Some(receipts.map(convert::receipt).collect()))
    }

    fn block_by_number(&self, block: BlockNumberOrTag, full: bool) -> RpcResult<Option<Block>> {
        let chain = self.chain();
        Ok(chain
            .block_by_tag(block)
            .map(|b| convert::block(&chain, b, full)))
    }

    fn block_by_hash(&self, hash: B256, full: bool) -> RpcResult<Option<Block>> {
        let chain = self.chain();
        Ok(chain
            .block_by_hash(hash)
            .map(|b| convert::block(&chain, b, full)))
    }

    fn block_transaction_count_by_number(&self, block: BlockNumberOrTag) -> RpcResult<Option<U64>> {
        Ok(self
            .chain()
            .block_by_tag(block)
            .map(|b| U64::from(b.transactions.len())))
    }

    fn block_transaction_count_by_hash(&self, hash: B256) -> RpcResult<Option<U64>> {
        Ok(self
            .chain()
            .block_by_hash(hash)
            .map(|b| U64::from(b.transactions.len())))
    }

    fn logs(&self, filter: Filter) -> RpcResult<Vec<Log>> {
        Ok(self.chain().logs(&filter)?)
    }
}
