//! Growing a side to thousands of holders and pending requests within a few minutes: the
//! `BulkFiller` contract calls the real `deposit` and `requestRedeem` for fresh addresses,
//! many per transaction, and one funder sends those transactions with its own nonce count and
//! a fixed gas limit (no estimate, no nonce query); the receipts are checked at the end.

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
    sol,
    sol_types::SolCall,
};
use anyhow::{Context, Result, bail};
use deployer::abi::fixtures::IMockLst;

use crate::setup::Side;

sol! {
    interface IBulkFiller {
        function approveAll(address token, address vault, address queue) external;
        function depositSelf(address vault, uint256 assets) external;
        function deposits(address vault, uint256 assets, uint256 seed, uint256 count) external;
        function requests(address queue, uint256 shares, uint256 seed, uint256 count) external;
    }
}

/// Calls per transaction; a request costs ~200k gas, so a batch stays far below the limit.
const BATCH: u64 = 50;
const GAS_LIMIT: u64 = 15_000_000;
/// A small amount, far above rounding: 0.001 token.
const UNIT: U256 = U256::from_limbs([1_000_000_000_000_000, 0, 0, 0]);

pub struct Funder {
    provider: DynProvider,
    from: Address,
    chain_id: u64,
    max_fee: u128,
    /// The deployed `BulkFiller`.
    filler: Address,
}

impl Funder {
    pub async fn new(rpc_url: &str, signer: PrivateKeySigner, filler: Address) -> Result<Self> {
        let from = signer.address();
        let provider = ProviderBuilder::new()
            .wallet(EthereumWallet::from(signer))
            .connect_http(rpc_url.parse()?)
            .erased();
        let chain_id = provider.get_chain_id().await?;
        let max_fee = provider.get_gas_price().await? * 2 + 1;
        Ok(Self {
            provider,
            from,
            chain_id,
            max_fee,
            filler,
        })
    }

    /// Sends `calls` (target, calldata) one after another; fails if any reverted.
    async fn send_all(&self, calls: Vec<(Address, Vec<u8>)>) -> Result<()> {
        let mut nonce = self.provider.get_transaction_count(self.from).await?;
        let mut hashes = Vec::with_capacity(calls.len());
        for (to, input) in calls {
            let tx = TransactionRequest::default()
                .with_from(self.from)
                .with_to(to)
                .with_input(input)
                .with_nonce(nonce)
                .with_chain_id(self.chain_id)
                .with_gas_limit(GAS_LIMIT)
                .with_max_fee_per_gas(self.max_fee)
                .with_max_priority_fee_per_gas(0);
            let pending = self.provider.send_transaction(tx).await?;
            hashes.push(*pending.tx_hash());
            nonce += 1;
        }
        for hash in hashes {
            let receipt = self
                .provider
                .get_transaction_receipt(hash)
                .await?
                .with_context(|| format!("transaction {hash} was not mined"))?;
            if !receipt.status() {
                bail!("bulk transaction {hash} reverted");
            }
        }
        Ok(())
    }

    /// Gives the filler assets and shares of `side` for `count` holders and requests.
    pub async fn prepare(&self, side: &Side, count: u64) -> Result<()> {
        let amount = U256::from(count + 1) * UNIT * U256::from(4);
        let calls = vec![
            (
                side.token,
                IMockLst::mintCall {
                    to: self.filler,
                    amount,
                }
                .abi_encode(),
            ),
            (
                self.filler,
                IBulkFiller::approveAllCall {
                    token: side.token,
                    vault: side.vault,
                    queue: side.queue,
                }
                .abi_encode(),
            ),
            (
                self.filler,
                IBulkFiller::depositSelfCall {
                    vault: side.vault,
                    assets: amount / U256::from(2),
                }
                .abi_encode(),
            ),
        ];
        self.send_all(calls).await
    }

    /// `count` new holders (deposits for fresh receivers) and `count` new pending requests
    /// (for fresh controllers); `seed` keeps the addresses of separate calls apart.
    pub async fn grow(&self, side: &Side, count: u64, seed: u64) -> Result<()> {
        let mut calls = Vec::new();
        let mut done = 0;
        while done < count {
            let n = BATCH.min(count - done);
            let seed = U256::from(seed + done);
            let count = U256::from(n);
            calls.push((
                self.filler,
                IBulkFiller::depositsCall {
                    vault: side.vault,
                    assets: UNIT,
                    seed,
                    count,
                }
                .abi_encode(),
            ));
            calls.push((
                self.filler,
                IBulkFiller::requestsCall {
                    queue: side.queue,
                    shares: UNIT,
                    seed,
                    count,
                }
                .abi_encode(),
            ));
            done += n;
        }
        self.send_all(calls).await
    }
}
