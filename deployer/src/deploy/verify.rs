//! Verification: the deployment read back from the chain and compared with the manifest,
//! the config's settings ([`plan::all`]) and, when given, the current build.

use alloy::{
    primitives::{Bytes, keccak256},
    providers::Provider,
};
use serde::Serialize;

use super::{Programs, plan, wire};
use crate::{
    abi::lrt::IVault, chain::Wallet, config::DeployConfig, error::Result, fragments,
    manifest::Manifest, stylus,
};

/// One verified property of the deployment.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

/// Reads the deployment back from the chain and compares it with the manifest and config;
/// with `programs`, also whether each deployed program is the one built.
pub async fn verify(
    wallet: &Wallet,
    config: &DeployConfig,
    manifest: &Manifest,
    programs: Option<&Programs>,
) -> Result<Vec<Check>> {
    let mut checks = Vec::new();
    let mut check =
        |what: String, ok: bool, detail: String| checks.push(Check { what, ok, detail });
    let chain_id = wallet.chain_id().await?;
    check(
        "chain id".into(),
        chain_id == manifest.chain_id,
        format!("chain {chain_id}, manifest {}", manifest.chain_id),
    );
    if chain_id != manifest.chain_id {
        return Ok(checks);
    }
    let p = wallet.provider().clone();

    let mut programs_checked = vec![("hub".to_owned(), &manifest.hub, programs.map(|p| &p.hub))];
    for v in &manifest.vaults {
        programs_checked.push((
            format!("vault {}", v.symbol),
            &v.vault,
            programs.map(|p| &p.vault),
        ));
        programs_checked.push((
            format!("queue {}", v.symbol),
            &v.queue,
            programs.map(|p| &p.queue),
        ));
    }
    for (name, record, built) in programs_checked {
        let code = p.get_code_at(record.address).await?;
        let on_chain = keccak256(&code);
        if code.is_empty() {
            check(
                format!("{name} code"),
                false,
                format!("no code at {}", record.address),
            );
            continue;
        }
        check(
            format!("{name} code hash"),
            on_chain == record.code_hash,
            format!("{on_chain}"),
        );
        check(
            format!("{name} activated"),
            stylus::is_activated(wallet, on_chain).await,
            "ArbWasm.codehashVersion answers".into(),
        );
        if let Some(wasm) = built {
            let deployed = keccak256(program_code(wallet, code).await?);
            let built = keccak256(stylus::program_code(wasm));
            check(
                format!("{name} matches the current build"),
                deployed == built,
                if deployed == built {
                    "yes".into()
                } else {
                    format!("no: deployed program {deployed}, build {built}")
                },
            );
        }
    }

    for (v, vc) in manifest.vaults.iter().zip(&config.vaults) {
        check(
            format!("{} symbol", v.symbol),
            v.symbol == vc.symbol,
            format!("manifest {}, config {}", v.symbol, vc.symbol),
        );
    }
    let settings = plan::all(config, manifest)?;
    let values = wire::read_all(wallet, &settings).await?;
    for (setting, now) in settings.into_iter().zip(values) {
        check(
            setting.name,
            now == setting.desired,
            if now == setting.desired {
                now.to_string()
            } else {
                format!("{now}, config wants {}", setting.desired)
            },
        );
    }
    for v in &manifest.vaults {
        // A pending re-wiring is governance at work, not a broken deployment: shown, not failed.
        let pending = IVault::new(v.vault.address, p.clone())
            .pendingWiring()
            .call()
            .await?;
        check(
            format!("{} pending re-wiring", v.symbol),
            true,
            if pending._2 == 0 {
                "none".into()
            } else {
                format!(
                    "hub {}, queue {}, executable from {}",
                    pending._0, pending._1, pending._2
                )
            },
        );
    }
    if manifest.vaults.len() != config.vaults.len() {
        check(
            "vault count".into(),
            false,
            format!(
                "manifest has {}, config {}; deploy a new manifest to add vaults",
                manifest.vaults.len(),
                config.vaults.len()
            ),
        );
    }
    Ok(checks)
}

/// The program behind an account's `code`: the code itself, or for a root (a program over
/// one account) its fragments joined back into the one-account form `lrt build` compresses.
async fn program_code(wallet: &Wallet, code: Bytes) -> Result<Vec<u8>> {
    let Some((dictionary, addresses)) = fragments::parse_root(&code) else {
        return Ok(code.into());
    };
    let mut parts = Vec::new();
    for address in addresses {
        parts.push(wallet.provider().get_code_at(address).await?.to_vec());
    }
    Ok(fragments::join(dictionary, &parts))
}
