//! The deployment config file (TOML): which assets get a vault, names, delays, fees, caps and
//! who holds which role. See `deployments/devnet.toml` for a commented example.

use std::{collections::HashSet, path::Path};

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Deserializer};

use crate::{
    error::{Error, Result},
    units::{self, Amount, WAD},
};

/// The contracts' hard limits (DESIGN.md §2), checked here so a bad config fails before gas.
pub const MAX_DELAY: u64 = 30 * 86_400;
pub const MAX_PROTOCOL_FEE_PERCENT: u64 = 20;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    #[serde(default)]
    pub roles: RolesConfig,
    #[serde(default)]
    pub hub: HubConfig,
    #[serde(rename = "vault", default)]
    pub vaults: Vec<VaultConfig>,
}

/// Unset roles default to the deploying key.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesConfig {
    /// Admin of every contract; when it is not the deployer, deploy ends by starting the
    /// two-step transfer, which this address completes with `acceptAdmin()`.
    pub admin: Option<Address>,
    #[serde(default)]
    pub pausers: Vec<Address>,
    pub treasury: Option<Address>,
    pub curator: Option<Address>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubConfig {
    #[serde(deserialize_with = "duration")]
    pub deallocation_delay: u64,
}

impl Default for HubConfig {
    fn default() -> Self {
        Self {
            deallocation_delay: 7 * 86_400,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultConfig {
    pub asset: AssetConfig,
    pub name: String,
    pub symbol: String,
    #[serde(default = "default_withdrawal_delay", deserialize_with = "duration")]
    pub withdrawal_delay: u64,
    /// In whole tokens of the asset; converted with its decimals at deploy time.
    #[serde(default, deserialize_with = "optional_amount")]
    pub tvl_cap: Option<Amount>,
    #[serde(default, deserialize_with = "optional_amount")]
    pub per_deposit_cap: Option<Amount>,
    #[serde(default, deserialize_with = "optional_fraction")]
    pub protocol_fee: Option<U256>,
    #[serde(default, deserialize_with = "optional_duration")]
    pub vesting_period: Option<u64>,
    /// Overrides `[roles] curator` for this vault.
    pub curator: Option<Address>,
    /// Overrides `[roles] treasury` for this vault.
    pub treasury: Option<Address>,
}

/// An existing ERC-20 by address, or a mock LST deployed with the vault (devnets).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AssetConfig {
    Address(Address),
    Mock {
        /// Symbol of the mock token, e.g. "stETH".
        mock: String,
        name: Option<String>,
        /// Decimals of the mock (default 18), e.g. 6 for a USDC-like asset.
        decimals: Option<u8>,
    },
}

/// Decimals of a mock asset unless the config says otherwise.
pub const DEFAULT_MOCK_DECIMALS: u8 = 18;
/// Above this, one whole token is more than 10^38 base units and caps overflow in practice.
pub const MAX_DECIMALS: u8 = 36;

impl VaultConfig {
    /// `(tvl_cap, per_deposit_cap)` in base units of an asset with `decimals` decimals.
    pub fn caps(&self, decimals: u8, symbol: &str) -> Result<(Option<U256>, Option<U256>)> {
        let convert = |cap: &Option<Amount>| {
            cap.as_ref()
                .map(|amount| amount.to_units(decimals, symbol))
                .transpose()
        };
        Ok((convert(&self.tvl_cap)?, convert(&self.per_deposit_cap)?))
    }
}

fn default_withdrawal_delay() -> u64 {
    7 * 86_400
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let text = NumberOrText::deserialize(d)?.into_text();
    units::parse_duration(&text).map_err(serde::de::Error::custom)
}

fn optional_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    duration(d).map(Some)
}

fn optional_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    let text = NumberOrText::deserialize(d)?.into_text();
    Amount::parse(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn optional_fraction<'de, D: Deserializer<'de>>(d: D) -> Result<Option<U256>, D::Error> {
    let text = NumberOrText::deserialize(d)?.into_text();
    units::parse_fraction(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// `deallocation_delay = 604800` and `= "7d"` both read naturally in TOML.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(u64),
    Float(f64),
    Text(String),
}

impl NumberOrText {
    fn into_text(self) -> String {
        match self {
            Self::Number(n) => n.to_string(),
            Self::Float(f) => f.to_string(),
            Self::Text(t) => t,
        }
    }
}

impl DeployConfig {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::input(
                format!("cannot read the config {}: {e}", path.display()),
                "pass --config <file>; deployments/devnet.toml is an example",
            )
        })?;
        Self::parse(&text).map_err(|e| match e {
            Error::Input { message, hint } => {
                Error::input(format!("{}: {message}", path.display()), hint)
            }
            other => other,
        })
    }

    pub fn parse(text: &str) -> Result<Self> {
        let config: Self = toml::from_str(text).map_err(|e| {
            let message = e.message().to_owned();
            let at = e
                .span()
                .map(|s| format!(" at byte {}", s.start))
                .unwrap_or_default();
            Error::input(
                format!("invalid config{at}: {message}"),
                "compare with deployments/devnet.toml",
            )
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<()> {
        if self.vaults.is_empty() {
            return Err(Error::input(
                "the config lists no vault",
                "add a [[vault]] table with asset, name and symbol",
            ));
        }
        let hint_delay = "delays are capped at 30 days (30d)";
        if self.hub.deallocation_delay > MAX_DELAY {
            return Err(Error::input(
                "hub.deallocation_delay is above 30 days",
                hint_delay,
            ));
        }
        let mut symbols = HashSet::new();
        for vault in &self.vaults {
            let at = format!("vault {}", vault.symbol);
            if !symbols.insert(vault.symbol.to_lowercase()) {
                return Err(Error::input(
                    format!("two vaults use the symbol {}", vault.symbol),
                    "vault symbols must be unique",
                ));
            }
            if vault.withdrawal_delay > MAX_DELAY
                || vault.vesting_period.is_some_and(|p| p > MAX_DELAY)
            {
                return Err(Error::input(
                    format!("{at}: a delay is above 30 days"),
                    hint_delay,
                ));
            }
            if vault.withdrawal_delay < self.hub.deallocation_delay {
                return Err(Error::input(
                    format!("{at}: withdrawal_delay is shorter than the hub's deallocation_delay"),
                    "a leaver must stay slashable until pending slashes land; raise withdrawal_delay",
                ));
            }
            if vault.protocol_fee.is_some_and(|fee| {
                fee > WAD * U256::from(MAX_PROTOCOL_FEE_PERCENT) / U256::from(100)
            }) {
                return Err(Error::input(
                    format!("{at}: protocol_fee is above 20%"),
                    "the protocol fee is capped at 20%",
                ));
            }
            if let AssetConfig::Mock {
                decimals: Some(decimals),
                ..
            } = vault.asset
                && decimals > MAX_DECIMALS
            {
                return Err(Error::input(
                    format!("{at}: the mock asset has {decimals} decimals"),
                    format!("use at most {MAX_DECIMALS} (18 like ETH, 6 like USDC)"),
                ));
            }
            // Both caps are in the same token, so any common scale orders them.
            if let Ok((Some(tvl), Some(per))) = vault.caps(MAX_DECIMALS, "the asset")
                && per > tvl
            {
                return Err(Error::input(
                    format!("{at}: per_deposit_cap is above tvl_cap"),
                    "lower per_deposit_cap",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../deployments/devnet.toml");

    #[test]
    fn the_devnet_example_parses() {
        let config = DeployConfig::parse(EXAMPLE).unwrap();
        assert!(!config.vaults.is_empty());
        assert!(matches!(config.vaults[0].asset, AssetConfig::Mock { .. }));
    }

    #[test]
    fn a_withdrawal_delay_below_the_deallocation_delay_is_refused() {
        let text = r#"
            [hub]
            deallocation_delay = "7d"
            [[vault]]
            asset = "0x0000000000000000000000000000000000000001"
            name = "Restaked X"
            symbol = "rX"
            withdrawal_delay = "1d"
        "#;
        let err = DeployConfig::parse(text).unwrap_err();
        assert!(
            err.to_string().contains("withdrawal_delay is shorter"),
            "{err}"
        );
    }

    #[test]
    fn a_mock_asset_takes_its_decimals_and_caps_convert_with_them() {
        let text = r#"
            [[vault]]
            asset = { mock = "USDC", decimals = 6 }
            name = "Restaked USDC"
            symbol = "rUSDC"
            tvl_cap = "1000.5"
        "#;
        let config = DeployConfig::parse(text).unwrap();
        let vault = &config.vaults[0];
        assert!(matches!(
            vault.asset,
            AssetConfig::Mock {
                decimals: Some(6),
                ..
            }
        ));
        let (tvl, per) = vault.caps(6, "USDC").unwrap();
        assert_eq!(tvl, Some(U256::from(1_000_500_000u64)));
        assert_eq!(per, None);
    }

    #[test]
    fn unknown_keys_and_bad_values_point_at_the_problem() {
        let err = DeployConfig::parse("[hub]\ndealocation_delay = 1\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
        let err = DeployConfig::parse("[hub]\ndeallocation_delay = \"7 weeks\"\n").unwrap_err();
        assert!(err.to_string().contains("not a duration"), "{err}");
    }
}
