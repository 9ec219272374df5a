//! Wiring: reads each [`Setting`] and sends the setters of those that differ from the
//! config, so wiring an already wired deployment sends nothing.

use alloy::{
    primitives::{Address, U256},
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};

use super::plan::{Read, Setting, Value};
use crate::{
    chain::Wallet,
    error::{Error, Result},
    manifest::TxRecord,
    output::Out,
};

/// Reads each of `settings` from the chain, in the kind of its desired value.
pub async fn read_all(wallet: &Wallet, settings: &[Setting]) -> Result<Vec<Value>> {
    let calls = settings
        .iter()
        .map(|setting| {
            let (Read::Word(calldata) | Read::ListHas(calldata, _)) = &setting.read;
            TransactionRequest::default()
                .to(setting.contract)
                .input(calldata.clone().into())
        })
        .collect();
    let answers = wallet
        .call_all(calls)
        .await
        .map_err(|e| e.during("reading the deployment's settings"))?;
    settings
        .iter()
        .zip(answers)
        .map(|(setting, data)| decode(setting, &data))
        .collect()
}

fn decode(setting: &Setting, data: &[u8]) -> Result<Value> {
    let malformed = |e: alloy::sol_types::Error| {
        Error::Rpc(format!(
            "reading {}: {} at {} answered {} bytes ({e}); is it one of ours?",
            setting.name,
            if data.is_empty() {
                "no contract"
            } else {
                "the contract"
            },
            setting.contract,
            data.len()
        ))
    };
    if let Read::ListHas(_, member) = &setting.read {
        let list = Vec::<Address>::abi_decode(data).map_err(malformed)?;
        return Ok(Value::Flag(list.contains(member)));
    }
    Ok(match setting.desired {
        Value::Address(_) => Value::Address(Address::abi_decode(data).map_err(malformed)?),
        Value::Amount(_) => Value::Amount(U256::abi_decode(data).map_err(malformed)?),
        Value::Seconds(_) => Value::Seconds(u64::abi_decode(data).map_err(malformed)?),
        Value::Flag(_) => Value::Flag(bool::abi_decode(data).map_err(malformed)?),
    })
}

/// Sends, as one progress step named `label`, the setter of each setting that differs from
/// its desired value, in order and each setter once; records them in `wiring`. A setting
/// that only takes a value while unset (the vault's hub and queue) is left as it is once set:
/// verify reports it.
pub async fn wire(
    wallet: &Wallet,
    label: String,
    settings: &[Setting],
    out: &Out,
    wiring: &mut Vec<TxRecord>,
) -> Result<()> {
    let settable: Vec<Setting> = settings
        .iter()
        .filter(|s| s.setter.is_some())
        .cloned()
        .collect();
    let values = read_all(wallet, &settable).await?;
    let mut txs: Vec<(String, TransactionRequest)> = Vec::new();
    for (setting, now) in settable.iter().zip(values) {
        let Some(setter) = &setting.setter else {
            continue;
        };
        if txs.iter().any(|(what, _)| *what == setter.what) {
            continue;
        }
        let unset = now == Value::Address(Address::ZERO);
        if now == setting.desired || (setter.only_while_unset && !unset) {
            continue;
        }
        let tx = TransactionRequest::default()
            .to(setting.contract)
            .input(setter.calldata.clone().into());
        txs.push((setter.what.clone(), tx));
    }
    if txs.is_empty() {
        return Ok(());
    }
    out.run(label, async {
        // Stops at the first failure.
        for (what, tx) in txs {
            let sent = wallet.send_tx(tx, &what).await?;
            wiring.push(TxRecord {
                what,
                tx_hash: sent.hash,
                gas_used: sent.gas_used,
            });
        }
        Ok(())
    })
    .await
}
