//! The vault's on-chain call router (see [`lrt_common::router`] for why it is hand-written).
//!
//! On WASM the SDK hands every call, the constructor's included, to [`route`] through
//! `#[fallback]`; on the host the SDK router stays so `export-abi` renders IVault.sol. The tests
//! prove both routers agree and that [`SELECTORS`] is exactly the interface. One line per
//! function ([`lrt_common::routes`]): its selector constant, signature, decoding and reply.

use lrt_common::{
    abi::Word,
    router::{answer, done, string, word, words},
};
use stylus_sdk::stylus_core::host::ConstructorGuard;

use crate::{errors::VaultError, short_string, Vault};

lrt_common::routes! {
    fn route(vault: &mut Vault, a);
    // constructor(address asset, string name, string symbol, address admin, address
    // treasury); name and symbol are taken as bytes (they are only stored and echoed).
    constructor => {
        vault.check_constructor_slot()?;
        done(vault.init(
            a.address(0)?,
            a.bytes(1)?,
            a.bytes(2)?,
            a.address(3)?,
            a.address(4)?,
        ))?
    };
    governance => (roles, pausable, lrt_common::pause::DEPOSIT, VaultError);
    NAME = "name()" => string(short_string::bytes(&vault.name.get())),
    SYMBOL = "symbol()" => string(short_string::bytes(&vault.symbol.get())),
    DECIMALS = "decimals()" => word(vault.decimals()),
    TOTAL_SUPPLY = "totalSupply()" => word(vault.total_supply()),
    BALANCE_OF = "balanceOf(address)" => word(vault.balance_of(a.address(0)?)),
    ALLOWANCE = "allowance(address,address)" => word(vault.allowance(a.address(0)?, a.address(1)?)),
    TRANSFER = "transfer(address,uint256)" => answer(vault.transfer(a.address(0)?, a.uint(1)?))?,
    TRANSFER_FROM = "transferFrom(address,address,uint256)" =>
        answer(vault.transfer_from(a.address(0)?, a.address(1)?, a.uint(2)?))?,
    APPROVE = "approve(address,uint256)" => answer(vault.approve(a.address(0)?, a.uint(1)?))?,
    PERMIT = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)" => done(vault.permit(
        a.address(0)?,
        a.address(1)?,
        a.uint(2)?,
        a.uint(3)?,
        a.u8(4)?,
        a.b256(5)?,
        a.b256(6)?,
    ))?,
    NONCES = "nonces(address)" => word(vault.nonces(a.address(0)?)),
    DOMAIN_SEPARATOR = "DOMAIN_SEPARATOR()" => word(vault.eip712_domain()),
    ASSET = "asset()" => word(vault.asset()),
    TOTAL_ASSETS = "totalAssets()" => answer(vault.total_assets())?,
    CONVERT_TO_SHARES = "convertToShares(uint256)" => answer(vault.convert_to_shares(a.uint(0)?))?,
    CONVERT_TO_ASSETS = "convertToAssets(uint256)" => answer(vault.convert_to_assets(a.uint(0)?))?,
    MAX_DEPOSIT = "maxDeposit(address)" => answer(vault.max_deposit(a.address(0)?))?,
    MAX_MINT = "maxMint(address)" => answer(vault.max_mint(a.address(0)?))?,
    PREVIEW_DEPOSIT = "previewDeposit(uint256)" => answer(vault.preview_deposit(a.uint(0)?))?,
    PREVIEW_MINT = "previewMint(uint256)" => answer(vault.preview_mint(a.uint(0)?))?,
    PREVIEW_WITHDRAW = "previewWithdraw(uint256)" => answer(vault.preview_withdraw(a.uint(0)?))?,
    PREVIEW_REDEEM = "previewRedeem(uint256)" => answer(vault.preview_redeem(a.uint(0)?))?,
    DEPOSIT = "deposit(uint256,address)" => answer(vault.deposit(a.uint(0)?, a.address(1)?))?,
    DEPOSIT_WITH_MIN_SHARES = "depositWithMinShares(uint256,address,uint256)" =>
        answer(vault.deposit_with_min_shares(a.uint(0)?, a.address(1)?, a.uint(2)?))?,
    MINT = "mint(uint256,address)" => answer(vault.mint(a.uint(0)?, a.address(1)?))?,
    MAX_WITHDRAW = "maxWithdraw(address)" => word(vault.max_withdraw(a.address(0)?)),
    MAX_REDEEM = "maxRedeem(address)" => word(vault.max_redeem(a.address(0)?)),
    WITHDRAW = "withdraw(uint256,address,address)" =>
        answer(vault.withdraw(a.uint(0)?, a.address(1)?, a.address(2)?))?,
    REDEEM = "redeem(uint256,address,address)" =>
        answer(vault.redeem(a.uint(0)?, a.address(1)?, a.address(2)?))?,
    TVL_CAP = "tvlCap()" => word(vault.tvl_cap()),
    PER_DEPOSIT_CAP = "perDepositCap()" => word(vault.per_deposit_cap()),
    SET_CAPS = "setCaps(uint256,uint256)" => done(vault.set_caps(a.uint(0)?, a.uint(1)?))?,
    NOTIFY_REWARDS = "notifyRewards(uint256)" => done(vault.notify_rewards(a.uint(0)?))?,
    UNVESTED_REWARDS = "unvestedRewards()" => answer(vault.unvested_rewards())?,
    VESTING_PERIOD = "vestingPeriod()" => word(vault.vesting_period()),
    SET_VESTING_PERIOD = "setVestingPeriod(uint64)" => done(vault.set_vesting_period(a.u64(0)?))?,
    PROTOCOL_FEE_WAD = "protocolFeeWad()" => word(vault.protocol_fee_wad()),
    SET_PROTOCOL_FEE = "setProtocolFee(uint256)" => done(vault.set_protocol_fee(a.uint(0)?))?,
    TREASURY = "treasury()" => word(vault.treasury()),
    SET_TREASURY = "setTreasury(address)" => done(vault.set_treasury(a.address(0)?))?,
    CURATOR = "curator()" => word(vault.curator()),
    SET_CURATOR = "setCurator(address)" => done(vault.set_curator(a.address(0)?))?,
    HUB = "hub()" => word(vault.hub()),
    SET_HUB = "setHub(address)" => done(vault.set_hub(a.address(0)?))?,
    WITHDRAWAL_QUEUE = "withdrawalQueue()" => word(vault.withdrawal_queue()),
    SET_WITHDRAWAL_QUEUE = "setWithdrawalQueue(address)" =>
        done(vault.set_withdrawal_queue(a.address(0)?))?,
    PROPOSE_WIRING = "proposeWiring(address,address)" =>
        done(vault.propose_wiring(a.address(0)?, a.address(1)?))?,
    EXECUTE_WIRING = "executeWiring()" => done(vault.execute_wiring())?,
    CANCEL_WIRING = "cancelWiring()" => done(vault.cancel_wiring())?,
    PENDING_WIRING = "pendingWiring()" => {
        let (hub, queue, ready_at) = vault.pending_wiring();
        words(&[hub.word(), queue.word(), ready_at.word()])
    },
    SLASH = "slash(uint256,address)" => answer(vault.slash(a.uint(0)?, a.address(1)?))?,
    SLASH_OWED = "slashOwed(address)" => word(vault.slash_owed(a.address(0)?)),
    TOTAL_SLASH_OWED = "totalSlashOwed()" => word(vault.total_slash_owed()),
    PAY_SLASHED = "paySlashed(address)" => answer(vault.pay_slashed(a.address(0)?))?,
    LOCK_SHARES = "lockShares(address,uint256)" =>
        answer(vault.lock_shares(a.address(0)?, a.uint(1)?))?,
    REDEEM_LOCKED = "redeemLocked(uint256,uint256,address)" =>
        answer(vault.redeem_locked(a.uint(0)?, a.uint(1)?, a.address(2)?))?,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_constants_match_known_values() {
        assert_eq!(TRANSFER, 0xa9059cbb);
        assert_eq!(DOMAIN_SEPARATOR, 0x3644e515);
        assert_eq!(DEPOSIT, 0x6e553f65);
    }
}
