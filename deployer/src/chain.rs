//! A signing connection to a node: send transactions whose reverts come back decoded, read
//! receipts and their events, and move the devnet clock.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use alloy::{
    contract::SolCallBuilder,
    eips::BlockId,
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, B256, Bytes, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::{Log, TransactionReceipt, TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::{SolCall, SolEvent},
};
use serde::Serialize;

use crate::{
    abi::stylus::STYLUS_DEPLOYER,
    dry_run::DryRun,
    error::{Error, Result},
    fees,
    revert::Revert,
};

pub const DEFAULT_RPC_URL: &str = "http://127.0.0.1:8547";
/// Anvil's (and the devnet's) first prefunded account.
pub const DEFAULT_PRIVATE_KEY: &str =
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/// Instant-mining nodes have the receipt at once; a real chain may take a while.
const RECEIPT_TIMEOUT: Duration = Duration::from_secs(120);

/// A key and the node it signs for.
#[derive(Clone)]
pub struct Wallet {
    provider: DynProvider,
    signer: PrivateKeySigner,
    rpc_url: String,
    stylus_deployer: Address,
    /// Set on a dry run: transactions are simulated and recorded there, never sent.
    dry_run: Option<Arc<DryRun>>,
}

/// A mined, successful transaction.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    pub hash: B256,
    pub block: u64,
    pub gas_used: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_address: Option<Address>,
    #[serde(skip)]
    pub logs: Vec<Log>,
}

impl Sent {
    fn from_receipt(receipt: &TransactionReceipt) -> Self {
        Self {
            hash: receipt.transaction_hash,
            block: receipt.block_number.unwrap_or_default(),
            gas_used: receipt.gas_used,
            contract_address: receipt.contract_address,
            logs: receipt.inner.logs().to_vec(),
        }
    }

    /// Every `E` event the transaction emitted, from any contract.
    pub fn events<E: SolEvent>(&self) -> Vec<E> {
        self.logs
            .iter()
            .filter_map(|log| E::decode_log(&log.inner).ok().map(|l| l.data))
            .collect()
    }

    pub fn event<E: SolEvent>(&self) -> Option<E> {
        self.events().into_iter().next()
    }
}

/// A signing key from `0x` + 64 hex digits; says whether the text is not 32 hex bytes or is
/// but names no key (zero, or not below the secp256k1 group order).
pub fn parse_private_key(key: &str) -> Result<PrivateKeySigner> {
    let hint = "pass --private-key 0x<64 hex digits> (default: the devnet's first account)";
    let digits = key.trim();
    let digits = digits.strip_prefix("0x").unwrap_or(digits);
    let bytes = match alloy::hex::decode(digits) {
        Ok(bytes) if bytes.len() == 32 => bytes,
        Ok(bytes) => {
            return Err(Error::input(
                format!(
                    "the private key is {} bytes; a key is 32 bytes (64 hex digits)",
                    bytes.len()
                ),
                hint,
            ));
        }
        Err(_) => {
            return Err(Error::input(
                "the private key is not hex (0x followed by 64 hex digits)",
                hint,
            ));
        }
    };
    PrivateKeySigner::from_slice(&bytes).map_err(|_| {
        Error::input(
            "the private key is valid hex but not a valid secp256k1 key (zero, or not below the curve order)",
            hint,
        )
    })
}

impl Wallet {
    pub fn connect(rpc_url: &str, private_key: &str) -> Result<Self> {
        let signer = parse_private_key(private_key)?;
        Self::with_signer(rpc_url, signer)
    }

    pub fn with_signer(rpc_url: &str, signer: PrivateKeySigner) -> Result<Self> {
        let url = rpc_url.parse().map_err(|_| {
            Error::input(
                format!("`{rpc_url}` is not a URL"),
                "pass --rpc-url like http://127.0.0.1:8547",
            )
        })?;
        // The nonce is read from the node for every transaction: alloy's default cache
        // advances it even when the transaction is refused before it is sent (a revert in
        // gas estimation), and the next transaction then arrives with a nonce gap.
        let provider = ProviderBuilder::default()
            .with_gas_estimation()
            .with_simple_nonce_management()
            .fetch_chain_id()
            .wallet(EthereumWallet::from(signer.clone()))
            .connect_http(url)
            .erased();
        Ok(Self {
            provider,
            signer,
            rpc_url: rpc_url.to_owned(),
            stylus_deployer: STYLUS_DEPLOYER,
            dry_run: None,
        })
    }

    /// The same node, another key.
    pub fn other(&self, private_key: &str) -> Result<Self> {
        Ok(Self {
            stylus_deployer: self.stylus_deployer,
            dry_run: self.dry_run.clone(),
            ..Self::connect(&self.rpc_url, private_key)?
        })
    }

    /// The StylusDeployer factory of this chain (the canonical address unless a network
    /// profile says otherwise).
    pub fn with_stylus_deployer(self, factory: Address) -> Self {
        Self {
            stylus_deployer: factory,
            ..self
        }
    }

    pub fn stylus_deployer(&self) -> Address {
        self.stylus_deployer
    }

    /// The same key and node, simulating instead of sending: every transaction from here on
    /// runs on top of the ones simulated before it and is recorded in the returned plan.
    pub fn dry_run(&self) -> (Self, Arc<DryRun>) {
        let plan = Arc::new(DryRun::default());
        let wallet = Self {
            dry_run: Some(plan.clone()),
            ..self.clone()
        };
        (wallet, plan)
    }

    pub fn provider(&self) -> &DynProvider {
        &self.provider
    }

    pub fn address(&self) -> Address {
        self.signer.address()
    }

    pub fn signer(&self) -> &PrivateKeySigner {
        &self.signer
    }

    pub fn rpc_url(&self) -> &str {
        &self.rpc_url
    }

    pub async fn chain_id(&self) -> Result<u64> {
        Ok(self.provider.get_chain_id().await?)
    }

    /// Answers read-only `calls` in order; on a dry run on top of the transactions planned
    /// so far, so a read sees what the plan would have deployed.
    pub async fn call_all(&self, calls: Vec<TransactionRequest>) -> Result<Vec<Bytes>> {
        if let Some(plan) = &self.dry_run {
            return plan.call(&self.provider, calls).await;
        }
        let mut answers = Vec::with_capacity(calls.len());
        for call in calls {
            answers.push(self.provider.call(call).await?);
        }
        Ok(answers)
    }

    /// Sends a contract call; a revert (at estimation or in the block) comes back as
    /// [`Error::Reverted`] naming `action`.
    pub async fn send<P: Provider, C: SolCall>(
        &self,
        call: SolCallBuilder<P, C>,
        action: &str,
    ) -> Result<Sent> {
        self.send_tx(call.into_transaction_request(), action).await
    }

    /// Sends `tx` with a gas limit from [`fees::estimate`] (L1 data gas included) plus a
    /// margin; on a dry run simulates and records it instead.
    pub async fn send_tx(&self, tx: TransactionRequest, action: &str) -> Result<Sent> {
        let mut tx = tx.with_from(self.address());
        if let Some(plan) = &self.dry_run {
            return plan.simulate(&self.provider, tx, action).await;
        }
        if tx.gas.is_none() {
            let estimate = fees::estimate(&self.provider, &tx)
                .await
                .map_err(|e| e.during(action))?;
            tx.gas = Some(gas_with_margin(estimate.total));
        }
        let pending = self
            .provider
            .send_transaction(tx.clone())
            .await
            .map_err(|e| Error::from(e).during(action))?;
        let hash = *pending.tx_hash();
        let receipt = self
            .wait_for_receipt(hash)
            .await
            .map_err(|e| e.during(action))?;
        if !receipt.status() {
            return Err(self.replay_failure(tx, &receipt).await.during(action));
        }
        Ok(Sent::from_receipt(&receipt))
    }

    /// Deploys EVM creation code; returns the new contract's address.
    pub async fn deploy_evm(&self, initcode: Bytes, action: &str) -> Result<(Address, Sent)> {
        let tx = TransactionRequest::default().with_deploy_code(initcode);
        let sent = self.send_tx(tx, action).await?;
        let address = sent.contract_address.ok_or_else(|| {
            Error::Rpc(format!("{action}: the receipt names no contract address"))
        })?;
        Ok((address, sent))
    }

    async fn wait_for_receipt(&self, hash: B256) -> Result<TransactionReceipt> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            if let Some(receipt) = self.provider.get_transaction_receipt(hash).await? {
                return Ok(receipt);
            }
            if started.elapsed() > RECEIPT_TIMEOUT {
                return Err(Error::Rpc(format!(
                    "transaction {hash} was not mined within {}s",
                    RECEIPT_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(500));
        }
    }

    /// A transaction that failed in its block is re-run on the state before it to learn why.
    async fn replay_failure(&self, tx: TransactionRequest, receipt: &TransactionReceipt) -> Error {
        let before = receipt.block_number.unwrap_or_default().saturating_sub(1);
        match self.provider.call(tx).block(BlockId::number(before)).await {
            Err(err) => Error::from(err),
            Ok(_) => Error::Reverted(Box::new(Revert::decode(&[]))),
        }
    }

    pub async fn balance(&self, account: Address) -> Result<U256> {
        Ok(self.provider.get_balance(account).await?)
    }

    pub async fn timestamp(&self) -> Result<u64> {
        let block = self
            .provider
            .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
            .await?
            .ok_or_else(|| Error::Rpc("the node has no latest block".into()))?;
        Ok(block.header.timestamp)
    }

    /// Moves the clock forward and mines a block there (anvil's dev methods, which the
    /// devnet implements); lets delays and vesting pass in tests and the demo.
    pub async fn warp(&self, seconds: u64) -> Result<u64> {
        let _: serde_json::Value = self
            .provider
            .raw_request("evm_increaseTime".into(), (seconds,))
            .await
            .map_err(|e| Error::from(e).during("evm_increaseTime (is this a dev chain?)"))?;
        let _: serde_json::Value = self
            .provider
            .raw_request("evm_mine".into(), ())
            .await
            .map_err(|e| Error::from(e).during("evm_mine"))?;
        self.timestamp().await
    }
}
/// Gas for a transaction estimated at `estimate`: 30 % more, as `forge script` sends. The
/// estimate is exact for the state and clock it ran on; by the time the transaction is mined
/// the clock has moved (vesting accrues, a storage slot changes from zero), which can cost more.
pub fn gas_with_margin(estimate: u64) -> u64 {
    const CEILING: u64 = 30_000_000;
    (estimate.saturating_mul(13) / 10)
        .min(CEILING)
        .max(estimate)
}
