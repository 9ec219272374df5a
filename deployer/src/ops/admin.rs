//! Governance and pausers: per-function pause bits on any of the contracts, and the two-step
//! admin handover of all of them.

use alloy::primitives::Address;
use serde::Serialize;

use super::Protocol;
use crate::{
    abi::lrt::IHub,
    chain::Sent,
    error::{Error, Result},
    manifest::VaultRecord,
};

pub const DEPOSIT: u8 = 1;
pub const REQUEST: u8 = 2;
pub const CLAIM: u8 = 4;
pub const DELEGATE: u8 = 8;

/// Names of the pause bits, as the CLI takes them.
pub fn parse_bits(names: &[String]) -> Result<u8> {
    let mut bits = 0;
    for name in names {
        bits |= match name.to_lowercase().as_str() {
            "deposit" => DEPOSIT,
            "request" => REQUEST,
            "claim" => CLAIM,
            "delegate" => DELEGATE,
            "all" => DEPOSIT | REQUEST | CLAIM | DELEGATE,
            other => {
                return Err(Error::input(
                    format!("`{other}` is not a pause bit"),
                    "use deposit, request, claim, delegate or all",
                ));
            }
        };
    }
    if bits == 0 {
        return Err(Error::input(
            "no pause bit given",
            "name one: deposit, request, claim, delegate or all",
        ));
    }
    Ok(bits)
}

pub fn describe_bits(bits: u8) -> String {
    let names: Vec<&str> = [
        (DEPOSIT, "deposit"),
        (REQUEST, "request"),
        (CLAIM, "claim"),
        (DELEGATE, "delegate"),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .map(|(_, name)| name)
    .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join("+")
    }
}

/// Which contracts a pause applies to, with the bits each is sent: deposit lives in the
/// vault, request/claim in the queue, delegate in the hub, and each contract refuses the bits
/// it does not enforce.
pub fn targets(p: &Protocol, v: &VaultRecord, bits: u8) -> Vec<(String, Address, u8)> {
    [
        (format!("{} vault", v.symbol), v.vault.address, DEPOSIT),
        (
            format!("{} queue", v.symbol),
            v.queue.address,
            REQUEST | CLAIM,
        ),
        ("hub".to_owned(), p.manifest.hub.address, DELEGATE),
    ]
    .into_iter()
    .filter(|(_, _, enforced)| bits & enforced != 0)
    .map(|(name, address, enforced)| (name, address, bits & enforced))
    .collect()
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseChange {
    pub contract: String,
    pub address: Address,
    pub bits: u8,
    pub paused_now: u8,
    pub tx: Sent,
}

pub async fn pause(p: &Protocol, v: &VaultRecord, bits: u8) -> Result<Vec<PauseChange>> {
    set(p, v, bits, true).await
}

pub async fn unpause(p: &Protocol, v: &VaultRecord, bits: u8) -> Result<Vec<PauseChange>> {
    set(p, v, bits, false).await
}

async fn set(p: &Protocol, v: &VaultRecord, bits: u8, pause: bool) -> Result<Vec<PauseChange>> {
    let mut changes = Vec::new();
    for (contract, address, bits) in targets(p, v, bits) {
        // The role surface is the same on all three contracts.
        let c = IHub::new(address, p.wallet.provider().clone());
        let verb = if pause { "pause" } else { "unpause" };
        let what = format!("{verb} {} on {contract}", describe_bits(bits));
        let tx = if pause {
            p.wallet.send(c.pause(bits), &what).await?
        } else {
            p.wallet.send(c.unpause(bits), &what).await?
        };
        let paused_now = c.paused().call().await?;
        changes.push(PauseChange {
            contract,
            address,
            bits,
            paused_now,
            tx,
        });
    }
    Ok(changes)
}

/// Every contract of the deployment, named: the hub, then each vault and its queue. The role
/// surface (`admin`, `transferAdmin`, `acceptAdmin`, pause) is the same on all of them.
pub fn contracts(p: &Protocol) -> Vec<(String, Address)> {
    let mut out = vec![("hub".to_owned(), p.manifest.hub.address)];
    for v in &p.manifest.vaults {
        out.push((format!("{} vault", v.symbol), v.vault.address));
        out.push((format!("{} queue", v.symbol), v.queue.address));
    }
    out
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminChange {
    pub contract: String,
    pub address: Address,
    pub admin: Address,
    pub pending_admin: Address,
    pub tx: Sent,
}

/// Names `new_admin` as pending admin of every contract; each takes effect when the new admin
/// accepts (`lrt admin accept` with its key).
pub async fn transfer(p: &Protocol, new_admin: Address) -> Result<Vec<AdminChange>> {
    let mut changes = Vec::new();
    for (contract, address) in contracts(p) {
        let c = IHub::new(address, p.wallet.provider().clone());
        let what = format!("transferAdmin({new_admin}) on {contract}");
        let tx = p.wallet.send(c.transferAdmin(new_admin), &what).await?;
        changes.push(change(&c, contract, address, tx).await?);
    }
    Ok(changes)
}

/// Accepts the admin role on every contract that names the sender as pending admin; fails
/// when none does.
pub async fn accept(p: &Protocol) -> Result<Vec<AdminChange>> {
    let mut changes = Vec::new();
    for (contract, address) in contracts(p) {
        let c = IHub::new(address, p.wallet.provider().clone());
        if c.pendingAdmin().call().await? != p.me() {
            continue;
        }
        let what = format!("acceptAdmin on {contract}");
        let tx = p.wallet.send(c.acceptAdmin(), &what).await?;
        changes.push(change(&c, contract, address, tx).await?);
    }
    if changes.is_empty() {
        return Err(Error::input(
            format!(
                "no contract of this deployment names {} as pending admin",
                p.me()
            ),
            "the current admin runs `lrt admin transfer <address>` first; sign with the new admin's key",
        ));
    }
    Ok(changes)
}

async fn change(
    c: &IHub::IHubInstance<alloy::providers::DynProvider>,
    contract: String,
    address: Address,
    tx: Sent,
) -> Result<AdminChange> {
    Ok(AdminChange {
        contract,
        address,
        admin: c.admin().call().await?,
        pending_admin: c.pendingAdmin().call().await?,
        tx,
    })
}
