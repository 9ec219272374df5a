//! How long each deployed program stays callable, and keeping it so. ArbOS expires an
//! activation `expiryDays` (365) after it was made; until then `codehashKeepalive` (allowed
//! once the activation is `keepaliveDays`, 31, old) restarts the clock for the data fee, and
//! after it (or after a Stylus upgrade) the program must be activated again. Activation is
//! per code hash: programs sharing code share one activation.

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    abi::stylus::{ARB_WASM, ArbWasm},
    chain::{Sent, Wallet},
    error::{Error, Result},
    manifest::Manifest,
    stylus,
};

const DAY: u64 = 86_400;
/// `lrt status` warns when an activation has less than this left.
pub const WARN_DAYS: u64 = 30;
/// Headroom on the keepalive fee for price moves before the block; ArbWasm refunds the excess.
const FEE_BUMP_PERCENT: u64 = 20;

/// The chain's activation lifetime rules (ArbWasm `expiryDays`, `keepaliveDays`).
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lifetime {
    pub expiry_days: u16,
    pub keepalive_days: u16,
}

impl Lifetime {
    pub async fn read(wallet: &Wallet) -> Result<Self> {
        let arb_wasm = ArbWasm::new(ARB_WASM, wallet.provider());
        Ok(Self {
            expiry_days: arb_wasm.expiryDays().call().await?,
            keepalive_days: arb_wasm.keepaliveDays().call().await?,
        })
    }
}

/// Where a program's activation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum State {
    Active,
    /// Active with less than [`WARN_DAYS`] left.
    ExpiringSoon,
    Expired,
    NotActivated,
    /// Activated under an older Stylus version than the chain runs.
    NeedsUpgrade,
}

/// One program's activation as ArbWasm reports it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Program {
    pub name: String,
    pub address: Address,
    pub code_hash: B256,
    pub state: State,
    /// The Stylus version it was activated under, while active.
    pub version: Option<u16>,
    /// Seconds since it was activated or kept alive (ArbOS counts in whole hours).
    pub age_secs: Option<u64>,
    /// Seconds until it expires, while active.
    pub time_left_secs: Option<u64>,
}

impl Program {
    /// True when `lrt activate` has something to do now, or soon.
    pub fn needs_attention(&self) -> bool {
        self.state != State::Active
    }
}

/// The Stylus programs of a deployment, by the names `lrt` prints: `hub`, each vault's
/// symbol, `<symbol> queue`.
pub fn programs_of(manifest: &Manifest) -> Vec<(String, Address)> {
    let mut programs = vec![("hub".to_owned(), manifest.hub.address)];
    for v in &manifest.vaults {
        programs.push((v.symbol.clone(), v.vault.address));
        programs.push((format!("{} queue", v.symbol), v.queue.address));
    }
    programs
}

/// Reads each program's activation from ArbWasm (`programTimeLeft`, `programVersion`).
pub async fn read(
    wallet: &Wallet,
    lifetime: Lifetime,
    programs: &[(String, Address)],
) -> Result<Vec<Program>> {
    let arb_wasm = ArbWasm::new(ARB_WASM, wallet.provider());
    let expiry = u64::from(lifetime.expiry_days) * DAY;
    let mut read = Vec::with_capacity(programs.len());
    for (name, address) in programs {
        let code_hash = keccak256(wallet.provider().get_code_at(*address).await?);
        let mut program = Program {
            name: name.clone(),
            address: *address,
            code_hash,
            state: State::Active,
            version: None,
            age_secs: None,
            time_left_secs: None,
        };
        match arb_wasm.programTimeLeft(*address).call().await {
            Ok(left) => {
                program.version = Some(arb_wasm.programVersion(*address).call().await?);
                program.age_secs = Some(expiry.saturating_sub(left));
                program.time_left_secs = Some(left);
                if left < WARN_DAYS * DAY {
                    program.state = State::ExpiringSoon;
                }
            }
            Err(err) => {
                program.state = match err.as_decoded_interface_error::<ArbWasm::ArbWasmErrors>() {
                    Some(ArbWasm::ArbWasmErrors::ProgramExpired(e)) => {
                        program.age_secs = Some(e.ageInSeconds);
                        State::Expired
                    }
                    Some(ArbWasm::ArbWasmErrors::ProgramNotActivated(_)) => State::NotActivated,
                    Some(ArbWasm::ArbWasmErrors::ProgramNeedsUpgrade(e)) => {
                        program.version = Some(e.version);
                        State::NeedsUpgrade
                    }
                    _ => {
                        return Err(Error::from(err)
                            .during(format!("reading the activation of {name} ({address})")));
                    }
                }
            }
        }
        read.push(program);
    }
    Ok(read)
}

/// Whole days and hours, the resolution ArbOS keeps activation times in: `"3 d 2 h"`.
pub fn format_days(secs: u64) -> String {
    let hours = secs / 3_600;
    match (hours / 24, hours % 24) {
        (0, h) => format!("{h} h"),
        (d, 0) => format!("{d} d"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// What `lrt activate` did for one program.
#[derive(Debug, Clone, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "outcome"
)]
pub enum Outcome {
    /// `codehashKeepalive`: the expiry clock restarted.
    KeptAlive {
        #[serde(serialize_with = "crate::units::decimal")]
        data_fee: U256,
        tx: Sent,
    },
    /// `activateProgram`: it was expired, never activated, or of an older Stylus version.
    Activated {
        #[serde(serialize_with = "crate::units::decimal")]
        data_fee: U256,
        tx: Sent,
    },
    /// Active and younger than `keepaliveDays`: ArbWasm would refuse a keepalive.
    TooSoonForKeepalive { keepalive_allowed_in_secs: u64 },
    /// Already activated at the chain's Stylus version (ArbWasm's `ProgramUpToDate`).
    UpToDate,
    /// Shares its code, hence its activation, with a program handled before it.
    SharesActivationWith { name: String },
}

/// Keeps alive or re-activates each program as its state asks; programs sharing a code hash
/// are handled once. Nothing is sent for a program that needs nothing.
pub async fn activate(
    wallet: &Wallet,
    lifetime: Lifetime,
    programs: &[Program],
) -> Result<Vec<(String, Outcome)>> {
    let mut done: Vec<(B256, String)> = Vec::new();
    let mut outcomes = Vec::with_capacity(programs.len());
    for program in programs {
        if let Some((_, first)) = done.iter().find(|(hash, _)| *hash == program.code_hash) {
            let outcome = Outcome::SharesActivationWith {
                name: first.clone(),
            };
            outcomes.push((program.name.clone(), outcome));
            continue;
        }
        let outcome = match program.state {
            State::Active | State::ExpiringSoon => keep_alive(wallet, lifetime, program).await?,
            State::Expired | State::NotActivated | State::NeedsUpgrade => {
                reactivate(wallet, program).await?
            }
        };
        done.push((program.code_hash, program.name.clone()));
        outcomes.push((program.name.clone(), outcome));
    }
    Ok(outcomes)
}

async fn keep_alive(wallet: &Wallet, lifetime: Lifetime, program: &Program) -> Result<Outcome> {
    let allowed_at = u64::from(lifetime.keepalive_days) * DAY;
    let age = program.age_secs.unwrap_or_default();
    if age < allowed_at {
        return Ok(Outcome::TooSoonForKeepalive {
            keepalive_allowed_in_secs: allowed_at - age,
        });
    }
    let action = format!("keep {} alive (ArbWasm.codehashKeepalive)", program.name);
    let arb_wasm = ArbWasm::new(ARB_WASM, wallet.provider());
    // ArbWasm states the fee it wants when offered none; a zero fee lets the call succeed.
    let probe = arb_wasm
        .codehashKeepalive(program.code_hash)
        .from(wallet.address())
        .call()
        .await;
    let fee = match probe {
        Ok(_) => U256::ZERO,
        Err(err) => match err.as_decoded_interface_error::<ArbWasm::ArbWasmErrors>() {
            Some(ArbWasm::ArbWasmErrors::ProgramInsufficientValue(e)) => e.want,
            Some(ArbWasm::ArbWasmErrors::ProgramKeepaliveTooSoon(e)) => {
                return Ok(Outcome::TooSoonForKeepalive {
                    keepalive_allowed_in_secs: allowed_at.saturating_sub(e.ageInSeconds),
                });
            }
            _ => return Err(Error::from(err).during(action)),
        },
    };
    let data_fee = fee * U256::from(100 + FEE_BUMP_PERCENT) / U256::from(100);
    let call = arb_wasm
        .codehashKeepalive(program.code_hash)
        .value(data_fee);
    let tx = wallet.send(call, &action).await?;
    Ok(Outcome::KeptAlive { data_fee, tx })
}

async fn reactivate(wallet: &Wallet, program: &Program) -> Result<Outcome> {
    let action = format!("activate {} (ArbWasm.activateProgram)", program.name);
    let code = wallet.provider().get_code_at(program.address).await?;
    let data_fee = stylus::data_fee(wallet, &code, &[]).await?;
    let arb_wasm = ArbWasm::new(ARB_WASM, wallet.provider());
    let call = arb_wasm.activateProgram(program.address).value(data_fee);
    match wallet.send(call, &action).await {
        Ok(tx) => Ok(Outcome::Activated { data_fee, tx }),
        Err(err) if err.revert_name() == Some("ProgramUpToDate") => Ok(Outcome::UpToDate),
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_days_and_hours() {
        assert_eq!(format_days(0), "0 h");
        assert_eq!(format_days(3 * DAY), "3 d");
        assert_eq!(format_days(3 * DAY + 7_200 + 59), "3 d 2 h");
    }
}
