//! Is a configured asset a plain ERC-20? The vault refuses deposits that deliver less than
//! asked (`AssetShortfall`), so a fee-on-transfer or rebasing token would make a vault nobody
//! can use: `lrt deploy` says so before building one on it. Nothing is sent: the check is one
//! `eth_call` that places the `AssetProbe` fixture's code at the deployer's address (a state
//! override) and moves the deployer's balance to a fresh address.

use alloy::{
    primitives::{Address, U256, address},
    providers::Provider,
    rpc::types::{
        TransactionRequest,
        state::{AccountOverride, StateOverride},
    },
    sol,
    sol_types::SolCall,
};

use crate::{abi::fixtures::IMockLst, build, chain::Wallet, error::Result, solidity};

sol! {
    function probe(address token, address sink, uint256 amount) external returns (bool ok, uint256 sent, uint256 received);
}

/// Receives the simulated transfer; any address without a balance would do.
const SINK: Address = address!("00000000000000000000000000000000005e1f00");

/// A sentence on why `asset` is not a plain ERC-20, or `None` when it behaved like one.
pub async fn asset_warning(wallet: &Wallet, asset: Address) -> Result<Option<String>> {
    let token = IMockLst::new(asset, wallet.provider());
    if token.decimals().call().await.is_err() {
        return Ok(Some(format!(
            "asset {asset} does not answer decimals(); the vault's constructor will refuse it"
        )));
    }
    let holder = wallet.address();
    let Ok(amount) = token.balanceOf(holder).call().await else {
        return Ok(Some(format!("asset {asset} does not answer balanceOf()")));
    };
    if amount.is_zero() {
        return Ok(Some(format!(
            "asset {asset} not checked for transfer fees or rebasing: the deployer holds none of it"
        )));
    }
    let code = solidity::runtime_code(&build::workspace_root(), "AssetProbe")?;
    let overrides: StateOverride = [(
        holder,
        AccountOverride {
            code: Some(code),
            ..AccountOverride::default()
        },
    )]
    .into_iter()
    .collect();
    let call = probeCall {
        token: asset,
        sink: SINK,
        amount,
    };
    let tx = TransactionRequest::default()
        .to(holder)
        .input(call.abi_encode().into());
    let reply = wallet
        .provider()
        .call(tx)
        .overrides(overrides)
        .await
        .map_err(|e| crate::error::Error::from(e).during("probe the asset's transfers"))?;
    let moved = probeCall::abi_decode_returns(&reply).map_err(|e| {
        crate::error::Error::Rpc(format!("the asset probe answered unreadable data: {e}"))
    })?;
    Ok(describe(
        asset,
        amount,
        moved.ok,
        moved.sent,
        moved.received,
    ))
}

fn describe(asset: Address, amount: U256, ok: bool, sent: U256, received: U256) -> Option<String> {
    if !ok {
        return Some(format!(
            "asset {asset} refused a plain transfer of {amount} from the deployer"
        ));
    }
    if sent == amount && received == amount {
        return None;
    }
    Some(format!(
        "asset {asset} is not a plain ERC-20: a transfer of {amount} took {sent} and delivered \
         {received} (fee-on-transfer or rebasing); the vault refuses such deposits \
         (AssetShortfall)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transfer_that_delivers_what_it_took_is_plain() {
        let x = U256::from(1_000);
        assert_eq!(describe(SINK, x, true, x, x), None);
    }

    #[test]
    fn a_fee_or_a_refusal_is_named() {
        let x = U256::from(1_000);
        let fee = describe(SINK, x, true, x, U256::from(990)).unwrap();
        assert!(
            fee.contains("delivered 990") && fee.contains("AssetShortfall"),
            "{fee}"
        );
        assert!(describe(SINK, x, false, U256::ZERO, U256::ZERO).is_some());
    }
}
