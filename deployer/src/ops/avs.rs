//! AVSs: register (the caller is the AVS), accept or eject operators, slash. Also the mock
//! AVS contract, which slashes only on a proven double-sign.

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    providers::Provider,
    signers::SignerSync,
    sol_types::SolValue,
};
use serde::Serialize;

use super::Protocol;
use crate::{
    abi::{
        fixtures::{IMockAvs, MockAvsArgs},
        lrt::events,
    },
    build,
    chain::{Sent, Wallet},
    error::{Error, Result},
    solidity,
    units::{format_amount, format_fraction},
};

#[derive(Debug, Clone)]
pub struct AvsSettings {
    pub metadata_uri: String,
    /// Who may slash for this AVS; default: the AVS itself.
    pub slasher: Option<Address>,
    /// Where slashed assets go; default: the AVS itself.
    pub burn_recipient: Option<Address>,
    pub allowlist_only: bool,
}

/// Registers the caller as an AVS (or updates its settings).
pub async fn register(p: &Protocol, settings: &AvsSettings) -> Result<Sent> {
    let me = p.me();
    let hub = p.hub();
    let call = hub.registerAvs(
        settings.metadata_uri.clone(),
        settings.slasher.unwrap_or(me),
        settings.burn_recipient.unwrap_or(me),
        settings.allowlist_only,
    );
    p.wallet.send(call, "register as AVS").await
}

pub async fn accept(p: &Protocol, operator: Address) -> Result<Sent> {
    p.wallet
        .send(
            p.hub().acceptOperator(operator),
            &format!("accept operator {operator}"),
        )
        .await
}

pub async fn eject(p: &Protocol, operator: Address) -> Result<Sent> {
    p.wallet
        .send(
            p.hub().ejectOperator(operator),
            &format!("eject operator {operator}"),
        )
        .await
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slashed {
    pub avs: Address,
    pub operator: Address,
    #[serde(serialize_with = "crate::units::decimal")]
    pub fraction_wad: U256,
    pub slash_id: B256,
    /// Assets moved to the burn recipient, summed over vaults.
    #[serde(serialize_with = "crate::units::decimal")]
    pub total_assets: U256,
    /// `(vault, assets)` per affected vault.
    pub per_vault: Vec<(Address, U256)>,
    pub tx: Sent,
}

/// Slashes `fraction_wad` of what `operator` allocated to `avs`; the caller must be the
/// AVS's slasher. Without `slash_id`, a fresh one is derived from the call and the clock.
pub async fn slash(
    p: &Protocol,
    avs: Address,
    operator: Address,
    fraction_wad: U256,
    slash_id: Option<B256>,
) -> Result<Slashed> {
    let slash_id = match slash_id {
        Some(id) => id,
        None => {
            let nonce = p.wallet.provider().get_transaction_count(p.me()).await?;
            keccak256(
                (
                    avs,
                    operator,
                    fraction_wad,
                    U256::from(nonce),
                    U256::from(p.wallet.timestamp().await?),
                )
                    .abi_encode(),
            )
        }
    };
    let what = format!(
        "slash {} of operator {operator} for AVS {avs}",
        format_fraction(fraction_wad)
    );
    let tx = p
        .wallet
        .send(p.hub().slash(avs, operator, fraction_wad, slash_id), &what)
        .await?;
    Ok(summarize(avs, operator, fraction_wad, slash_id, tx))
}

fn summarize(
    avs: Address,
    operator: Address,
    fraction_wad: U256,
    slash_id: B256,
    tx: Sent,
) -> Slashed {
    let total_assets = tx
        .event::<events::OperatorSlashed>()
        .map(|e| e.totalAssets)
        .unwrap_or_default();
    let per_vault = tx
        .events::<events::VaultSlashed>()
        .into_iter()
        .map(|e| (e.vault, e.assets))
        .collect();
    Slashed {
        avs,
        operator,
        fraction_wad,
        slash_id,
        total_assets,
        per_vault,
        tx,
    }
}

/// Deploys the `MockAvs` fixture; it registers with the hub as its own slasher.
pub async fn deploy_mock(
    wallet: &Wallet,
    hub: Address,
    metadata_uri: &str,
    burn_recipient: Address,
    fault_fraction_wad: U256,
) -> Result<(Address, Sent)> {
    let code = solidity::creation_code(&build::workspace_root(), "MockAvs")?;
    let args = MockAvsArgs {
        hub,
        metadataUri: metadata_uri.into(),
        burnRecipient: burn_recipient,
        faultFractionWad: fault_fraction_wad,
        allowlistOnly: false,
    };
    let initcode: Bytes = [code.as_ref(), &args.abi_encode_params()].concat().into();
    wallet
        .deploy_evm(initcode, &format!("deploy mock AVS {metadata_uri}"))
        .await
}

/// An operator's signed attestation of `root` for `epoch` to a mock AVS.
pub async fn attest(operator: &Wallet, avs: Address, epoch: u64, root: B256) -> Result<Bytes> {
    let hash = IMockAvs::new(avs, operator.provider())
        .attestationHash(epoch, root)
        .call()
        .await?;
    let signature = operator
        .signer()
        .sign_message_sync(hash.as_slice())
        .map_err(|e| Error::Other(e.into()))?;
    Ok(signature.as_bytes().to_vec().into())
}

/// Submits a double-sign proof to a mock AVS (anyone may); the AVS slashes the operator.
pub async fn prove_double_sign(
    p: &Protocol,
    avs: Address,
    operator: Address,
    epoch: u64,
    (root_a, signature_a): (B256, Bytes),
    (root_b, signature_b): (B256, Bytes),
) -> Result<Slashed> {
    let mock = IMockAvs::new(avs, p.wallet.provider().clone());
    let fraction_wad = mock.faultFractionWad().call().await?;
    let slash_id = mock.slashIdOf(operator, epoch).call().await?;
    let what = format!("prove operator {operator} double-signed epoch {epoch}");
    let call = mock.proveDoubleSign(operator, epoch, root_a, signature_a, root_b, signature_b);
    let tx = p.wallet.send(call, &what).await?;
    Ok(summarize(avs, operator, fraction_wad, slash_id, tx))
}

impl std::fmt::Display for Slashed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "slashed {} of operator {}'s allocation: {} assets moved from {} vault(s)",
            format_fraction(self.fraction_wad),
            self.operator,
            format_amount(self.total_assets, 4),
            self.per_vault.len()
        )
    }
}

/// Pays `recipient` what slashes of vault `v` booked for it and the vault still owes (anyone
/// may trigger it). Returns the assets paid.
pub async fn pay_slashed(
    p: &Protocol,
    v: &crate::manifest::VaultRecord,
    recipient: Address,
) -> Result<(U256, Sent)> {
    let owed = p.vault(v).slashOwed(recipient).call().await?;
    if owed.is_zero() {
        return Err(Error::input(
            format!("vault {} owes {recipient} nothing from slashes", v.symbol),
            "`lrt status` lists what each vault owes; pass --recipient for another payee",
        ));
    }
    let what = format!(
        "pay {} {} owed by {} to {recipient}",
        crate::units::format_tokens(owed, v.asset.decimals, 6),
        v.asset.symbol,
        v.symbol
    );
    let sent = p
        .wallet
        .send(p.vault(v).paySlashed(recipient), &what)
        .await?;
    Ok((owed, sent))
}
