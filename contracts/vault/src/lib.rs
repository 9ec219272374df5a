//! The LRT: an ERC-20 + EIP-2612 + ERC-4626 vault over one underlying asset (DESIGN.md §2).
//!
//! * `totalAssets` is bookkeeping (deposits + vested rewards − slashes − paid redemptions),
//!   never `balanceOf(this)`, so a donation cannot move the rate.
//! * Share math carries a virtual offset of [`accounting::VIRTUAL_OFFSET`] shares and assets;
//!   rounding always favours the vault.
//! * Rewards vest linearly, each push fully vested at most `vestingPeriod` after it (see
//!   `rewards`). The protocol fee is paid to the treasury in the asset when rewards are
//!   notified, so its take is exactly the fee.
//! * Redemptions only go through the withdrawal queue (`lockShares` + `redeemLocked`); slashing
//!   only through the hub, and no pause bit can block it. Both addresses are set once, then
//!   changed only through a timelock (see `wiring`).
//! * A deposit checks that the asset really arrived (`AssetShortfall` otherwise).
//! * Caps are literal: `tvlCap` bounds `totalAssets`, `perDepositCap` bounds one deposit;
//!   both start at `type(uint256).max` (unlimited), and 0 closes deposits. A cap is below
//!   2^128 − 1 or unlimited (see `packed`).
//! * The books are 128-bit: settled assets plus rewards still vesting, and the share supply,
//!   stay below 2^128 (`MathOverflow` otherwise).
#![cfg_attr(target_arch = "wasm32", no_std)]
// The SDK's export-abi expansion nests one level per public function.
#![recursion_limit = "256"]

extern crate alloc;

mod accounting;
mod asset;
mod deposit;
pub mod errors;
pub mod events;
mod hooks;
mod packed;
mod permit;
mod rewards;
pub mod router;
mod short_string;
mod token;
pub mod wiring;

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;

use alloc::{string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use lrt_common::{
    abi::{emit, Word},
    limits::{MAX_DELAY, MAX_FEE_WAD},
    pause::{Pausable, DEPOSIT},
    roles::Roles,
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageU256, StorageU64, StorageU8,
    },
};

use crate::{
    errors::{DirectRedemptionDisabled, FeeTooHigh, InvalidVestingPeriod, VaultError, ZeroAddress},
    events::{CapsSet, CuratorSet, ProtocolFeeSet, TreasurySet, VestingPeriodSet},
    packed::{StorageAmount, StorageCap},
};

/// Rewards vest over a day unless governance says otherwise.
pub const DEFAULT_VESTING_PERIOD: u64 = 24 * 60 * 60;
/// 10 % of rewards, as a WAD.
pub const DEFAULT_PROTOCOL_FEE_WAD: U256 = U256::from_limbs([100_000_000_000_000_000, 0, 0, 0]);

/// Fields a hot path reads together share a slot (cold slots are the bulk of a deposit's gas
/// besides the fixed cost of entering the program): a deposit reads three slots besides the
/// receiver's balance, four while rewards vest, five in a capped vault.
#[storage]
pub struct Vault {
    roles: Roles,

    // One slot: everything a deposit checks before the books.
    asset: StorageAddress,
    pausable: Pausable,
    decimals: StorageU8,
    /// Whether a cap is set; an uncapped vault's deposits skip reading the caps.
    capped: StorageBool,
    /// When the rewards still vesting are all vested; 0 when nothing vests (see `accounting`),
    /// so deposits and redemptions skip the vesting slot.
    vest_end: StorageU64,

    // One slot: the books every deposit, mint and redemption reads and writes.
    /// Settled assets; rewards vested since `vest_last` are added on the fly.
    total_assets: StorageAmount,
    total_supply: StorageAmount,

    // One slot: vesting.
    /// Rewards not yet vested as of `vest_last`; they vest linearly until `vest_end`.
    unvested: StorageAmount,
    vest_last: StorageU64,
    vesting_period: StorageU64,

    // One slot: the caps.
    tvl_cap: StorageCap,
    per_deposit_cap: StorageCap,

    /// Short strings (see `short_string`): StorageString would cost ~13 KB of WASM.
    name: StorageB256,
    symbol: StorageB256,
    balances: StorageMap<Address, StorageU256>,
    allowances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    nonces: StorageMap<Address, StorageU256>,

    protocol_fee_wad: StorageU256,
    treasury: StorageAddress,

    /// Slashed assets booked but not yet paid, per recipient and in total (held by the vault
    /// outside totalAssets until paid), stored plus one once used: see [`hooks::owed`].
    slash_owed: StorageMap<Address, StorageU256>,
    total_slash_owed: StorageU256,

    curator: StorageAddress,
    hub: StorageAddress,
    withdrawal_queue: StorageAddress,
    /// A proposed re-wiring (see `wiring`); `wiring_ready_at` is 0 when none is pending.
    pending_hub: StorageAddress,
    pending_queue: StorageAddress,
    wiring_ready_at: StorageU64,
}

// SAFETY: the vault is the contract's top-level storage (see `entry`).
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for Vault {}

/// On chain `router` answers every call, the constructor's too (see there and
/// [`lrt_common::router::entry`] why).
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn entry(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    lrt_common::router::entry::<Vault>(&input, host, router::route)
}

/// Host builds route through the SDK so `export-abi` renders the interface from these.
#[cfg_attr(not(target_arch = "wasm32"), public)]
impl Vault {
    // ---- ERC-20 ----

    pub fn name(&self) -> String {
        short_string::decode(self.name.get())
    }

    pub fn symbol(&self) -> String {
        short_string::decode(self.symbol.get())
    }

    /// Same as the asset's: the virtual offset adds equal shares and assets.
    pub fn decimals(&self) -> u8 {
        self.decimals.get().byte(0)
    }

    pub fn total_supply(&self) -> U256 {
        self.total_supply.get()
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        token::shares(self.balances.get(account))
    }

    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.allowances.getter(owner).get(spender)
    }

    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, VaultError> {
        let from = self.vm().msg_sender();
        self.move_shares(from, to, value)?;
        Ok(true)
    }

    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, VaultError> {
        let spender = self.vm().msg_sender();
        self.spend_allowance(from, spender, value)?;
        self.move_shares(from, to, value)?;
        Ok(true)
    }

    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, VaultError> {
        let owner = self.vm().msg_sender();
        self.set_allowance(owner, spender, value)?;
        Ok(true)
    }

    // ---- EIP-2612 ----

    #[allow(clippy::too_many_arguments)]
    pub fn permit(
        &mut self,
        owner: Address,
        spender: Address,
        value: U256,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<(), VaultError> {
        self.verify_permit(owner, spender, value, deadline, v, r, s)?;
        self.set_allowance(owner, spender, value)
    }

    pub fn nonces(&self, owner: Address) -> U256 {
        self.nonces.get(owner)
    }

    // On chain the router answers DOMAIN_SEPARATOR itself (the SDK would not see the attribute).
    #[cfg(not(target_arch = "wasm32"))]
    #[selector(name = "DOMAIN_SEPARATOR")]
    pub fn domain_separator(&self) -> B256 {
        self.eip712_domain()
    }

    // ---- ERC-4626 ----

    pub fn asset(&self) -> Address {
        self.asset.get()
    }

    /// Settled assets plus rewards vested so far.
    pub fn total_assets(&self) -> Result<U256, VaultError> {
        Ok(self.vesting_now()?.0)
    }

    pub fn convert_to_shares(&self, assets: U256) -> Result<U256, VaultError> {
        self.preview_deposit(assets)
    }

    pub fn convert_to_assets(&self, shares: U256) -> Result<U256, VaultError> {
        self.preview_redeem(shares)
    }

    pub fn max_deposit(&self, _receiver: Address) -> Result<U256, VaultError> {
        self.deposit_room()
    }

    pub fn max_mint(&self, _receiver: Address) -> Result<U256, VaultError> {
        let room = self.deposit_room()?;
        // An unlimited cap converts past 2^256 shares; unlimited stays unlimited.
        Ok(self.preview_deposit(room).unwrap_or(U256::MAX))
    }

    pub fn preview_deposit(&self, assets: U256) -> Result<U256, VaultError> {
        let (total, _) = self.vesting_now()?;
        self.shares_for(assets, total, lrt_common::math::Rounding::Down)
    }

    pub fn preview_mint(&self, shares: U256) -> Result<U256, VaultError> {
        let (total, _) = self.vesting_now()?;
        self.assets_for(shares, total, lrt_common::math::Rounding::Up)
    }

    pub fn preview_withdraw(&self, assets: U256) -> Result<U256, VaultError> {
        let (total, _) = self.vesting_now()?;
        self.shares_for(assets, total, lrt_common::math::Rounding::Up)
    }

    pub fn preview_redeem(&self, shares: U256) -> Result<U256, VaultError> {
        let (total, _) = self.vesting_now()?;
        self.assets_for(shares, total, lrt_common::math::Rounding::Down)
    }

    pub fn deposit(&mut self, assets: U256, receiver: Address) -> Result<U256, VaultError> {
        self.deposit_assets(assets, receiver, U256::ZERO)
    }

    pub fn deposit_with_min_shares(
        &mut self,
        assets: U256,
        receiver: Address,
        min_shares_out: U256,
    ) -> Result<U256, VaultError> {
        self.deposit_assets(assets, receiver, min_shares_out)
    }

    pub fn mint(&mut self, shares: U256, receiver: Address) -> Result<U256, VaultError> {
        self.mint_shares(shares, receiver)
    }

    pub fn max_withdraw(&self, _owner: Address) -> U256 {
        U256::ZERO
    }

    pub fn max_redeem(&self, _owner: Address) -> U256 {
        U256::ZERO
    }

    pub fn withdraw(
        &mut self,
        _assets: U256,
        _receiver: Address,
        _owner: Address,
    ) -> Result<U256, VaultError> {
        Err(DirectRedemptionDisabled {}.into())
    }

    pub fn redeem(
        &mut self,
        _shares: U256,
        _receiver: Address,
        _owner: Address,
    ) -> Result<U256, VaultError> {
        Err(DirectRedemptionDisabled {}.into())
    }

    // ---- caps ----

    pub fn tvl_cap(&self) -> U256 {
        self.tvl_cap.get()
    }

    pub fn per_deposit_cap(&self) -> U256 {
        self.per_deposit_cap.get()
    }

    /// Each cap is below 2^128 − 1 or `type(uint256).max` (none); `MathOverflow` otherwise.
    pub fn set_caps(&mut self, tvl_cap: U256, per_deposit_cap: U256) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        self.store_caps(tvl_cap, per_deposit_cap)
    }

    // ---- rewards ----

    pub fn notify_rewards(&mut self, amount: U256) -> Result<(), VaultError> {
        self.take_rewards(amount)
    }

    pub fn unvested_rewards(&self) -> Result<U256, VaultError> {
        Ok(self.vesting_now()?.1)
    }

    pub fn vesting_period(&self) -> u64 {
        self.vesting_period.get().as_limbs()[0]
    }

    pub fn set_vesting_period(&mut self, period: u64) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        if period == 0 || period > MAX_DELAY {
            return Err(InvalidVestingPeriod { period }.into());
        }
        self.store_vesting_period(period);
        Ok(())
    }

    pub fn protocol_fee_wad(&self) -> U256 {
        self.protocol_fee_wad.get()
    }

    pub fn set_protocol_fee(&mut self, fee_wad: U256) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        if fee_wad > MAX_FEE_WAD {
            return Err(FeeTooHigh {
                feeWad: fee_wad,
                maxFeeWad: MAX_FEE_WAD,
            }
            .into());
        }
        self.store_protocol_fee(fee_wad);
        Ok(())
    }

    pub fn treasury(&self) -> Address {
        self.treasury.get()
    }

    pub fn set_treasury(&mut self, treasury: Address) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        if treasury.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.store_treasury(treasury);
        Ok(())
    }

    // ---- wiring ----

    pub fn curator(&self) -> Address {
        self.curator.get()
    }

    pub fn set_curator(&mut self, curator: Address) -> Result<(), VaultError> {
        self.roles.only_admin()?;
        self.curator.set(curator);
        emit(
            self.vm(),
            &[CuratorSet::SIGNATURE_HASH, curator.word()],
            &[],
        );
        Ok(())
    }

    pub fn hub(&self) -> Address {
        self.hub.get()
    }

    /// Once, at deployment; later through `proposeWiring`.
    pub fn set_hub(&mut self, hub: Address) -> Result<(), VaultError> {
        self.set_once(true, hub)
    }

    pub fn withdrawal_queue(&self) -> Address {
        self.withdrawal_queue.get()
    }

    /// Once, at deployment; later through `proposeWiring`.
    pub fn set_withdrawal_queue(&mut self, withdrawal_queue: Address) -> Result<(), VaultError> {
        self.set_once(false, withdrawal_queue)
    }

    /// Starts the timelock (`WIRING_DELAY`) for re-pointing the vault at `hub` and
    /// `withdrawal_queue` (pass the current one to keep it).
    pub fn propose_wiring(
        &mut self,
        hub: Address,
        withdrawal_queue: Address,
    ) -> Result<(), VaultError> {
        self.propose(hub, withdrawal_queue)
    }

    /// Applies the proposal once its delay has passed and the old queue has no open request.
    pub fn execute_wiring(&mut self) -> Result<(), VaultError> {
        self.execute()
    }

    pub fn cancel_wiring(&mut self) -> Result<(), VaultError> {
        self.cancel()
    }

    /// `(hub, withdrawalQueue, readyAt)` of the pending proposal; all zero when none.
    pub fn pending_wiring(&self) -> (Address, Address, u64) {
        self.pending()
    }

    // ---- hub and queue hooks ----

    /// Never paused: a pause must not shield stake that is already allocated. Books the loss;
    /// the assets are paid out by `paySlashed`.
    pub fn slash(&mut self, assets: U256, recipient: Address) -> Result<U256, VaultError> {
        self.slash_assets(assets, recipient)
    }

    /// Assets slashes booked for `recipient` that the vault has not paid yet.
    pub fn slash_owed(&self, recipient: Address) -> U256 {
        hooks::owed(self.slash_owed.get(recipient))
    }

    pub fn total_slash_owed(&self) -> U256 {
        hooks::owed(self.total_slash_owed.get())
    }

    /// Pays `recipient` what slashes booked for it; anyone may call it. Never paused.
    pub fn pay_slashed(&mut self, recipient: Address) -> Result<U256, VaultError> {
        self.pay_slashed_assets(recipient)
    }

    /// Returns what the locked shares are worth now, exactly `convertToAssets(shares)`: the
    /// queue records it for the request without a second call into the vault.
    pub fn lock_shares(&mut self, owner: Address, shares: U256) -> Result<U256, VaultError> {
        self.lock_for_queue(owner, shares)
    }

    pub fn redeem_locked(
        &mut self,
        shares: U256,
        max_assets: U256,
        receiver: Address,
    ) -> Result<U256, VaultError> {
        self.redeem_for_queue(shares, max_assets, receiver)
    }

    // ---- roles and pause (the vault enforces DEPOSIT only) ----

    pub fn admin(&self) -> Address {
        self.roles.admin()
    }

    pub fn pending_admin(&self) -> Address {
        self.roles.pending_admin()
    }

    pub fn is_pauser(&self, account: Address) -> bool {
        self.roles.is_pauser(account)
    }

    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), VaultError> {
        Ok(self.roles.transfer_admin(new_admin)?)
    }

    pub fn accept_admin(&mut self) -> Result<(), VaultError> {
        Ok(self.roles.accept_admin()?)
    }

    pub fn set_pauser(&mut self, account: Address, allowed: bool) -> Result<(), VaultError> {
        Ok(self.roles.set_pauser(account, allowed)?)
    }

    pub fn paused(&self) -> u8 {
        self.pausable.paused()
    }

    pub fn pause(&mut self, bits: u8) -> Result<(), VaultError> {
        Ok(self.pausable.pause(&self.roles, bits, DEPOSIT)?)
    }

    pub fn unpause(&mut self, bits: u8) -> Result<(), VaultError> {
        Ok(self.pausable.unpause(&self.roles, bits, DEPOSIT)?)
    }
}

impl Vault {
    /// Runs inside the deploy transaction, so nobody can initialise the vault first. On chain
    /// `router` decodes it (see there); tests call it directly.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn constructor(
        &mut self,
        asset: Address,
        name: String,
        symbol: String,
        admin: Address,
        treasury: Address,
    ) -> Result<(), VaultError> {
        self.init(asset, name.as_bytes(), symbol.as_bytes(), admin, treasury)
    }

    pub(crate) fn init(
        &mut self,
        asset: Address,
        name: &[u8],
        symbol: &[u8],
        admin: Address,
        treasury: Address,
    ) -> Result<(), VaultError> {
        if asset.is_zero() || treasury.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.roles.init(admin)?;
        let decimals = asset::read_decimals(self.vm(), asset)?;
        self.asset.set(asset);
        self.decimals.set(alloy_primitives::U8::from(decimals));
        self.name.set(short_string::encode(name)?);
        self.symbol.set(short_string::encode(symbol)?);
        self.store_caps(U256::MAX, U256::MAX)?;
        self.store_vesting_period(DEFAULT_VESTING_PERIOD);
        self.store_protocol_fee(DEFAULT_PROTOCOL_FEE_WAD);
        self.store_treasury(treasury);
        // Written now (at deploy) rather than by the vault's first slash: see `hooks::owed`.
        self.total_slash_owed.set(hooks::stored(U256::ZERO));
        Ok(())
    }

    fn store_caps(&mut self, tvl_cap: U256, per_deposit_cap: U256) -> Result<(), VaultError> {
        self.tvl_cap.set(tvl_cap)?;
        self.per_deposit_cap.set(per_deposit_cap)?;
        self.capped
            .set(tvl_cap != U256::MAX || per_deposit_cap != U256::MAX);
        emit(
            self.vm(),
            &[CapsSet::SIGNATURE_HASH],
            &[tvl_cap.word(), per_deposit_cap.word()],
        );
        Ok(())
    }

    fn store_vesting_period(&mut self, period: u64) {
        self.vesting_period.set(alloy_primitives::U64::from(period));
        emit(
            self.vm(),
            &[VestingPeriodSet::SIGNATURE_HASH],
            &[period.word()],
        );
    }

    fn store_protocol_fee(&mut self, fee_wad: U256) {
        self.protocol_fee_wad.set(fee_wad);
        emit(
            self.vm(),
            &[ProtocolFeeSet::SIGNATURE_HASH],
            &[fee_wad.word()],
        );
    }

    fn store_treasury(&mut self, treasury: Address) {
        self.treasury.set(treasury);
        emit(
            self.vm(),
            &[TreasurySet::SIGNATURE_HASH, treasury.word()],
            &[],
        );
    }

    /// What one more deposit may add: 0 while deposits are paused.
    fn deposit_room(&self) -> Result<U256, VaultError> {
        if self.pausable.when_not_paused(DEPOSIT).is_err() {
            return Ok(U256::ZERO);
        }
        let (total, _) = self.vesting_now()?;
        let tvl_room = self.tvl_cap.get().saturating_sub(total);
        Ok(tvl_room.min(self.per_deposit_cap.get()))
    }
}
