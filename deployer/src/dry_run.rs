//! `--dry-run`: the command runs as usual, but each transaction is simulated with
//! `eth_simulateV1` on top of the ones simulated before it (so a wiring call sees the
//! contract a previous deploy would have created) and recorded instead of sent. The plan
//! lists each transaction with its gas, L1 data gas included, and its cost at the current
//! base fee. Nothing is signed or sent: nonces and balances stay as they were.

use std::collections::HashMap;

use alloy::{
    primitives::{Address, B256, TxKind, U256},
    providers::{DynProvider, Provider},
    rpc::types::{
        TransactionRequest,
        simulate::{SimBlock, SimulatePayload},
    },
};
use serde::Serialize;
use tokio::sync::Mutex;

use crate::{
    chain::Sent,
    error::{Error, Result},
    fees,
    output::Table,
    revert::Revert,
    units::format_amount,
};

/// The transactions a dry run would have sent, in order.
#[derive(Debug, Default)]
pub struct DryRun {
    state: Mutex<Recorded>,
}

#[derive(Debug, Default)]
struct Recorded {
    planned: Vec<Planned>,
    /// The next nonce of each sender, counting the transactions already planned.
    nonces: HashMap<Address, u64>,
}

/// One transaction that would be sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Planned {
    pub what: String,
    pub from: Address,
    /// `None` for a contract creation.
    pub to: Option<Address>,
    /// The called function's selector, `0x` + 8 hex digits (none for a creation).
    pub selector: Option<String>,
    #[serde(serialize_with = "crate::units::decimal")]
    pub value: U256,
    pub gas: fees::GasEstimate,
    #[serde(skip)]
    request: TransactionRequest,
}

/// What the plan would cost: gas at the current base fee, plus the value sent (activation
/// data fees paid through the factory).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub transactions: Vec<Planned>,
    pub total_gas: u64,
    pub total_l1_gas: u64,
    #[serde(serialize_with = "crate::units::decimal")]
    pub gas_cost_wei: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub value_wei: U256,
}

impl DryRun {
    /// Simulates `tx` after everything recorded so far and records it; the returned [`Sent`]
    /// has the simulated logs and gas (L1 part included), no hash and block 0.
    pub async fn simulate(
        &self,
        provider: &DynProvider,
        tx: TransactionRequest,
        action: &str,
    ) -> Result<Sent> {
        let mut state = self.state.lock().await;
        let from = tx.from.unwrap_or_default();
        let nonce = match state.nonces.get(&from) {
            Some(&nonce) => nonce,
            None => provider.get_transaction_count(from).await?,
        };
        let request = tx.nonce(nonce);
        // One transaction per simulated block, as an instant-mining node or a sequencer
        // would include them, so no block gas limit is shared between them.
        let blocks = state
            .planned
            .iter()
            .map(|p| &p.request)
            .chain(std::iter::once(&request))
            .map(|call| SimBlock {
                calls: vec![call.clone()],
                ..SimBlock::default()
            })
            .collect();
        let payload = SimulatePayload {
            block_state_calls: blocks,
            ..SimulatePayload::default()
        };
        let simulated = provider.simulate(&payload).await.map_err(|e| {
            Error::Rpc(format!(
                "{action}: the node cannot simulate (eth_simulateV1: {e}); a dry run needs it, nothing was sent"
            ))
        })?;
        let result = simulated
            .last()
            .and_then(|block| block.calls.first())
            .ok_or_else(|| Error::Rpc(format!("{action}: eth_simulateV1 returned no result")))?;
        if !result.status {
            return Err(
                Error::Reverted(Box::new(Revert::decode(&result.return_data))).during(action),
            );
        }
        let l1 = fees::l1_gas(provider, &request).await?;
        let gas = fees::GasEstimate {
            total: result.gas_used + l1,
            l1,
            base_fee: fees::base_fee(provider).await?,
        };
        let to = match request.to {
            Some(TxKind::Call(to)) => Some(to),
            _ => None,
        };
        let input = request.input.input().cloned().unwrap_or_default();
        let selector = (to.is_some() && input.len() >= 4)
            .then(|| format!("0x{}", alloy::hex::encode(&input[..4])));
        let sent = Sent {
            hash: B256::ZERO,
            block: 0,
            gas_used: gas.total,
            contract_address: to.is_none().then(|| from.create(nonce)),
            logs: result.logs.clone(),
        };
        state.nonces.insert(from, nonce + 1);
        state.planned.push(Planned {
            what: action.to_owned(),
            from,
            to,
            selector,
            value: request.value.unwrap_or_default(),
            gas,
            request,
        });
        Ok(sent)
    }

    /// Answers the read-only `calls` after everything recorded so far, so a read sees the
    /// contracts and settings the plan would have created; records nothing.
    pub async fn call(
        &self,
        provider: &DynProvider,
        calls: Vec<TransactionRequest>,
    ) -> Result<Vec<alloy::primitives::Bytes>> {
        let state = self.state.lock().await;
        let mut blocks: Vec<SimBlock> = state
            .planned
            .iter()
            .map(|p| SimBlock {
                calls: vec![p.request.clone()],
                ..SimBlock::default()
            })
            .collect();
        let count = calls.len();
        blocks.push(SimBlock {
            calls,
            ..SimBlock::default()
        });
        let payload = SimulatePayload {
            block_state_calls: blocks,
            ..SimulatePayload::default()
        };
        let simulated = provider.simulate(&payload).await.map_err(|e| {
            Error::Rpc(format!(
                "the node cannot simulate (eth_simulateV1: {e}); a dry run needs it, nothing was sent"
            ))
        })?;
        let results = simulated
            .last()
            .map(|block| &block.calls[..])
            .unwrap_or(&[]);
        if results.len() != count {
            return Err(Error::Rpc(format!(
                "eth_simulateV1 answered {} of {count} reads",
                results.len()
            )));
        }
        results
            .iter()
            .map(|r| {
                if r.status {
                    Ok(r.return_data.clone())
                } else {
                    Err(Error::Reverted(Box::new(Revert::decode(&r.return_data))))
                }
            })
            .collect()
    }

    /// The recorded transactions and their totals.
    pub async fn plan(&self) -> Plan {
        let state = self.state.lock().await;
        let transactions = state.planned.clone();
        Plan {
            total_gas: transactions.iter().map(|t| t.gas.total).sum(),
            total_l1_gas: transactions.iter().map(|t| t.gas.l1).sum(),
            gas_cost_wei: transactions.iter().map(|t| t.gas.cost()).sum(),
            value_wei: transactions.iter().map(|t| t.value).sum(),
            transactions,
        }
    }
}

impl Plan {
    /// The table of transactions and a closing line with the totals.
    pub fn render(&self) -> String {
        let eth = |wei: U256| format_amount(wei, 8);
        let mut table = Table::new(["#", "transaction", "to", "selector", "gas (L1)", "cost ETH"])
            .left_aligned(4)
            .titled("dry run: nothing was sent".to_owned());
        for (i, t) in self.transactions.iter().enumerate() {
            table.row([
                (i + 1).to_string(),
                t.what.clone(),
                t.to.map_or("(create)".to_owned(), |a| a.to_string()),
                t.selector.clone().unwrap_or_default(),
                format!("{} ({})", t.gas.total, t.gas.l1),
                eth(t.gas.cost()),
            ]);
        }
        format!(
            "{}\n {} transactions · gas {} (L1 data {}) · gas cost {} ETH at the current base fee · value sent {} ETH\n",
            table.render(),
            self.transactions.len(),
            self.total_gas,
            self.total_l1_gas,
            eth(self.gas_cost_wei),
            eth(self.value_wei),
        )
    }
}
