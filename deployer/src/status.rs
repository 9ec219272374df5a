//! `lrt status`: per vault its TVL, rate, supply, queue backlog and the exposure table per
//! operator and AVS with concentration, read live from the chain.

use std::collections::{BTreeMap, HashMap};

use alloy::primitives::{Address, U256};
use serde::Serialize;

use crate::{
    error::Result,
    manifest::VaultRecord,
    ops::{Protocol, admin::describe_bits},
    output::Table,
    units::{WAD, format_duration, format_fraction, format_tokens, format_until},
};

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub chain_id: u64,
    pub block: u64,
    pub timestamp: u64,
    pub hub: Address,
    pub hub_paused: u8,
    pub vaults: Vec<VaultStatus>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub symbol: String,
    pub address: Address,
    pub asset_symbol: String,
    /// Decimals of the asset and of the shares: amounts below are in base units.
    pub decimals: u8,
    #[serde(serialize_with = "crate::units::decimal")]
    pub total_assets: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub total_supply: U256,
    /// Assets (base units) per whole share (10^decimals base units).
    #[serde(serialize_with = "crate::units::decimal")]
    pub rate: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub unvested_rewards: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub tvl_cap: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub per_deposit_cap: U256,
    pub vault_paused: u8,
    pub queue_paused: u8,
    pub queue: Backlog,
    pub exposure: Vec<ExposureRow>,
    pub operators: Vec<Concentration>,
    pub avss: Vec<Concentration>,
    /// Herfindahl index of the vault's delegation across operators (WAD; 1 = all on one).
    #[serde(serialize_with = "crate::units::decimal")]
    pub delegation_hhi: U256,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backlog {
    #[serde(serialize_with = "crate::units::decimal")]
    pub count: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub shares: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub assets: U256,
    pub next_unlock: u64,
    pub withdrawal_delay: u64,
}

/// What `avs` can take from the vault through `operator`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposureRow {
    pub operator: Address,
    pub avs: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub slashable_now: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub slashable_after_pending: U256,
    /// slashable_now / total assets (WAD).
    #[serde(serialize_with = "crate::units::decimal")]
    pub share_of_tvl: U256,
}

/// Exposure summed per operator or per AVS, and its share of the vault.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Concentration {
    pub address: Address,
    /// For operators: the vault's delegation in force (WAD); for AVSs: zero.
    #[serde(serialize_with = "crate::units::decimal")]
    pub delegation: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub slashable_now: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub share_of_tvl: U256,
}

/// Every vault of the manifest.
pub async fn read(p: &Protocol) -> Result<Status> {
    read_vaults(p, &p.manifest.vaults).await
}

/// The chain, the hub and `vaults`.
pub async fn read_vaults(p: &Protocol, vaults: &[VaultRecord]) -> Result<Status> {
    let chain_id = p.wallet.chain_id().await?;
    let timestamp = p.wallet.timestamp().await?;
    let block = alloy::providers::Provider::get_block_number(p.wallet.provider()).await?;
    let hub_paused = p.hub().paused().call().await?;
    let mut read = Vec::new();
    for v in vaults {
        read.push(read_vault(p, v).await?);
    }
    Ok(Status {
        chain_id,
        block,
        timestamp,
        hub: p.manifest.hub.address,
        hub_paused,
        vaults: read,
    })
}

pub async fn read_vault(p: &Protocol, v: &VaultRecord) -> Result<VaultStatus> {
    let vault = p.vault(v);
    let queue = p.queue(v);
    let total_assets = vault.totalAssets().call().await?;
    let backlog = queue.backlog().call().await?;
    let share = |x: U256| {
        if total_assets.is_zero() {
            U256::ZERO
        } else {
            x * WAD / total_assets
        }
    };
    let rows = exposure_rows(p, v.vault.address)
        .await?
        .into_iter()
        .map(|(operator, avs, now, after)| ExposureRow {
            operator,
            avs,
            slashable_now: now,
            slashable_after_pending: after,
            share_of_tvl: share(now),
        })
        .collect::<Vec<_>>();
    let mut per_avs: BTreeMap<Address, U256> = BTreeMap::new();
    for row in &rows {
        *per_avs.entry(row.avs).or_default() += row.slashable_now;
    }
    let mut operators = Vec::new();
    let mut hhi = U256::ZERO;
    for operator in p.hub().vaultOperators(v.vault.address).call().await? {
        let delegation = p
            .hub()
            .delegation(v.vault.address, operator)
            .call()
            .await?
            ._0;
        hhi += delegation * delegation / WAD;
        let slashable_now = rows
            .iter()
            .filter(|r| r.operator == operator)
            .map(|r| r.slashable_now)
            .sum();
        operators.push(Concentration {
            address: operator,
            delegation,
            slashable_now,
            share_of_tvl: share(slashable_now),
        });
    }
    let avss = per_avs
        .into_iter()
        .map(|(avs, slashable_now)| Concentration {
            address: avs,
            delegation: U256::ZERO,
            slashable_now,
            share_of_tvl: share(slashable_now),
        })
        .collect();

    Ok(VaultStatus {
        symbol: v.symbol.clone(),
        address: v.vault.address,
        asset_symbol: v.asset.symbol.clone(),
        decimals: v.asset.decimals,
        total_assets,
        total_supply: vault.totalSupply().call().await?,
        rate: vault
            .convertToAssets(U256::from(10).pow(U256::from(v.asset.decimals)))
            .call()
            .await?,
        unvested_rewards: vault.unvestedRewards().call().await?,
        tvl_cap: vault.tvlCap().call().await?,
        per_deposit_cap: vault.perDepositCap().call().await?,
        vault_paused: vault.paused().call().await?,
        queue_paused: queue.paused().call().await?,
        queue: Backlog {
            count: backlog._0,
            shares: backlog._1,
            assets: backlog._2,
            next_unlock: backlog._3,
            withdrawal_delay: queue.withdrawalDelay().call().await?,
        },
        exposure: rows,
        operators,
        avss,
        delegation_hhi: hhi,
    })
}

/// `(operator, AVS, slashable now, slashable after pending changes)` for every pair through
/// which `vault` can be slashed right now.
pub async fn exposure_rows(
    p: &Protocol,
    vault: Address,
) -> Result<Vec<(Address, Address, U256, U256)>> {
    let hub = p.hub();
    let mut rows = Vec::new();
    for operator in hub.vaultOperators(vault).call().await? {
        for avs in hub.operatorAvss(operator).call().await? {
            let e = hub.exposure(vault, operator, avs).call().await?;
            if !e._0.is_zero() || !e._1.is_zero() {
                rows.push((operator, avs, e._0, e._1));
            }
        }
    }
    Ok(rows)
}

/// Names for addresses in tables; anything unnamed prints as `0x1234…abcd`.
#[derive(Debug, Clone, Default)]
pub struct Labels(HashMap<Address, String>);

impl Labels {
    pub fn new(pairs: impl IntoIterator<Item = (Address, String)>) -> Self {
        Self(pairs.into_iter().collect())
    }

    pub fn insert(&mut self, address: Address, label: impl Into<String>) {
        self.0.insert(address, label.into());
    }

    pub fn name(&self, address: Address) -> String {
        match self.0.get(&address) {
            Some(label) => label.clone(),
            None => {
                let hex = address.to_checksum(None);
                format!("{}…{}", &hex[..6], &hex[hex.len() - 4..])
            }
        }
    }
}

/// Base units of the vault's asset (or shares) for people; the uint256 maximum is "no cap".
fn amount(v: U256, decimals: u8) -> String {
    if v == U256::MAX {
        "unlimited".into()
    } else {
        format_tokens(v, decimals, 4)
    }
}

/// The tables `lrt status` prints.
pub fn render(status: &Status, labels: &Labels) -> String {
    let mut out = format!(
        "chain {} · block {} · hub {} · hub paused: {}\n",
        status.chain_id,
        status.block,
        status.hub,
        describe_bits(status.hub_paused)
    );
    for v in &status.vaults {
        out.push_str(&render_vault(v, status.timestamp, labels));
    }
    out
}

pub fn render_vault(v: &VaultStatus, now: u64, labels: &Labels) -> String {
    let amount = |x: U256| amount(x, v.decimals);
    let mut summary = Table::new(["metric", "value"])
        .titled(format!(
            "{} — vault {} over {}",
            v.symbol, v.address, v.asset_symbol
        ))
        .left_aligned(1);
    summary.row([
        "TVL (totalAssets)".to_owned(),
        format!("{} {}", amount(v.total_assets), v.asset_symbol),
    ]);
    summary.row([
        "rate (assets per share)".to_owned(),
        format_tokens(v.rate, v.decimals, 6),
    ]);
    summary.row([
        "supply".to_owned(),
        format!("{} {}", amount(v.total_supply), v.symbol),
    ]);
    summary.row([
        "unvested rewards".to_owned(),
        format!("{} {}", amount(v.unvested_rewards), v.asset_symbol),
    ]);
    summary.row([
        "caps (TVL / per deposit)".to_owned(),
        format!("{} / {}", amount(v.tvl_cap), amount(v.per_deposit_cap)),
    ]);
    summary.row([
        "paused (vault / queue)".to_owned(),
        format!(
            "{} / {}",
            describe_bits(v.vault_paused),
            describe_bits(v.queue_paused)
        ),
    ]);
    let next = if v.queue.count.is_zero() {
        "—".to_owned()
    } else if v.queue.next_unlock <= now {
        "now".to_owned()
    } else {
        format_until(now, v.queue.next_unlock)
    };
    summary.row([
        "queue backlog".to_owned(),
        format!(
            "{} requests · {} {} · {} {} · next unlock {next} (delay {})",
            v.queue.count,
            amount(v.queue.shares),
            v.symbol,
            amount(v.queue.assets),
            v.asset_symbol,
            format_duration(v.queue.withdrawal_delay)
        ),
    ]);
    let mut out = summary.render();

    let mut exposure = Table::new([
        "operator",
        "AVS",
        "slashable now",
        "after pending",
        "% of TVL",
    ])
    .titled(format!("{} exposure per operator × AVS", v.symbol))
    .left_aligned(2);
    for row in &v.exposure {
        exposure.row([
            labels.name(row.operator),
            labels.name(row.avs),
            amount(row.slashable_now),
            amount(row.slashable_after_pending),
            format_fraction(row.share_of_tvl),
        ]);
    }
    out.push_str(&exposure.render());

    let mut concentration = Table::new(["operator", "delegated", "slashable now", "% of TVL"])
        .titled(format!(
            "{} concentration (delegation HHI {})",
            v.symbol,
            format_fraction(v.delegation_hhi)
        ))
        .left_aligned(1);
    for c in &v.operators {
        concentration.row([
            labels.name(c.address),
            format_fraction(c.delegation),
            amount(c.slashable_now),
            format_fraction(c.share_of_tvl),
        ]);
    }
    for c in &v.avss {
        concentration.row([
            format!("AVS {}", labels.name(c.address)),
            "—".into(),
            amount(c.slashable_now),
            format_fraction(c.share_of_tvl),
        ]);
    }
    out.push_str(&concentration.render());
    out
}
