//! The Stylus deploy protocol as `cargo stylus deploy` speaks it: program code is
//! `EF F0 00` + dictionary byte + brotli(wasm) behind a short EVM prelude; the StylusDeployer
//! factory creates it, pays ArbWasm.activateProgram's data fee from the value sent, refunds
//! the excess and calls the constructor.

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256, utils::parse_ether},
    providers::Provider,
    rpc::types::state::StateOverridesBuilder,
    sol_types::SolCall,
};
use serde::Serialize;

use crate::{
    abi::stylus::{ARB_WASM, ArbWasm, StylusDeployer, stylus_constructorCall},
    chain::{Sent, Wallet},
    error::{Error, Result},
    fragments,
};

/// Headroom on the estimated data fee, as cargo-stylus adds, for price moves between the
/// estimate and the block; the factory refunds what is not used.
const DATA_FEE_BUMP_PERCENT: u64 = 20;

/// A program deployed, activated and constructed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployed {
    pub address: Address,
    pub code_hash: B256,
    pub data_fee: U256,
    pub tx: Sent,
}

/// Checks, without sending anything, that the node runs Stylus: ArbWasm answers and the
/// factory exists. Returns the chain's Stylus version.
pub async fn preflight(wallet: &Wallet) -> Result<u16> {
    let chain_id = wallet.chain_id().await?;
    let no_stylus = |missing: String| Error::NoStylus {
        rpc_url: wallet.rpc_url().to_owned(),
        chain_id,
        missing,
    };
    let version = match ArbWasm::new(ARB_WASM, wallet.provider())
        .stylusVersion()
        .call()
        .await
    {
        Ok(version) if version > 0 => version,
        Ok(_) => {
            return Err(no_stylus(format!(
                "ArbWasm at {ARB_WASM} reports Stylus version 0"
            )));
        }
        Err(_) => {
            return Err(no_stylus(format!(
                "the ArbWasm precompile at {ARB_WASM} does not answer stylusVersion()"
            )));
        }
    };
    let factory = wallet.stylus_deployer();
    if wallet.provider().get_code_at(factory).await?.is_empty() {
        return Err(no_stylus(format!("no StylusDeployer factory at {factory}")));
    }
    Ok(version)
}

/// Deploys `wasm` through the factory with `constructor_args` (the ABI-encoded parameters of
/// the `#[constructor]`), activating it unless a program with the same code is already active.
/// A program over one account goes out as fragments behind a root (ArbOS 60+, see
/// [`fragments`]); the root is what the factory deploys and activates.
pub async fn deploy(
    wallet: &Wallet,
    wasm: &[u8],
    constructor_args: &[u8],
    action: &str,
) -> Result<Deployed> {
    let mut code = program_code(wasm);
    let mut fragment_accounts = Vec::new();
    if code.len() > fragments::MAX_CODE_SIZE {
        let fragmented = fragments::deploy(wallet, wasm, &code, action).await?;
        code = fragmented.root;
        fragment_accounts = fragmented.fragments;
    }
    let code_hash = keccak256(&code);
    let data_fee = if is_activated(wallet, code_hash).await {
        U256::ZERO
    } else {
        data_fee(wallet, &code, &fragment_accounts).await?
    };
    let init_data: Vec<u8> = stylus_constructorCall::SELECTOR
        .iter()
        .chain(constructor_args)
        .copied()
        .collect();
    let factory = StylusDeployer::new(wallet.stylus_deployer(), wallet.provider());
    let call = factory
        .deploy_call(
            deploy_initcode(&code).into(),
            init_data.into(),
            U256::ZERO,
            B256::ZERO,
        )
        .value(data_fee);
    let tx = wallet.send(call, action).await?;
    let address = tx
        .event::<StylusDeployer::ContractDeployed>()
        .map(|e| e.deployedContract)
        .ok_or_else(|| {
            Error::Rpc(format!(
                "{action}: the factory emitted no ContractDeployed event"
            ))
        })?;
    Ok(Deployed {
        address,
        code_hash,
        data_fee,
        tx,
    })
}

/// True when ArbWasm knows `code_hash` as an activated program (activation is per code hash,
/// so a second vault with the same WASM pays no data fee).
pub async fn is_activated(wallet: &Wallet, code_hash: B256) -> bool {
    ArbWasm::new(ARB_WASM, wallet.provider())
        .codehashVersion(code_hash)
        .call()
        .await
        .is_ok()
}

/// The activation data fee, estimated by activating the code at a scratch address in an
/// `eth_call` with state overrides, plus [`DATA_FEE_BUMP_PERCENT`]. A root's fragments are
/// passed as `accounts` (address, code) and overridden too, so the estimate also works on a
/// dry run, where they were only simulated.
pub async fn data_fee(
    wallet: &Wallet,
    code: &[u8],
    accounts: &[(Address, Vec<u8>)],
) -> Result<U256> {
    let scratch = Address::from_word(keccak256(
        [b"lrt-activation-probe".as_slice(), code].concat(),
    ));
    let payer = Address::from_word(keccak256(b"lrt-activation-payer"));
    let mut overrides = StateOverridesBuilder::default()
        .with_code(scratch, Bytes::copy_from_slice(code))
        .with_balance(payer, U256::MAX >> 1);
    for (address, account_code) in accounts {
        overrides = overrides.with_code(*address, Bytes::copy_from_slice(account_code));
    }
    let overrides = overrides.build();
    let one_ether = parse_ether("1").map_err(|e| Error::Other(e.into()))?;
    let estimate = ArbWasm::new(ARB_WASM, wallet.provider())
        .activateProgram(scratch)
        .from(payer)
        .value(one_ether)
        .state(overrides)
        .call()
        .await
        .map_err(|e| Error::from(e).during("estimating the Stylus activation fee"))?;
    Ok(estimate.dataFee * U256::from(100 + DATA_FEE_BUMP_PERCENT) / U256::from(100))
}

/// The account code of a Stylus program: `EF F0 00`, dictionary 0 (none), brotli(wasm).
pub fn program_code(wasm: &[u8]) -> Vec<u8> {
    devnet::stylus::compress(wasm)
}

/// Creation code that returns `code` unchanged, the prelude `cargo stylus` sends.
pub fn deploy_initcode(code: &[u8]) -> Vec<u8> {
    devnet::stylus::deploy_initcode(code)
}
