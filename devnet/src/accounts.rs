//! The prefunded dev accounts: anvil's mnemonic-derived keys plus the Nitro dev key.

use alloy::primitives::{Address, B256, U256, b256};
use alloy::signers::local::{LocalSignerError, MnemonicBuilder, PrivateKeySigner};

use crate::config::Config;

/// The key the Nitro dev node funds, which Arbitrum tutorials and scripts use.
pub const NITRO_DEV_KEY: B256 =
    b256!("b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659");

const WEI_PER_ETHER: u64 = 1_000_000_000_000_000_000;

/// Keys the node signs `eth_sendTransaction` with, in the order `eth_accounts` lists them.
#[derive(Debug, Clone)]
pub struct DevAccounts {
    signers: Vec<PrivateKeySigner>,
    balance: U256,
}

impl DevAccounts {
    /// Derives `config.accounts` keys from the mnemonic, then appends the Nitro dev key.
    pub fn from_config(config: &Config) -> Result<Self, LocalSignerError> {
        let parent = MnemonicBuilder::from_phrase(config.mnemonic.as_str()).build_parent_key()?;
        let mut signers = (0..config.accounts)
            .map(|index| parent.child(index).map(|key| key.signer()))
            .collect::<Result<Vec<_>, _>>()?;
        let nitro = PrivateKeySigner::from_bytes(&NITRO_DEV_KEY)?;
        if !signers.iter().any(|s| s.address() == nitro.address()) {
            signers.push(nitro);
        }
        let balance = U256::from(config.balance) * U256::from(WEI_PER_ETHER);
        Ok(Self { signers, balance })
    }

    pub fn signers(&self) -> &[PrivateKeySigner] {
        &self.signers
    }

    pub fn addresses(&self) -> Vec<Address> {
        self.signers.iter().map(PrivateKeySigner::address).collect()
    }

    pub fn signer(&self, address: Address) -> Option<&PrivateKeySigner> {
        self.signers.iter().find(|s| s.address() == address)
    }

    /// Wei each account holds at genesis.
    pub fn balance(&self) -> U256 {
        self.balance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::address;

    #[test]
    fn default_config_derives_anvils_accounts_and_the_nitro_key() {
        let accounts = DevAccounts::from_config(&Config::default()).unwrap();
        let addresses = accounts.addresses();
        assert_eq!(addresses.len(), 11);
        assert_eq!(
            addresses[0],
            address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
        );
        assert_eq!(
            addresses[9],
            address!("a0Ee7A142d267C1f36714E4a8F75612F20a79720")
        );
        assert_eq!(
            addresses[10],
            address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E")
        );
        assert_eq!(
            accounts.balance(),
            U256::from(10_000u64) * U256::from(WEI_PER_ETHER)
        );
    }

    #[test]
    fn a_bad_mnemonic_is_an_error() {
        let config = Config {
            mnemonic: "not a mnemonic".into(),
            ..Config::default()
        };
        assert!(DevAccounts::from_config(&config).is_err());
    }
}
