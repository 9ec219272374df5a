//! Node settings, shared by the `devnet` binary and `lrt devnet` (flatten [`Config`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::evm::l1::DEFAULT_L1_BASE_FEE;
use crate::stylus::arbos::{DEFAULT_ARBOS_VERSION, MAX_ARBOS_VERSION, MIN_ARBOS_VERSION};
use crate::stylus::{Rules, UnsupportedArbOs};

/// The port the Nitro dev node listens on, so tools configured for it work unchanged.
pub const DEFAULT_PORT: u16 = 8547;
/// The Nitro dev node's chain id.
pub const DEFAULT_CHAIN_ID: u64 = 412_346;
/// Arbitrum caps a transaction at 32M gas (blocks report Nitro's 2^50, see `evm::l1`).
pub const DEFAULT_GAS_LIMIT: u64 = 32_000_000;
pub const DEFAULT_ACCOUNTS: u32 = 10;
pub const DEFAULT_BALANCE_ETH: u64 = 10_000;
/// Anvil's mnemonic, so the well-known anvil keys hold funds here too.
pub const DEFAULT_MNEMONIC: &str = "test test test test test test test test test test test junk";
/// The Nitro dev node keeps its base fee at 0.1 gwei.
pub const BASE_FEE: u64 = 100_000_000;

#[derive(Debug, Clone, clap::Args)]
pub struct Config {
    /// Interface the JSON-RPC server listens on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), env = "DEVNET_HOST")]
    pub host: IpAddr,
    /// Port the JSON-RPC server listens on; 0 picks a free one.
    #[arg(long, default_value_t = DEFAULT_PORT, env = "DEVNET_PORT")]
    pub port: u16,
    /// Chain id reported by eth_chainId and required in signed transactions.
    #[arg(long, default_value_t = DEFAULT_CHAIN_ID)]
    pub chain_id: u64,
    /// The largest gas limit a transaction may ask for, its L1 data gas included
    /// (block headers and GASLIMIT report Nitro's 2^50).
    #[arg(long, default_value_t = DEFAULT_GAS_LIMIT)]
    pub gas_limit: u64,
    /// How many dev accounts to derive from the mnemonic and prefund.
    #[arg(long, default_value_t = DEFAULT_ACCOUNTS)]
    pub accounts: u32,
    /// Balance of each prefunded account, in ether.
    #[arg(long, default_value_t = DEFAULT_BALANCE_ETH)]
    pub balance: u64,
    /// BIP-39 mnemonic the dev accounts are derived from (m/44'/60'/0'/0/i).
    #[arg(long, default_value = DEFAULT_MNEMONIC)]
    pub mnemonic: String,
    /// State file: loaded at start when it exists, written on shutdown and by devnet_saveState.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// ArbOS version whose Stylus rules apply (40 to 61): fragments from 60, no WASM
    /// multi-value from 60, maxStackDepth 22,000 words from 50.
    #[arg(long, value_name = "VERSION", default_value_t = DEFAULT_ARBOS_VERSION,
          value_parser = clap::value_parser!(u64).range(MIN_ARBOS_VERSION..=MAX_ARBOS_VERSION))]
    pub arbos: u64,
    /// Run as a debug chain (Nitro's debug mode): programs may import the `console`
    /// host functions. Arbitrum One and Sepolia are not debug chains, so off by default.
    #[arg(long)]
    pub stylus_debug: bool,
    /// ArbOS's L1 base fee estimate in wei: every transaction pays for posting its
    /// compressed bytes to L1 at this price, as on Arbitrum. 0 turns L1 fees off.
    #[arg(long, value_name = "WEI", default_value_t = DEFAULT_L1_BASE_FEE)]
    pub l1_base_fee: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            chain_id: DEFAULT_CHAIN_ID,
            gas_limit: DEFAULT_GAS_LIMIT,
            accounts: DEFAULT_ACCOUNTS,
            balance: DEFAULT_BALANCE_ETH,
            mnemonic: DEFAULT_MNEMONIC.to_owned(),
            state: None,
            arbos: DEFAULT_ARBOS_VERSION,
            stylus_debug: false,
            l1_base_fee: DEFAULT_L1_BASE_FEE,
        }
    }
}

impl Config {
    /// Defaults on a free loopback port, without a state file: what tests want.
    pub fn ephemeral() -> Self {
        Self {
            port: 0,
            ..Self::default()
        }
    }

    /// The Stylus rules these settings ask for.
    pub fn rules(&self) -> Result<Rules, UnsupportedArbOs> {
        Ok(Rules::new(self.arbos, self.stylus_debug)?.with_l1_base_fee(self.l1_base_fee))
    }

    pub fn socket_addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }
}
