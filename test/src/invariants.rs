//! DESIGN.md §2's invariants, read from the chain after every step of a scenario.

use std::collections::BTreeSet;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use deployer::{abi::lrt::events, manifest::VaultRecord, ops::Protocol, units::WAD};

/// How the step is allowed to move the assets-per-share rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rate {
    /// Deposits, withdrawals, role changes: only rounding in the vault's favour.
    Steady,
    /// Rewards vesting: it may rise, by at most the rewards per share.
    MayRise { rewards: U256 },
    /// A slash: it may fall.
    MayFall,
}

/// Rates seen so far, per vault, to compare each step with the one before.
#[derive(Debug, Default)]
pub struct Watch {
    rates: Vec<(Address, U256)>,
}

impl Watch {
    /// Asserts every invariant for every vault of the deployment; `step` names the failure.
    pub async fn check(&mut self, p: &Protocol, step: &str, rate: Rate) {
        for v in &p.manifest.vaults {
            supply_matches_balances(p, v, step).await;
            backing_covers_assets(p, v, step).await;
            self.rate_moves_only_as_allowed(p, v, step, rate).await;
            claims_paid_once_within_value(p, v, step).await;
            fractions_within_bounds(p, v, step).await;
            exposure_within_allocation(p, v, step).await;
        }
    }

    async fn rate_moves_only_as_allowed(
        &mut self,
        p: &Protocol,
        v: &VaultRecord,
        step: &str,
        rate: Rate,
    ) {
        let vault = p.vault(v);
        let now = vault.convertToAssets(WAD).call().await.unwrap();
        let supply = vault.totalSupply().call().await.unwrap();
        let Some(slot) = self.rates.iter_mut().find(|(a, _)| *a == v.vault.address) else {
            self.rates.push((v.vault.address, now));
            return;
        };
        let before = slot.1;
        slot.1 = now;
        // Rounding in the vault's favour moves the rate by a few wei per operation.
        let dust = U256::from(1_000u64);
        match rate {
            Rate::Steady => {
                assert!(
                    now + dust >= before,
                    "{step}: {} rate fell from {before} to {now} without a slash",
                    v.symbol
                );
                assert!(
                    now <= before + dust,
                    "{step}: {} rate rose from {before} to {now} without rewards",
                    v.symbol
                );
            }
            Rate::MayRise { rewards } => {
                assert!(
                    now + dust >= before,
                    "{step}: {} rate fell from {before} to {now} on rewards",
                    v.symbol
                );
                let virtual_shares = U256::from(1_000u64);
                let bound = before + rewards * WAD / (supply + virtual_shares) + dust;
                assert!(
                    now <= bound,
                    "{step}: {} rate rose to {now}, faster than the rewards allow ({bound})",
                    v.symbol
                );
            }
            Rate::MayFall => {}
        }
    }
}

/// Invariant 1: Σ balances = totalSupply, over every address that ever received shares.
async fn supply_matches_balances(p: &Protocol, v: &VaultRecord, step: &str) {
    let vault = p.vault(v);
    let filter = Filter::new()
        .address(v.vault.address)
        .event_signature(events::Transfer::SIGNATURE_HASH)
        .from_block(0);
    let logs = p.wallet.provider().get_logs(&filter).await.unwrap();
    let holders: BTreeSet<Address> = logs
        .iter()
        .filter_map(|log| events::Transfer::decode_log(&log.inner).ok())
        .map(|e| e.data.to)
        .collect();
    let mut sum = U256::ZERO;
    for holder in holders {
        sum += vault.balanceOf(holder).call().await.unwrap();
    }
    let supply = vault.totalSupply().call().await.unwrap();
    assert_eq!(
        sum, supply,
        "{step}: {} Σ balances {sum} != totalSupply {supply}",
        v.symbol
    );
}

/// Invariant 2: underlying held ≥ totalAssets + unvested rewards (bookkeeping never counts
/// a donation or more than it holds).
async fn backing_covers_assets(p: &Protocol, v: &VaultRecord, step: &str) {
    let held = p.asset(v).balanceOf(v.vault.address).call().await.unwrap();
    let vault = p.vault(v);
    let total = vault.totalAssets().call().await.unwrap();
    let unvested = vault.unvestedRewards().call().await.unwrap();
    assert!(
        held >= total + unvested,
        "{step}: {} holds {held} < totalAssets {total} + unvested {unvested}",
        v.symbol
    );
}

/// Invariant 4: each request is paid at most once, never more than min(value at request,
/// value at claim). The value at claim is the vault's rate at the end of the claim's block
/// (redeeming at the rate leaves the rate where it was, up to rounding in the vault's favour).
async fn claims_paid_once_within_value(p: &Protocol, v: &VaultRecord, step: &str) {
    let filter = Filter::new()
        .address(v.queue.address)
        .event_signature(events::RedeemClaimed::SIGNATURE_HASH)
        .from_block(0);
    let logs = p.wallet.provider().get_logs(&filter).await.unwrap();
    let mut paid = BTreeSet::new();
    for log in &logs {
        let claim = events::RedeemClaimed::decode_log(&log.inner).unwrap().data;
        assert!(
            paid.insert(claim.requestId),
            "{step}: {} request #{} paid twice",
            v.symbol,
            claim.requestId
        );
        let request = p.queue(v).request(claim.requestId).call().await.unwrap();
        assert!(
            request._5,
            "{step}: paid request #{} not marked claimed",
            claim.requestId
        );
        let block = log.block_number.expect("a mined log");
        let at_claim = p
            .vault(v)
            .convertToAssets(claim.shares)
            .block(block.into())
            .call()
            .await
            .unwrap();
        let bound = request._2.min(at_claim + U256::from(1_000u64));
        assert!(
            claim.assets <= bound,
            "{step}: {} request #{} paid {} > min(at request {}, at claim {at_claim})",
            v.symbol,
            claim.requestId,
            claim.assets,
            request._2
        );
    }
}

/// Invariant 6: delegations per vault and allocations per operator sum to at most 100 %, in
/// force and after pending changes.
async fn fractions_within_bounds(p: &Protocol, v: &VaultRecord, step: &str) {
    let hub = p.hub();
    let (mut now, mut after) = (U256::ZERO, U256::ZERO);
    for operator in hub.vaultOperators(v.vault.address).call().await.unwrap() {
        let d = hub
            .delegation(v.vault.address, operator)
            .call()
            .await
            .unwrap();
        now += d._0;
        after += d._1;
        let (mut a_now, mut a_after) = (U256::ZERO, U256::ZERO);
        for avs in hub.operatorAvss(operator).call().await.unwrap() {
            let a = hub.allocation(operator, avs).call().await.unwrap();
            a_now += a._0;
            a_after += a._1;
        }
        assert!(
            a_now <= WAD && a_after <= WAD,
            "{step}: operator {operator} allocates above 100%"
        );
    }
    assert!(
        now <= WAD && after <= WAD,
        "{step}: {} delegates above 100%",
        v.symbol
    );
}

/// Invariant 5: what any AVS can slash from a vault is bounded by delegation × allocation.
async fn exposure_within_allocation(p: &Protocol, v: &VaultRecord, step: &str) {
    let hub = p.hub();
    let total = p.vault(v).totalAssets().call().await.unwrap();
    for (operator, avs, now, _) in deployer::status::exposure_rows(p, v.vault.address)
        .await
        .unwrap()
    {
        let d = hub
            .delegation(v.vault.address, operator)
            .call()
            .await
            .unwrap()
            ._0;
        let a = hub.allocation(operator, avs).call().await.unwrap()._0;
        let cap = total * d / WAD * a / WAD + U256::from(2);
        assert!(
            now <= cap,
            "{step}: {} exposure {now} above delegation × allocation {cap}",
            v.symbol
        );
    }
}
