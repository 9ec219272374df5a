//! Decodes revert data into the named custom error of whichever contract raised it, plus a
//! sentence on what to do about it.

use std::{collections::HashMap, fmt, sync::OnceLock};

use alloy::{
    dyn_abi::{DynSolValue, JsonAbiExt},
    json_abi::{self, JsonAbi},
    primitives::{Bytes, Selector, U256, utils::format_units},
    sol_types::{Panic, Revert as RevertString, SolError},
};
use serde::Serialize;

use crate::abi::{
    fixtures::{ILendingMarket, IMockAvs, IMockLst},
    lrt::{IHub, IVault, IWithdrawalQueue},
    stylus::{ArbWasm, StylusDeployer},
};

/// A decoded revert: `name(args…)`, what the caller was doing, and what to do next.
#[derive(Debug, Clone, Serialize)]
pub struct Revert {
    /// The custom error's name (`"Error"`/`"Panic"` for the built-in ones, `"Unknown"` when
    /// no known ABI has the selector).
    pub name: String,
    pub args: Vec<(String, String)>,
    pub data: Bytes,
    pub hint: String,
    /// What the deployer was doing when the call reverted, e.g. "deposit into rstETH".
    pub action: Option<String>,
}

impl Revert {
    pub fn decode(data: &[u8]) -> Self {
        let (name, args) = decode_parts(data);
        let hint = hint(&name).to_owned();
        Self {
            name,
            args,
            data: Bytes::copy_from_slice(data),
            hint,
            action: None,
        }
    }

    pub fn during(mut self, action: impl Into<String>) -> Self {
        self.action.get_or_insert_with(|| action.into());
        self
    }

    /// `Name(arg: value, …)`.
    pub fn signature(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(name, value)| {
                if name.is_empty() {
                    value.clone()
                } else {
                    format!("{name}: {value}")
                }
            })
            .collect();
        format!("{}({})", self.name, args.join(", "))
    }
}

impl fmt::Display for Revert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(action) = &self.action {
            write!(f, "{action}: ")?;
        }
        write!(f, "reverted with {}; {}", self.signature(), self.hint)
    }
}

fn decode_parts(data: &[u8]) -> (String, Vec<(String, String)>) {
    if data.len() < 4 {
        return ("EmptyRevert".into(), Vec::new());
    }
    if let Ok(reason) = RevertString::abi_decode(data) {
        return ("Error".into(), vec![("reason".into(), reason.reason)]);
    }
    if let Ok(panic) = Panic::abi_decode(data) {
        return (
            "Panic".into(),
            vec![("code".into(), format!("{:#x}", panic.code))],
        );
    }
    let selector = Selector::from_slice(&data[..4]);
    let Some(error) = known_errors().get(&selector) else {
        return (
            "Unknown".into(),
            vec![("selector".into(), selector.to_string())],
        );
    };
    let args = match error.abi_decode_input(&data[4..]) {
        Ok(values) => error
            .inputs
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (param, value))| (param.name.clone(), show_arg(&error.name, i, &value)))
            .collect(),
        Err(_) => vec![(
            "data".into(),
            Bytes::copy_from_slice(&data[4..]).to_string(),
        )],
    };
    (error.name.clone(), args)
}

/// Arguments that are unix times or durations (the interfaces leave them unnamed), by
/// error name and position: a time reads as a UTC date, a duration in days and hours.
fn show_arg(error: &str, index: usize, value: &DynSolValue) -> String {
    let seconds = match value {
        DynSolValue::Uint(v, _) => u64::try_from(*v).ok(),
        _ => None,
    };
    match (error, index, seconds) {
        ("NotClaimableYet", 1, Some(at)) => format!("{at} = {}", crate::units::format_utc(at)),
        ("DelayTooLong" | "InvalidVestingPeriod" | "DelayBelowDeallocation", _, Some(span)) => {
            format!("{span} = {}", crate::units::format_duration(span))
        }
        _ => show(value),
    }
}

fn show(value: &DynSolValue) -> String {
    match value {
        DynSolValue::Address(a) => a.to_checksum(None),
        DynSolValue::Uint(v, _) => show_uint(*v),
        DynSolValue::Int(v, _) => v.to_string(),
        DynSolValue::Bool(b) => b.to_string(),
        DynSolValue::FixedBytes(b, size) => Bytes::copy_from_slice(&b[..*size]).to_string(),
        DynSolValue::Bytes(b) => short_bytes(b),
        DynSolValue::String(s) => format!("{s:?}"),
        other => format!("{other:?}"),
    }
}

/// Revert data can carry whole bytecodes; a line shows their start and length.
fn short_bytes(bytes: &[u8]) -> String {
    const SHOWN: usize = 32;
    if bytes.len() <= SHOWN {
        return Bytes::copy_from_slice(bytes).to_string();
    }
    format!(
        "{}… ({} bytes)",
        Bytes::copy_from_slice(&bytes[..SHOWN]),
        bytes.len()
    )
}

/// Token amounts and WAD fractions are 18-decimal; showing them as such reads better than
/// 25-digit integers, and small numbers (ids, bits, delays) stay as they are.
fn show_uint(v: U256) -> String {
    if v >= U256::from(10u64).pow(U256::from(12)) && v != U256::MAX {
        let units = format_units(v, 18).unwrap_or_else(|_| v.to_string());
        format!(
            "{v} (={})",
            units.trim_end_matches('0').trim_end_matches('.')
        )
    } else {
        v.to_string()
    }
}

/// Every custom error of every contract the deployer deploys or calls, by selector.
fn known_errors() -> &'static HashMap<Selector, json_abi::Error> {
    static ERRORS: OnceLock<HashMap<Selector, json_abi::Error>> = OnceLock::new();
    ERRORS.get_or_init(|| {
        let abis: [JsonAbi; 8] = [
            IHub::abi::contract(),
            IVault::abi::contract(),
            IWithdrawalQueue::abi::contract(),
            ArbWasm::abi::contract(),
            StylusDeployer::abi::contract(),
            IMockLst::abi::contract(),
            IMockAvs::abi::contract(),
            ILendingMarket::abi::contract(),
        ];
        abis.iter()
            .flat_map(|abi| abi.errors())
            .map(|error| (error.selector(), error.clone()))
            .collect()
    })
}

/// What to do about each named error, in one sentence.
fn hint(name: &str) -> &'static str {
    match name {
        // roles and pause (every contract)
        "NotAdmin" => {
            "only the contract's admin may do this; pass the admin's key with --private-key"
        }
        "NotPendingAdmin" => {
            "only the address named by transferAdmin can accept; send from that key"
        }
        "NotPauser" => {
            "only a pauser or the admin may pause; ask the admin to `setPauser` your address"
        }
        "ZeroAddress" => "an address argument was zero; pass a real address",
        "EnforcedPause" => "this function is paused; the admin can lift it with `lrt unpause`",
        "InvalidPauseBits" => {
            "pause bits are deposit=1, request=2, claim=4, delegate=8 (or a sum of them)"
        }
        "MathOverflow" => "an amount is too large for the contract's math; use a smaller amount",
        // hub
        "VaultAlreadyRegistered" => "the vault is already registered with the hub; nothing to do",
        "VaultNotRegistered" => "register the vault with the hub first (admin: registerVault)",
        "OperatorAlreadyRegistered" => {
            "this address is already an operator; update metadata instead"
        }
        "OperatorNotRegistered" => "register as an operator first with `lrt operator register`",
        "AvsNotRegistered" => "the AVS must register first with `lrt avs register`",
        "NotCurator" => "only the vault's curator may delegate; send from the curator's key",
        "InvalidFraction" => "fractions must be above 0 and at most 100% (e.g. 25% or 0.25)",
        "OverAllocated" => {
            "the fractions would sum above 100%; lower another delegation/allocation first"
        }
        "TooManyLinks" => {
            "at most 32 operators per vault and 32 vaults or AVSs per operator; remove one first"
        }
        "AlreadyOptedIn" => "the operator already opted in (or is waiting for the AVS to accept)",
        "NotAllowlisted" => {
            "this AVS only admits allow-listed operators; ask the AVS to allow-list you"
        }
        "NoPendingOptIn" => {
            "the operator must opt in first (`lrt operator optin <avs>`) before the AVS accepts"
        }
        "NotJoined" => {
            "the operator is not an active member of that AVS; opt in and get accepted first"
        }
        "NotSlasher" => "only the AVS's registered slasher may slash; send from the slasher's key",
        "OperatorNotSlashable" => {
            "this AVS cannot slash that operator (never joined, or its exit delay passed)"
        }
        "SlashIdUsed" => "each slash needs a fresh id; this one was already used (replay refused)",
        "SlashCapExceeded" => {
            "the AVS's 24 h slash cap is reached; wait for the window or ask the admin to raise it"
        }
        "VaultCallFailed" => {
            "a vault refused the hub's call; check the vault's hub address and pause state"
        }
        "DelayTooLong" => "delays are capped at 30 days; pick a shorter one",
        // vault
        "TvlCapExceeded" => {
            "the deposit would take the vault over its TVL cap; deposit less or ask the admin to raise the cap"
        }
        "DepositCapExceeded" => {
            "one deposit may not exceed the per-deposit cap; split it or ask the admin to raise it"
        }
        "ZeroShares" => "the amount is worth less than one share; deposit more",
        "ZeroAmount" => "the amount is zero; pass a positive amount",
        "SlippageExceeded" => {
            "the deposit would mint fewer shares than the minimum; retry with a lower --min-shares"
        }
        "DirectRedemptionDisabled" => {
            "redemptions go through the withdrawal queue: `lrt withdraw request`"
        }
        "NotHub" => "only the hub may slash a vault",
        "NotWithdrawalQueue" => "only the vault's withdrawal queue may lock or redeem shares",
        "FeeTooHigh" => "the protocol fee is capped at 20%",
        "InvalidVestingPeriod" => "the vesting period must be above zero and at most 30 days",
        "NoShareholders" => "rewards need shareholders to vest to; deposit first",
        "AssetCallFailed" => {
            "the asset token refused the transfer; check the balance and the approval to the vault"
        }
        "InsufficientBalance" => "the sender holds less than the amount; check balances",
        "InsufficientAllowance" => {
            "approve the spender first (the CLI does it unless --approval permit is used)"
        }
        "PermitExpired" => "the permit deadline passed; sign a new one",
        "InvalidSignature" | "InvalidSigner" | "InvalidPermitSignature" => {
            "the permit was not signed by the owner (or is malformed); sign with the owner's key"
        }
        // withdrawal queue
        "NotClaimableYet" => {
            "the withdrawal delay has not passed; `lrt withdraw list` shows when it unlocks"
        }
        "AlreadyClaimed" => "this request was already paid; each request is paid once",
        "RequestNotFound" => "no request has that id; `lrt withdraw list` shows yours",
        "NotOwnerOrOperator" => {
            "only the owner or an approved ERC-7540 operator may request for these shares"
        }
        "NotController" => {
            "only the request's controller (or its operator) may redirect the payout"
        }
        "ZeroAssets" => "the shares are worth nothing at the current rate; nothing to withdraw",
        "TooManyRequests" => "the queue has used every request id (2^32); it takes no new requests",
        "ExternalCallFailed" => {
            "a call to the vault or hub failed: most often the sender holds fewer shares than \
             requested (`lrt status`), else the queue's wiring is wrong"
        }
        "DelayBelowDeallocation" => {
            "the withdrawal delay must be at least the hub's deallocation delay, a raise the hub \
             has scheduled included (hub `deallocationDelayPlan()`)"
        }
        // Stylus deploy
        "ProgramNotWasm" => "the code is not a Stylus program; rebuild with `lrt build`",
        "ProgramNotActivated" => {
            "the program is deployed but not activated; run `lrt activate --all`"
        }
        "ProgramNeedsUpgrade" | "ProgramExpired" => {
            "the program must be re-activated on this chain; run `lrt activate --all`"
        }
        "ProgramUpToDate" => "the program is already activated at the chain's Stylus version",
        "ProgramKeepaliveTooSoon" => {
            "a keepalive is allowed only once the activation is older than ArbWasm.keepaliveDays"
        }
        "ProgramInsufficientValue" => {
            "the activation data fee was underpaid; retry (the fee is re-estimated)"
        }
        "ContractDeploymentError" | "ContractInitializationError" => {
            "the factory could not create or construct the program; check the constructor arguments"
        }
        // fixtures
        "NotOwner" => {
            "only the AVS contract's owner may do this; send from the key that deployed it"
        }
        "NotConflicting" => "a double-sign proof needs two different roots for the same epoch",
        "BadAttestation" => "a signature was not made by the accused operator",
        "InsufficientCollateral" => {
            "the position's collateral value does not cover the debt at the maximum LTV"
        }
        "InsufficientLiquidity" => "the market has not that much to lend; borrow less",
        "PositionHealthy" => "only positions with a health factor below 1 can be liquidated",
        "RepayExceedsDebt" => "repay at most the outstanding debt",
        "TokenTransferFailed" => "a token transfer returned false; check balances and approvals",
        "InvalidParameters" => {
            "the market's LTV must be positive and below the liquidation threshold"
        }
        "Error" => "the contract gave a plain reason string (above)",
        "Panic" => {
            "the contract hit an assertion or arithmetic panic; report it with the call you made"
        }
        "EmptyRevert" => {
            "the call reverted without data: out of gas, a call to an address without code, or a plain revert"
        }
        _ => "no known contract declares this error; check --rpc-url and the manifest",
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{Address, address};

    use super::*;

    #[test]
    fn hub_errors_decode_to_their_name_with_their_arguments() {
        let avs = address!("00000000000000000000000000000000000000aa");
        let data = IHub::NotSlasher {
            _0: avs,
            _1: Address::ZERO,
        }
        .abi_encode();

        let revert = Revert::decode(&data).during("slash");

        assert_eq!(revert.name, "NotSlasher");
        assert_eq!(revert.args[0].1, avs.to_checksum(None));
        assert!(
            revert
                .to_string()
                .starts_with("slash: reverted with NotSlasher(0x"),
            "{revert}"
        );
        assert!(revert.hint.contains("slasher"));
    }

    #[test]
    fn an_unlock_time_reads_as_a_date() {
        let data = IWithdrawalQueue::NotClaimableYet {
            _0: U256::from(1),
            _1: 1_796_652_180,
        }
        .abi_encode();

        let revert = Revert::decode(&data);

        assert_eq!(revert.args[1].1, "1796652180 = 2026-12-07 14:03 UTC");
    }

    #[test]
    fn fixture_errors_and_reason_strings_decode_too() {
        let data = ILendingMarket::PositionHealthy {
            account: Address::ZERO,
            healthFactorWad: U256::from(2),
        }
        .abi_encode();
        assert_eq!(Revert::decode(&data).name, "PositionHealthy");

        let data = RevertString::from("nope").abi_encode();
        let revert = Revert::decode(&data);
        assert_eq!(
            (revert.name.as_str(), revert.args[0].1.as_str()),
            ("Error", "nope")
        );
    }

    #[test]
    fn unknown_selectors_and_empty_data_still_explain_themselves() {
        assert_eq!(Revert::decode(&[1, 2, 3, 4]).name, "Unknown");
        assert_eq!(Revert::decode(&[]).name, "EmptyRevert");
    }
}
