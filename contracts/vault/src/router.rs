//! The vault's on-chain call router (see [`lrt_common::router`] for why it is hand-written).
//!
//! On WASM the SDK hands every call, the constructor's included, to [`route`] through
//! `#[fallback]`; on the host the SDK router stays so `export-abi` renders IVault.sol. The tests
//! prove both routers agree and that [`SELECTORS`] is exactly the interface.

use alloc::vec::Vec;

use lrt_common::{
    abi::{selector, Word},
    router::{self, done, string, words, Reply, CONSTRUCTOR},
};
use stylus_sdk::stylus_core::host::ConstructorGuard;

use crate::{errors::VaultError, short_string, Vault};

macro_rules! selectors {
    ($($name:ident = $signature:literal,)*) => {
        $(const $name: u32 = u32::from_be_bytes(selector($signature));)*
        /// Every selector [`route`] answers.
        pub const SELECTORS: &[u32] = &[$($name),*];
    };
}

selectors! {
    NAME = "name()",
    SYMBOL = "symbol()",
    DECIMALS = "decimals()",
    TOTAL_SUPPLY = "totalSupply()",
    BALANCE_OF = "balanceOf(address)",
    ALLOWANCE = "allowance(address,address)",
    TRANSFER = "transfer(address,uint256)",
    TRANSFER_FROM = "transferFrom(address,address,uint256)",
    APPROVE = "approve(address,uint256)",
    PERMIT = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
    NONCES = "nonces(address)",
    DOMAIN_SEPARATOR = "DOMAIN_SEPARATOR()",
    ASSET = "asset()",
    TOTAL_ASSETS = "totalAssets()",
    CONVERT_TO_SHARES = "convertToShares(uint256)",
    CONVERT_TO_ASSETS = "convertToAssets(uint256)",
    MAX_DEPOSIT = "maxDeposit(address)",
    MAX_MINT = "maxMint(address)",
    PREVIEW_DEPOSIT = "previewDeposit(uint256)",
    PREVIEW_MINT = "previewMint(uint256)",
    PREVIEW_WITHDRAW = "previewWithdraw(uint256)",
    PREVIEW_REDEEM = "previewRedeem(uint256)",
    DEPOSIT = "deposit(uint256,address)",
    DEPOSIT_WITH_MIN_SHARES = "depositWithMinShares(uint256,address,uint256)",
    MINT = "mint(uint256,address)",
    MAX_WITHDRAW = "maxWithdraw(address)",
    MAX_REDEEM = "maxRedeem(address)",
    WITHDRAW = "withdraw(uint256,address,address)",
    REDEEM = "redeem(uint256,address,address)",
    TVL_CAP = "tvlCap()",
    PER_DEPOSIT_CAP = "perDepositCap()",
    SET_CAPS = "setCaps(uint256,uint256)",
    NOTIFY_REWARDS = "notifyRewards(uint256)",
    UNVESTED_REWARDS = "unvestedRewards()",
    VESTING_PERIOD = "vestingPeriod()",
    SET_VESTING_PERIOD = "setVestingPeriod(uint64)",
    PROTOCOL_FEE_WAD = "protocolFeeWad()",
    SET_PROTOCOL_FEE = "setProtocolFee(uint256)",
    TREASURY = "treasury()",
    SET_TREASURY = "setTreasury(address)",
    CURATOR = "curator()",
    SET_CURATOR = "setCurator(address)",
    HUB = "hub()",
    SET_HUB = "setHub(address)",
    WITHDRAWAL_QUEUE = "withdrawalQueue()",
    SET_WITHDRAWAL_QUEUE = "setWithdrawalQueue(address)",
    PROPOSE_WIRING = "proposeWiring(address,address)",
    EXECUTE_WIRING = "executeWiring()",
    CANCEL_WIRING = "cancelWiring()",
    PENDING_WIRING = "pendingWiring()",
    SLASH = "slash(uint256,address)",
    SLASH_OWED = "slashOwed(address)",
    TOTAL_SLASH_OWED = "totalSlashOwed()",
    PAY_SLASHED = "paySlashed(address)",
    LOCK_SHARES = "lockShares(address,uint256)",
    REDEEM_LOCKED = "redeemLocked(uint256,uint256,address)",
    ADMIN = "admin()",
    PENDING_ADMIN = "pendingAdmin()",
    IS_PAUSER = "isPauser(address)",
    TRANSFER_ADMIN = "transferAdmin(address)",
    ACCEPT_ADMIN = "acceptAdmin()",
    SET_PAUSER = "setPauser(address,bool)",
    PAUSED = "paused()",
    PAUSE = "pause(uint8)",
    UNPAUSE = "unpause(uint8)",
}

/// Answers `calldata` (selector and arguments) with the ABI-encoded result or revert data.
pub fn route(vault: &mut Vault, calldata: &[u8]) -> Reply {
    let Some((selector, a)) = router::split(calldata) else {
        return Err(Vec::new());
    };
    Ok(match selector {
        // constructor(address asset, string name, string symbol, address admin, address
        // treasury); name and symbol are taken as bytes (they are only stored and echoed).
        CONSTRUCTOR => {
            vault.check_constructor_slot()?;
            done(vault.init(
                a.address(0)?,
                a.bytes(1)?,
                a.bytes(2)?,
                a.address(3)?,
                a.address(4)?,
            ))?
        }
        NAME => string(short_string::bytes(&vault.name.get())),
        SYMBOL => string(short_string::bytes(&vault.symbol.get())),
        DECIMALS => word(vault.decimals()),
        TOTAL_SUPPLY => word(vault.total_supply()),
        BALANCE_OF => word(vault.balance_of(a.address(0)?)),
        ALLOWANCE => word(vault.allowance(a.address(0)?, a.address(1)?)),
        TRANSFER => answer(vault.transfer(a.address(0)?, a.uint(1)?))?,
        TRANSFER_FROM => answer(vault.transfer_from(a.address(0)?, a.address(1)?, a.uint(2)?))?,
        APPROVE => answer(vault.approve(a.address(0)?, a.uint(1)?))?,
        PERMIT => done(vault.permit(
            a.address(0)?,
            a.address(1)?,
            a.uint(2)?,
            a.uint(3)?,
            a.u8(4)?,
            a.b256(5)?,
            a.b256(6)?,
        ))?,
        NONCES => word(vault.nonces(a.address(0)?)),
        DOMAIN_SEPARATOR => word(vault.eip712_domain()),
        ASSET => word(vault.asset()),
        TOTAL_ASSETS => answer(vault.total_assets())?,
        CONVERT_TO_SHARES => answer(vault.convert_to_shares(a.uint(0)?))?,
        CONVERT_TO_ASSETS => answer(vault.convert_to_assets(a.uint(0)?))?,
        MAX_DEPOSIT => answer(vault.max_deposit(a.address(0)?))?,
        MAX_MINT => answer(vault.max_mint(a.address(0)?))?,
        PREVIEW_DEPOSIT => answer(vault.preview_deposit(a.uint(0)?))?,
        PREVIEW_MINT => answer(vault.preview_mint(a.uint(0)?))?,
        PREVIEW_WITHDRAW => answer(vault.preview_withdraw(a.uint(0)?))?,
        PREVIEW_REDEEM => answer(vault.preview_redeem(a.uint(0)?))?,
        DEPOSIT => answer(vault.deposit(a.uint(0)?, a.address(1)?))?,
        DEPOSIT_WITH_MIN_SHARES => {
            answer(vault.deposit_with_min_shares(a.uint(0)?, a.address(1)?, a.uint(2)?))?
        }
        MINT => answer(vault.mint(a.uint(0)?, a.address(1)?))?,
        MAX_WITHDRAW => word(vault.max_withdraw(a.address(0)?)),
        MAX_REDEEM => word(vault.max_redeem(a.address(0)?)),
        WITHDRAW => answer(vault.withdraw(a.uint(0)?, a.address(1)?, a.address(2)?))?,
        REDEEM => answer(vault.redeem(a.uint(0)?, a.address(1)?, a.address(2)?))?,
        TVL_CAP => word(vault.tvl_cap()),
        PER_DEPOSIT_CAP => word(vault.per_deposit_cap()),
        SET_CAPS => done(vault.set_caps(a.uint(0)?, a.uint(1)?))?,
        NOTIFY_REWARDS => done(vault.notify_rewards(a.uint(0)?))?,
        UNVESTED_REWARDS => answer(vault.unvested_rewards())?,
        VESTING_PERIOD => word(vault.vesting_period()),
        SET_VESTING_PERIOD => done(vault.set_vesting_period(a.u64(0)?))?,
        PROTOCOL_FEE_WAD => word(vault.protocol_fee_wad()),
        SET_PROTOCOL_FEE => done(vault.set_protocol_fee(a.uint(0)?))?,
        TREASURY => word(vault.treasury()),
        SET_TREASURY => done(vault.set_treasury(a.address(0)?))?,
        CURATOR => word(vault.curator()),
        SET_CURATOR => done(vault.set_curator(a.address(0)?))?,
        HUB => word(vault.hub()),
        SET_HUB => done(vault.set_hub(a.address(0)?))?,
        WITHDRAWAL_QUEUE => word(vault.withdrawal_queue()),
        SET_WITHDRAWAL_QUEUE => done(vault.set_withdrawal_queue(a.address(0)?))?,
        PROPOSE_WIRING => done(vault.propose_wiring(a.address(0)?, a.address(1)?))?,
        EXECUTE_WIRING => done(vault.execute_wiring())?,
        CANCEL_WIRING => done(vault.cancel_wiring())?,
        PENDING_WIRING => {
            let (hub, queue, ready_at) = vault.pending_wiring();
            words(&[hub.word(), queue.word(), ready_at.word()])
        }
        SLASH => answer(vault.slash(a.uint(0)?, a.address(1)?))?,
        SLASH_OWED => word(vault.slash_owed(a.address(0)?)),
        TOTAL_SLASH_OWED => word(vault.total_slash_owed()),
        PAY_SLASHED => answer(vault.pay_slashed(a.address(0)?))?,
        LOCK_SHARES => done(vault.lock_shares(a.address(0)?, a.uint(1)?))?,
        REDEEM_LOCKED => answer(vault.redeem_locked(a.uint(0)?, a.uint(1)?, a.address(2)?))?,
        ADMIN => word(vault.admin()),
        PENDING_ADMIN => word(vault.pending_admin()),
        IS_PAUSER => word(vault.is_pauser(a.address(0)?)),
        TRANSFER_ADMIN => done(vault.transfer_admin(a.address(0)?))?,
        ACCEPT_ADMIN => done(vault.accept_admin())?,
        SET_PAUSER => done(vault.set_pauser(a.address(0)?, a.bool(1)?))?,
        PAUSED => word(vault.paused()),
        PAUSE => done(vault.pause(a.u8(0)?))?,
        UNPAUSE => done(vault.unpause(a.u8(0)?))?,
        _ => return Err(Vec::new()),
    })
}

/// One static return value.
fn word(value: impl Word) -> Vec<u8> {
    words(&[value.word()])
}

/// One static return value of a function that may revert.
fn answer<T: Word>(result: Result<T, VaultError>) -> Reply {
    result.map(word).map_err(Vec::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_distinct() {
        for (i, a) in SELECTORS.iter().enumerate() {
            assert!(!SELECTORS[i + 1..].contains(a), "{a:08x} twice");
        }
    }

    #[test]
    fn selector_constants_match_known_values() {
        assert_eq!(TRANSFER, 0xa9059cbb);
        assert_eq!(DOMAIN_SEPARATOR, 0x3644e515);
        assert_eq!(DEPOSIT, 0x6e553f65);
    }
}
