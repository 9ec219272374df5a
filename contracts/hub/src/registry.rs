//! Who takes part: vaults (admin-registered), operators and AVSs (self-registered).
//! Metadata URIs live in events only, logged as sent (not checked for UTF-8 on chain);
//! indexers read them from there.

use alloc::{vec, vec::Vec};

use lrt_common::errors::ZeroAddress;
use stylus_sdk::alloy_sol_types::SolEvent;
use stylus_sdk::{
    alloy_primitives::{Address, U256, U64},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap},
};

use lrt_common::abi::{emit_with_text, Word};

use crate::{
    errors::{
        AvsNotRegistered, HubError, OperatorAlreadyRegistered, OperatorNotRegistered,
        VaultAlreadyRegistered, VaultNotRegistered,
    },
    events::{
        AvsAllowlistSet, AvsConfigured, OperatorMetadataUpdated, OperatorRegistered, SlashCapSet,
        VaultRegistered,
    },
    stake::to_fraction,
    Hub,
};

#[storage]
pub struct AvsConfig {
    registered: StorageBool,
    allowlist_only: StorageBool,
    pub slasher: StorageAddress,
    /// Receives what the AVS slashes from vaults whose curator approved redistribution.
    pub recipient: StorageAddress,
    allowlist: StorageMap<Address, StorageBool>,
}

impl AvsConfig {
    pub fn is_allowlisted(&self, operator: Address) -> bool {
        self.allowlist.get(operator)
    }

    pub fn allowlist_only(&self) -> bool {
        self.allowlist_only.get()
    }
}

impl Hub {
    pub(crate) fn enrol_vault(&mut self, vault: Address) -> Result<(), HubError> {
        self.roles.only_admin()?;
        if vault.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        if self.vault_registered.get(vault) {
            return Err(VaultAlreadyRegistered { vault }.into());
        }
        self.vault_registered.setter(vault).set(true);
        self.vault_list.push(vault);
        self.emit(VaultRegistered { vault });
        Ok(())
    }

    pub fn enrol_operator(&mut self, metadata_uri: &[u8]) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        if self.operator_registered.get(operator) {
            return Err(OperatorAlreadyRegistered { operator }.into());
        }
        self.operator_registered.setter(operator).set(true);
        let topics = [OperatorRegistered::SIGNATURE_HASH, operator.word()];
        emit_with_text(self.vm(), &topics, metadata_uri, &[]);
        Ok(())
    }

    pub fn store_operator_metadata(&mut self, metadata_uri: &[u8]) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        let topics = [OperatorMetadataUpdated::SIGNATURE_HASH, operator.word()];
        emit_with_text(self.vm(), &topics, metadata_uri, &[]);
        Ok(())
    }

    pub fn enrol_avs(
        &mut self,
        metadata_uri: &[u8],
        slasher: Address,
        recipient: Address,
        allowlist_only: bool,
    ) -> Result<(), HubError> {
        if slasher.is_zero() || recipient.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        let avs = self.vm().msg_sender();
        let mut config = self.avs_configs.setter(avs);
        config.registered.set(true);
        config.allowlist_only.set(allowlist_only);
        config.slasher.set(slasher);
        config.recipient.set(recipient);
        let topics = [AvsConfigured::SIGNATURE_HASH, avs.word()];
        let words = [slasher.word(), recipient.word(), allowlist_only.word()];
        emit_with_text(self.vm(), &topics, metadata_uri, &words);
        Ok(())
    }

    pub(crate) fn store_avs_allowlist(
        &mut self,
        operator: Address,
        allowed: bool,
    ) -> Result<(), HubError> {
        let avs = self.vm().msg_sender();
        self.require_avs(avs)?;
        self.avs_configs
            .setter(avs)
            .allowlist
            .setter(operator)
            .set(allowed);
        self.emit(AvsAllowlistSet {
            avs,
            operator,
            allowed,
        });
        Ok(())
    }

    /// Governance's circuit breaker for `avs`, settable before the AVS registers; zero goes
    /// back to the default.
    pub(crate) fn store_slash_cap(
        &mut self,
        avs: Address,
        max_fraction_per_day_wad: U256,
    ) -> Result<(), HubError> {
        self.roles.only_admin()?;
        let cap = to_fraction(max_fraction_per_day_wad)?;
        self.slash_caps.setter(avs).set(U64::from(cap));
        self.emit(SlashCapSet {
            avs,
            maxFractionPerDayWad: max_fraction_per_day_wad,
        });
        Ok(())
    }

    /// `(registered, slasher, recipient, allowlistOnly, slashCapPerDayWad)`.
    pub(crate) fn read_avs_config(&self, avs: Address) -> (bool, Address, Address, bool, U256) {
        let config = self.avs_configs.getter(avs);
        (
            config.registered.get(),
            config.slasher.get(),
            config.recipient.get(),
            config.allowlist_only.get(),
            U256::from(self.slash_cap(avs)),
        )
    }

    pub(crate) fn require_vault(&self, vault: Address) -> Result<(), HubError> {
        if !self.vault_registered.get(vault) {
            return Err(VaultNotRegistered { vault }.into());
        }
        Ok(())
    }

    pub(crate) fn require_operator(&self, operator: Address) -> Result<(), HubError> {
        if !self.operator_registered.get(operator) {
            return Err(OperatorNotRegistered { operator }.into());
        }
        Ok(())
    }

    pub(crate) fn require_avs(&self, avs: Address) -> Result<(), HubError> {
        if !self.avs_configs.getter(avs).registered.get() {
            return Err(AvsNotRegistered { avs }.into());
        }
        Ok(())
    }
}
