//! The one list of settings a deployment must hold. Each setting is declared here once: the
//! getter that reads it back, the value the config asks for, and the call that sets it.
//! [`super::wire`] sends the setters of the settings that differ; [`super::verify`] reads
//! every setting back and reports each mismatch by name.

use std::fmt;

use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolCall,
};

use crate::{
    abi::lrt::{IHub, IVault, IWithdrawalQueue},
    config::{DeployConfig, VaultConfig},
    error::Result,
    manifest::{Manifest, VaultRecord},
};

/// One on-chain setting of a deployed contract.
#[derive(Debug, Clone)]
pub struct Setting {
    /// Names the setting in checks: "rstETH protocol fee".
    pub name: String,
    pub contract: Address,
    pub read: Read,
    pub desired: Value,
    /// How wiring corrects it; `None` when it is fixed at construction.
    pub setter: Option<Setter>,
}

/// How a setting is read back.
#[derive(Debug, Clone)]
pub enum Read {
    /// A getter returning one ABI word, decoded as the desired value's kind.
    Word(Bytes),
    /// A getter returning `address[]`: the value is whether it holds the address.
    ListHas(Bytes, Address),
}

/// A setting's value, in the kinds the contracts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Address(Address),
    Amount(U256),
    Seconds(u64),
    Flag(bool),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Address(a) => write!(f, "{a}"),
            Self::Amount(n) => write!(f, "{n}"),
            Self::Seconds(s) => write!(f, "{s}s"),
            Self::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// The transaction that sets a setting.
#[derive(Debug, Clone)]
pub struct Setter {
    /// Names the wiring transaction in the manifest: "rstETH.setCaps". Settings sharing one
    /// setter (the two caps) share the name, and wiring sends it once.
    pub what: String,
    pub calldata: Bytes,
    /// The vault takes its hub and queue directly only while they are unset; any later change
    /// goes through its timelock (proposeWiring, then executeWiring after 31 days).
    pub only_while_unset: bool,
}

fn call<C: SolCall>(call: C) -> Bytes {
    call.abi_encode().into()
}

fn setter<C: SolCall>(what: String, c: C) -> Option<Setter> {
    Some(Setter {
        what,
        calldata: call(c),
        only_while_unset: false,
    })
}

/// Every setting of the deployment in `manifest`, in wiring order: the hub's, each vault's,
/// then the roles.
pub fn all(config: &DeployConfig, manifest: &Manifest) -> Result<Vec<Setting>> {
    let mut settings = hub_settings(config, manifest.hub.address);
    for (v, vc) in manifest.vaults.iter().zip(&config.vaults) {
        settings.extend(vault_settings(vc, v, manifest.hub.address)?);
    }
    let admin = manifest.pending_admin.unwrap_or(manifest.admin);
    settings.extend(role_settings(
        config,
        manifest.admin,
        admin,
        &contracts(manifest),
    ));
    Ok(settings)
}

/// The hub, then each vault and its queue: the contracts that share the role surface.
pub fn contracts(manifest: &Manifest) -> Vec<(String, Address)> {
    std::iter::once(("hub".to_owned(), manifest.hub.address))
        .chain(manifest.vaults.iter().flat_map(|v| {
            [
                (format!("{} vault", v.symbol), v.vault.address),
                (format!("{} queue", v.symbol), v.queue.address),
            ]
        }))
        .collect()
}

/// The hub's own settings, fixed at construction.
pub fn hub_settings(config: &DeployConfig, hub: Address) -> Vec<Setting> {
    vec![Setting {
        name: "hub deallocation delay".into(),
        contract: hub,
        read: Read::Word(call(IHub::deallocationDelayCall::new(()))),
        desired: Value::Seconds(config.hub.deallocation_delay),
        setter: None,
    }]
}

/// One vault's and its queue's settings, in the order wiring sends them.
pub fn vault_settings(vc: &VaultConfig, v: &VaultRecord, hub: Address) -> Result<Vec<Setting>> {
    let s = &v.symbol;
    let (vault, queue) = (v.vault.address, v.queue.address);
    let on_vault = |name: &str, read: Bytes, desired: Value, setter: Option<Setter>| Setting {
        name: format!("{s} {name}"),
        contract: vault,
        read: Read::Word(read),
        desired,
        setter,
    };
    let on_queue = |name: &str, read: Bytes, desired: Value| Setting {
        name: format!("{s} {name}"),
        contract: queue,
        read: Read::Word(read),
        desired,
        // The queue's delay changes only through its own timelock; the rest is constructed.
        setter: None,
    };
    let once_unset = |what: String, calldata: Bytes| {
        Some(Setter {
            what,
            calldata,
            only_while_unset: true,
        })
    };
    let mut settings = vec![
        on_vault(
            "asset",
            call(IVault::assetCall::new(())),
            Value::Address(v.asset.address),
            None,
        ),
        on_vault(
            "hub",
            call(IVault::hubCall::new(())),
            Value::Address(hub),
            once_unset(format!("{s}.setHub"), call(IVault::setHubCall::new((hub,)))),
        ),
        on_vault(
            "withdrawal queue",
            call(IVault::withdrawalQueueCall::new(())),
            Value::Address(queue),
            once_unset(
                format!("{s}.setWithdrawalQueue"),
                call(IVault::setWithdrawalQueueCall::new((queue,))),
            ),
        ),
    ];
    let (tvl_cap, per_deposit_cap) = vc.caps(v.asset.decimals, &v.asset.symbol)?;
    if tvl_cap.is_some() || per_deposit_cap.is_some() {
        // One call sets both caps; an unset TVL cap is unlimited, an unset per-deposit cap
        // is the TVL cap.
        let tvl = tvl_cap.unwrap_or(U256::MAX);
        let per = per_deposit_cap.unwrap_or(tvl);
        let set_caps = || setter(format!("{s}.setCaps"), IVault::setCapsCall::new((tvl, per)));
        settings.push(on_vault(
            "TVL cap",
            call(IVault::tvlCapCall::new(())),
            Value::Amount(tvl),
            set_caps(),
        ));
        settings.push(on_vault(
            "per-deposit cap",
            call(IVault::perDepositCapCall::new(())),
            Value::Amount(per),
            set_caps(),
        ));
    }
    if let Some(fee) = vc.protocol_fee {
        settings.push(on_vault(
            "protocol fee",
            call(IVault::protocolFeeWadCall::new(())),
            Value::Amount(fee),
            setter(
                format!("{s}.setProtocolFee"),
                IVault::setProtocolFeeCall::new((fee,)),
            ),
        ));
    }
    if let Some(period) = vc.vesting_period {
        settings.push(on_vault(
            "vesting period",
            call(IVault::vestingPeriodCall::new(())),
            Value::Seconds(period),
            setter(
                format!("{s}.setVestingPeriod"),
                IVault::setVestingPeriodCall::new((period,)),
            ),
        ));
    }
    settings.extend([
        // A new vault has no curator (zero disables delegation), whoever deployed it.
        on_vault(
            "curator",
            call(IVault::curatorCall::new(())),
            Value::Address(v.curator),
            setter(
                format!("{s}.setCurator"),
                IVault::setCuratorCall::new((v.curator,)),
            ),
        ),
        on_vault(
            "treasury",
            call(IVault::treasuryCall::new(())),
            Value::Address(v.treasury),
            setter(
                format!("{s}.setTreasury"),
                IVault::setTreasuryCall::new((v.treasury,)),
            ),
        ),
        Setting {
            name: format!("{s} registered in hub"),
            contract: hub,
            read: Read::ListHas(call(IHub::vaultsCall::new(())), vault),
            desired: Value::Flag(true),
            setter: setter(
                format!("hub.registerVault({s})"),
                IHub::registerVaultCall::new((vault,)),
            ),
        },
        on_queue(
            "queue's vault",
            call(IWithdrawalQueue::vaultCall::new(())),
            Value::Address(vault),
        ),
        on_queue(
            "queue's hub",
            call(IWithdrawalQueue::hubCall::new(())),
            Value::Address(hub),
        ),
        on_queue(
            "withdrawal delay",
            call(IWithdrawalQueue::withdrawalDelayCall::new(())),
            Value::Seconds(vc.withdrawal_delay),
        ),
    ]);
    Ok(settings)
}

/// Pausers and the admin on each of `contracts`: `deployer` stays admin until `admin` (when
/// another address) accepts the transfer offered to it.
pub fn role_settings(
    config: &DeployConfig,
    deployer: Address,
    admin: Address,
    contracts: &[(String, Address)],
) -> Vec<Setting> {
    let mut settings = Vec::new();
    for (name, contract) in contracts {
        // Every contract shares the role surface; the hub binding speaks it for all three.
        for &pauser in &config.roles.pausers {
            settings.push(Setting {
                name: format!("{name} pauser {pauser}"),
                contract: *contract,
                read: Read::Word(call(IHub::isPauserCall::new((pauser,)))),
                desired: Value::Flag(true),
                setter: setter(
                    format!("setPauser({pauser}) on {contract}"),
                    IHub::setPauserCall::new((pauser, true)),
                ),
            });
        }
        settings.push(Setting {
            name: format!("{name} admin"),
            contract: *contract,
            read: Read::Word(call(IHub::adminCall::new(()))),
            desired: Value::Address(deployer),
            setter: None,
        });
        if admin != deployer {
            settings.push(Setting {
                name: format!("{name} pending admin"),
                contract: *contract,
                read: Read::Word(call(IHub::pendingAdminCall::new(()))),
                desired: Value::Address(admin),
                setter: setter(
                    format!("transferAdmin({admin}) on {contract}"),
                    IHub::transferAdminCall::new((admin,)),
                ),
            });
        }
    }
    settings
}

#[cfg(test)]
mod tests {
    use alloy::primitives::B256;

    use super::*;
    use crate::manifest::{AssetRecord, ContractRecord};

    fn deployed(byte: u8) -> ContractRecord {
        ContractRecord {
            address: Address::repeat_byte(byte),
            code_hash: B256::ZERO,
            tx_hash: B256::ZERO,
            block: 0,
            gas_used: 0,
            data_fee: U256::ZERO,
        }
    }

    fn settings(vault_toml: &str) -> Vec<Setting> {
        let config = DeployConfig::parse(&format!(
            "[[vault]]\nasset = \"0x1111111111111111111111111111111111111111\"\n\
             name = \"Restaked stETH\"\nsymbol = \"rstETH\"\n{vault_toml}"
        ))
        .unwrap();
        let record = VaultRecord {
            name: "Restaked stETH".into(),
            symbol: "rstETH".into(),
            asset: AssetRecord {
                address: Address::repeat_byte(0x11),
                symbol: "stETH".into(),
                decimals: 6,
                mock: None,
            },
            vault: deployed(0xaa),
            queue: deployed(0xbb),
            curator: Address::repeat_byte(0xcc),
            treasury: Address::repeat_byte(0xdd),
        };
        vault_settings(&config.vaults[0], &record, Address::repeat_byte(0x99)).unwrap()
    }

    fn named<'a>(settings: &'a [Setting], name: &str) -> Option<&'a Setting> {
        settings.iter().find(|s| s.name == name)
    }

    #[test]
    fn a_per_deposit_cap_alone_leaves_the_tvl_cap_unlimited_and_both_share_one_setter() {
        let settings = settings("per_deposit_cap = \"5\"");
        let tvl = named(&settings, "rstETH TVL cap").unwrap();
        let per = named(&settings, "rstETH per-deposit cap").unwrap();
        assert_eq!(tvl.desired, Value::Amount(U256::MAX));
        assert_eq!(per.desired, Value::Amount(U256::from(5_000_000)));
        let (a, b) = (tvl.setter.as_ref().unwrap(), per.setter.as_ref().unwrap());
        assert_eq!(
            (a.what.as_str(), &a.calldata),
            ("rstETH.setCaps", &b.calldata)
        );
    }

    #[test]
    fn unconfigured_parameters_are_neither_wired_nor_verified() {
        let settings = settings("");
        for name in [
            "rstETH TVL cap",
            "rstETH protocol fee",
            "rstETH vesting period",
        ] {
            assert!(named(&settings, name).is_none(), "{name}");
        }
        // What the deployment itself decides is always there.
        let hub = named(&settings, "rstETH hub").unwrap();
        assert!(hub.setter.as_ref().unwrap().only_while_unset);
        assert!(
            named(&settings, "rstETH withdrawal delay")
                .unwrap()
                .setter
                .is_none()
        );
        assert!(named(&settings, "rstETH registered in hub").is_some());
    }
}
