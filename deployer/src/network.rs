//! The chains `lrt` knows by name (`--network`): each one's chain id, the StylusDeployer
//! factory that deploys programs with constructors, and where its RPC endpoint comes from.
//! Naming the network makes `lrt` refuse a node of another chain before anything is signed.

use std::fmt;

use alloy::primitives::Address;

use crate::{
    abi::stylus::STYLUS_DEPLOYER,
    chain::DEFAULT_RPC_URL,
    error::{Error, Result},
};

/// A chain profile selected with `--network`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Network {
    /// Arbitrum One (chain id 42161).
    ArbitrumOne,
    /// Arbitrum Sepolia, the public testnet (chain id 421614).
    ArbitrumSepolia,
    /// The embedded devnet, `lrt devnet` (chain id 412346, as the Nitro dev node).
    Devnet,
}

impl Network {
    pub const ALL: [Network; 3] = [Self::ArbitrumOne, Self::ArbitrumSepolia, Self::Devnet];

    /// The `--network` spelling.
    pub fn name(self) -> &'static str {
        match self {
            Self::ArbitrumOne => "arbitrum-one",
            Self::ArbitrumSepolia => "arbitrum-sepolia",
            Self::Devnet => "devnet",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::ArbitrumOne => "Arbitrum One",
            Self::ArbitrumSepolia => "Arbitrum Sepolia",
            Self::Devnet => "the lrt devnet",
        }
    }

    pub fn chain_id(self) -> u64 {
        match self {
            Self::ArbitrumOne => 42_161,
            Self::ArbitrumSepolia => 421_614,
            Self::Devnet => devnet::config::DEFAULT_CHAIN_ID,
        }
    }

    /// The factory `cargo stylus deploy` uses. It is deployed with the same deterministic
    /// CREATE2 deployer on every Arbitrum chain, hence one address; the devnet predeploys it
    /// there too.
    pub fn stylus_deployer(self) -> Address {
        STYLUS_DEPLOYER
    }

    /// The environment variable that overrides this network's public endpoint.
    pub fn rpc_env(self) -> Option<&'static str> {
        match self {
            Self::ArbitrumOne => Some("ARBITRUM_ONE_RPC_URL"),
            Self::ArbitrumSepolia => Some("ARBITRUM_SEPOLIA_RPC_URL"),
            Self::Devnet => None,
        }
    }

    /// The endpoint used when neither `--rpc-url` nor the network's variable is set: the
    /// Arbitrum Foundation's public (rate-limited) RPC, or the devnet's default address.
    pub fn public_rpc_url(self) -> &'static str {
        match self {
            Self::ArbitrumOne => "https://arb1.arbitrum.io/rpc",
            Self::ArbitrumSepolia => "https://sepolia-rollup.arbitrum.io/rpc",
            Self::Devnet => DEFAULT_RPC_URL,
        }
    }

    /// The network's variable when set and not empty, else [`Self::public_rpc_url`].
    pub fn default_rpc_url(self) -> String {
        self.rpc_env()
            .and_then(|name| std::env::var(name).ok())
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| self.public_rpc_url().to_owned())
    }

    /// A real chain: the devnet's public test key must not sign there.
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Devnet)
    }

    pub fn by_chain_id(chain_id: u64) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.chain_id() == chain_id)
    }

    /// Refuses a node whose chain id is not this network's, naming both and what to do.
    pub fn check_chain_id(self, actual: u64, rpc_url: &str) -> Result<()> {
        if actual == self.chain_id() {
            return Ok(());
        }
        let hint = match Self::by_chain_id(actual) {
            Some(other) => format!(
                "that node is {}: pass --network {}, or an {} endpoint with --rpc-url",
                other.title(),
                other.name(),
                self.title()
            ),
            None => format!(
                "point --rpc-url at a node of {} (chain id {}), or drop --network to use that node as it is",
                self.title(),
                self.chain_id()
            ),
        };
        Err(Error::input(
            format!(
                "--network {} expects chain id {}, but the node at {rpc_url} is chain {actual}",
                self.name(),
                self.chain_id()
            ),
            hint,
        ))
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_carry_the_chain_ids_of_arbitrum() {
        assert_eq!(Network::ArbitrumOne.chain_id(), 42_161);
        assert_eq!(Network::ArbitrumSepolia.chain_id(), 421_614);
        assert_eq!(Network::Devnet.chain_id(), 412_346);
        for network in Network::ALL {
            assert_eq!(Network::by_chain_id(network.chain_id()), Some(network));
        }
    }

    #[test]
    fn a_node_of_another_known_chain_names_the_right_network() {
        let err = Network::ArbitrumOne
            .check_chain_id(421_614, "http://node")
            .unwrap_err()
            .to_string();
        assert!(err.contains("expects chain id 42161"), "{err}");
        assert!(err.contains("is chain 421614"), "{err}");
        assert!(err.contains("--network arbitrum-sepolia"), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}
