//! Who takes part: vaults (admin-registered), operators and AVSs (self-registered).
//! Metadata URIs live in events only; indexers read them from there.

use alloc::{string::String, vec, vec::Vec};

use lrt_common::errors::ZeroAddress;
use stylus_sdk::{
    alloy_primitives::{Address, U256},
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap},
};

use crate::{
    errors::{
        AvsNotRegistered, HubError, OperatorAlreadyRegistered, OperatorNotRegistered,
        VaultAlreadyRegistered, VaultNotRegistered,
    },
    events::{
        AvsAllowlistSet, AvsConfigured, OperatorMetadataUpdated, OperatorRegistered, SlashCapSet,
        VaultRegistered,
    },
    Hub,
};

#[storage]
pub struct AvsConfig {
    registered: StorageBool,
    allowlist_only: StorageBool,
    pub slasher: StorageAddress,
    pub burn_recipient: StorageAddress,
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
    pub(crate) fn do_register_vault(&mut self, vault: Address) -> Result<(), HubError> {
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

    pub(crate) fn do_register_operator(&mut self, metadata_uri: String) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        if self.operator_registered.get(operator) {
            return Err(OperatorAlreadyRegistered { operator }.into());
        }
        self.operator_registered.setter(operator).set(true);
        self.emit(OperatorRegistered {
            operator,
            metadataUri: metadata_uri,
        });
        Ok(())
    }

    pub(crate) fn do_set_operator_metadata(
        &mut self,
        metadata_uri: String,
    ) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        self.emit(OperatorMetadataUpdated {
            operator,
            metadataUri: metadata_uri,
        });
        Ok(())
    }

    pub(crate) fn do_register_avs(
        &mut self,
        metadata_uri: String,
        slasher: Address,
        burn_recipient: Address,
        allowlist_only: bool,
    ) -> Result<(), HubError> {
        if slasher.is_zero() || burn_recipient.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        let avs = self.vm().msg_sender();
        let mut config = self.avs_configs.setter(avs);
        config.registered.set(true);
        config.allowlist_only.set(allowlist_only);
        config.slasher.set(slasher);
        config.burn_recipient.set(burn_recipient);
        self.emit(AvsConfigured {
            avs,
            metadataUri: metadata_uri,
            slasher,
            burnRecipient: burn_recipient,
            allowlistOnly: allowlist_only,
        });
        Ok(())
    }

    pub(crate) fn do_set_avs_allowlist(
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

    pub(crate) fn do_set_slash_cap(
        &mut self,
        avs: Address,
        max_assets_per_day: U256,
    ) -> Result<(), HubError> {
        self.roles.only_admin()?;
        self.require_avs(avs)?;
        self.slash_guards.setter(avs).set_cap(max_assets_per_day);
        self.emit(SlashCapSet {
            avs,
            maxAssetsPerDay: max_assets_per_day,
        });
        Ok(())
    }

    pub(crate) fn do_avs_config(&self, avs: Address) -> (bool, Address, Address, bool, U256, U256) {
        let config = self.avs_configs.getter(avs);
        let guard = self.slash_guards.getter(avs);
        (
            config.registered.get(),
            config.slasher.get(),
            config.burn_recipient.get(),
            config.allowlist_only.get(),
            guard.cap(),
            guard.slashed_in_window(self.vm().block_timestamp()),
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
