//! Growing a side to thousands of holders and pending requests fast enough for one run:
//! one funder signs every transaction locally with its own nonce count and a fixed gas
//! limit (no estimate, no nonce query), and the receipts are checked once at the end.

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
    sol_types::SolCall,
};
use anyhow::{Context, Result, bail};
use deployer::abi::{
    fixtures::IMockLst,
    lrt::{IVault, IWithdrawalQueue},
};

use crate::{setup::Side, user_ops::fresh_address};

/// Above what one deposit or request costs on either side.
const GAS_LIMIT: u64 = 600_000;

pub struct Funder {
    provider: DynProvider,
    from: Address,
    chain_id: u64,
    nonce: u64,
    max_fee: u128,
}

impl Funder {
    pub async fn new(rpc_url: &str, signer: PrivateKeySigner) -> Result<Self> {
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
            nonce: 0,
            max_fee,
        })
    }

    /// Sends `calls` (target, calldata) one after another; fails if any reverted.
    pub async fn send_all(&mut self, calls: Vec<(Address, Vec<u8>)>) -> Result<()> {
        self.nonce = self.provider.get_transaction_count(self.from).await?;
        let mut hashes = Vec::with_capacity(calls.len());
        for (to, input) in calls {
            let tx = TransactionRequest::default()
                .with_from(self.from)
                .with_to(to)
                .with_input(input)
                .with_nonce(self.nonce)
                .with_chain_id(self.chain_id)
                .with_gas_limit(GAS_LIMIT)
                .with_max_fee_per_gas(self.max_fee)
                .with_max_priority_fee_per_gas(0);
            let pending = self.provider.send_transaction(tx).await?;
            hashes.push(*pending.tx_hash());
            self.nonce += 1;
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

    pub fn address(&self) -> Address {
        self.from
    }
}

/// Gives the funder enough assets and shares on `side` for `count` holders and requests.
pub async fn prepare(funder: &mut Funder, side: &Side, count: u64) -> Result<()> {
    let amount = U256::from(count + 1) * UNIT * U256::from(4);
    let me = funder.address();
    let mut calls = vec![
        (side.token, IMockLst::mintCall { to: me, amount }.abi_encode()),
        (
            side.token,
            IMockLst::approveCall {
                spender: side.vault,
                amount: U256::MAX,
            }
            .abi_encode(),
        ),
        (
            side.vault,
            IVault::depositCall {
                assets: amount / U256::from(2),
                receiver: me,
            }
            .abi_encode(),
        ),
    ];
    if side.queue_needs_approval {
        calls.push((
            side.vault,
            IVault::approveCall {
                spender: side.queue,
                value: U256::MAX,
            }
            .abi_encode(),
        ));
    }
    funder.send_all(calls).await
}

/// A small amount, far above rounding: 0.001 token.
const UNIT: U256 = U256::from_limbs([1_000_000_000_000_000, 0, 0, 0]);

/// `count` new holders (deposits for fresh receivers) and `count` new pending requests
/// (for fresh controllers); `seed` keeps the addresses of separate calls apart.
pub async fn grow(funder: &mut Funder, side: &Side, count: u64, seed: u64) -> Result<()> {
    let me = funder.address();
    let mut calls = Vec::with_capacity(2 * count as usize);
    for i in 0..count {
        let receiver = fresh_address(seed + i);
        calls.push((
            side.vault,
            IVault::depositCall {
                assets: UNIT,
                receiver,
            }
            .abi_encode(),
        ));
        calls.push((
            side.queue,
            IWithdrawalQueue::requestRedeemCall {
                shares: UNIT,
                controller: receiver,
                owner: me,
            }
            .abi_encode(),
        ));
    }
    funder.send_all(calls).await
}
