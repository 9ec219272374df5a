//! Standard methods: `eth_*`, `net_*`, `web3_*`, `txpool_*`.

use std::collections::BTreeMap;

use alloy::consensus::Transaction as _;
use alloy::eips::eip2930::AccessListResult;
use alloy::eips::{BlockId, BlockNumberOrTag};
use alloy::primitives::{Address, B256, Bytes, U64, U256, keccak256};
use alloy::rpc::types::simulate::{SimulatePayload, SimulatedBlock};
use alloy::rpc::types::state::StateOverride;
use alloy::rpc::types::{
    Block, BlockOverrides, EIP1186AccountProofResponse, FeeHistory, Filter, Log, Transaction,
    TransactionRequest,
};
use alloy::serde::JsonStorageKey;
use jsonrpsee::core::RpcResult;
use jsonrpsee::proc_macros::rpc;

use super::NodeContext;
use super::convert::{self, RpcReceipt};

/// `txpool_status`: transactions waiting, by kind.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TxpoolStatus {
    pub pending: U64,
    pub queued: U64,
}

/// `txpool_content`: waiting transactions by sender and nonce.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TxpoolContent {
    pub pending: BTreeMap<Address, BTreeMap<String, Transaction>>,
    pub queued: BTreeMap<Address, BTreeMap<String, Transaction>>,
}

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

    // Executions run on their own thread (`blocking`) so that a long one never holds up
    // the server's event loop, and with it every other request.
    #[method(name = "eth_call", blocking)]
    fn call(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
        block_overrides: Option<Box<BlockOverrides>>,
    ) -> RpcResult<Bytes>;

    #[method(name = "eth_estimateGas", blocking)]
    fn estimate_gas(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<U64>;

    #[method(name = "eth_createAccessList", blocking)]
    fn create_access_list(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
    ) -> RpcResult<AccessListResult>;

    #[method(name = "eth_simulateV1", blocking)]
    fn simulate_v1(
        &self,
        payload: SimulatePayload,
        block: Option<BlockId>,
    ) -> RpcResult<Vec<SimulatedBlock>>;

    #[method(name = "eth_sendRawTransaction", blocking)]
    fn send_raw_transaction(&self, raw: Bytes) -> RpcResult<B256>;

    #[method(name = "eth_sendTransaction", blocking)]
    fn send_transaction(&self, request: TransactionRequest) -> RpcResult<B256>;

    #[method(name = "eth_getProof")]
    fn proof(
        &self,
        address: Address,
        keys: Vec<JsonStorageKey>,
        block: Option<BlockId>,
    ) -> RpcResult<EIP1186AccountProofResponse>;

    #[method(name = "eth_coinbase")]
    fn coinbase(&self) -> RpcResult<Address>;

    #[method(name = "eth_blobBaseFee")]
    fn blob_base_fee(&self) -> RpcResult<U256>;

    #[method(name = "web3_sha3")]
    fn sha3(&self, data: Bytes) -> RpcResult<B256>;

    #[method(name = "eth_getTransactionBySenderAndNonce")]
    fn transaction_by_sender_and_nonce(
        &self,
        sender: Address,
        nonce: U64,
    ) -> RpcResult<Option<Transaction>>;

    #[method(name = "txpool_status")]
    fn txpool_status(&self) -> RpcResult<TxpoolStatus>;

    #[method(name = "txpool_content")]
    fn txpool_content(&self) -> RpcResult<TxpoolContent>;

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
    fn transaction_receipt(&self, hash: B256) -> RpcResult<Option<RpcReceipt>>;

    #[method(name = "eth_getBlockReceipts")]
    fn block_receipts(&self, block: BlockId) -> RpcResult<Option<Vec<RpcReceipt>>>;

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
        Ok(U256::from(self.chain().next_base_fee()))
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
        block_overrides: Option<Box<BlockOverrides>>,
    ) -> RpcResult<Bytes> {
        let mut simulation = self
            .chain()
            .simulation(&request, block, overrides.as_ref())?;
        if let Some(block_overrides) = block_overrides {
            simulation.override_block(&block_overrides)?;
        }
        Ok(simulation.call()?)
    }

    fn estimate_gas(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
        overrides: Option<StateOverride>,
    ) -> RpcResult<U64> {
        let simulation = self
            .chain()
            .estimation(&request, block, overrides.as_ref())?;
        Ok(U64::from(simulation.estimate_gas()?))
    }

    fn create_access_list(
        &self,
        request: TransactionRequest,
        block: Option<BlockId>,
    ) -> RpcResult<AccessListResult> {
        let (simulation, coinbase) = {
            let chain = self.chain();
            (chain.simulation(&request, block, None)?, chain.coinbase())
        };
        Ok(simulation.access_list(coinbase)?)
    }

    fn simulate_v1(
        &self,
        payload: SimulatePayload,
        block: Option<BlockId>,
    ) -> RpcResult<Vec<SimulatedBlock>> {
        let job = self.chain().simulate_v1(payload, block)?;
        Ok(job.run()?)
    }

    fn send_raw_transaction(&self, raw: Bytes) -> RpcResult<B256> {
        Ok(NodeContext::send_raw_transaction(self, &raw)?)
    }

    fn send_transaction(&self, request: TransactionRequest) -> RpcResult<B256> {
        Ok(NodeContext::send_transaction(self, request)?)
    }

    fn proof(
        &self,
        address: Address,
        keys: Vec<JsonStorageKey>,
        block: Option<BlockId>,
    ) -> RpcResult<EIP1186AccountProofResponse> {
        Ok(self.chain().proof(address, keys, block)?)
    }

    fn coinbase(&self) -> RpcResult<Address> {
        Ok(self.chain().coinbase())
    }

    fn blob_base_fee(&self) -> RpcResult<U256> {
        // Arbitrum carries no blobs; EIP-4844's minimum, which Anvil answers too.
        Ok(U256::from(1))
    }

    fn sha3(&self, data: Bytes) -> RpcResult<B256> {
        Ok(keccak256(data))
    }

    fn transaction_by_sender_and_nonce(
        &self,
        sender: Address,
        nonce: U64,
    ) -> RpcResult<Option<Transaction>> {
        Ok(self
            .chain()
            .transaction_by_sender_and_nonce(sender, nonce.to())
            .map(convert::transaction))
    }

    fn txpool_status(&self) -> RpcResult<TxpoolStatus> {
        // The pool holds only transactions that can run in order (no nonce gaps are
        // accepted), so all of them are pending and none queued.
        Ok(TxpoolStatus {
            pending: U64::from(self.chain().pool().len()),
            queued: U64::ZERO,
        })
    }

    fn txpool_content(&self) -> RpcResult<TxpoolContent> {
        let mut content = TxpoolContent::default();
        for queued in self.chain().pool() {
            content
                .pending
                .entry(queued.tx.signer())
                .or_default()
                .insert(
                    queued.tx.inner().nonce().to_string(),
                    convert::pooled(&queued.tx),
                );
        }
        Ok(content)
    }

    fn transaction_by_hash(&self, hash: B256) -> RpcResult<Option<Transaction>> {
        let chain = self.chain();
        let pooled = || {
            chain
                .pool()
                .iter()
                .find(|q| q.hash() == hash)
                .map(|q| convert::pooled(&q.tx))
        };
        Ok(chain
            .transaction(hash)
            .map(convert::transaction)
            .or_else(pooled))
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

    fn transaction_receipt(&self, hash: B256) -> RpcResult<Option<RpcReceipt>> {
        Ok(self.chain().transaction(hash).map(convert::receipt))
    }

    fn block_receipts(&self, block: BlockId) -> RpcResult<Option<Vec<RpcReceipt>>> {
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
