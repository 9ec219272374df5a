//! Argument groups the commands flatten (each command takes only the flags it uses), and
//! the value parsers whose messages say what is wrong with what was typed.

use std::{path::PathBuf, sync::Arc};

use alloy::primitives::{Address, B256, U256};

use crate::{
    build,
    chain::{DEFAULT_PRIVATE_KEY, DEFAULT_RPC_URL, Wallet},
    dry_run::DryRun,
    error::{Error, Result},
    manifest::{DEFAULT_MANIFEST, Manifest},
    network::Network,
    ops::Protocol,
    output::Out,
    units::{self, Amount},
};

/// The flags of every command that talks to a deployment.
#[derive(Debug, Clone, clap::Args)]
pub struct ChainArgs {
    /// Chain profile: sets the default endpoint (ARBITRUM_ONE_RPC_URL /
    /// ARBITRUM_SEPOLIA_RPC_URL, else the public RPC) and refuses a node of another chain.
    #[arg(long, env = "LRT_NETWORK", value_enum)]
    pub network: Option<Network>,
    /// JSON-RPC endpoint of the chain [default: the --network's endpoint, else
    /// http://127.0.0.1:8547].
    #[arg(long, env = "LRT_RPC_URL")]
    pub rpc_url: Option<String>,
    /// Key that signs (default: the devnet's first prefunded account).
    #[arg(long, env = "LRT_PRIVATE_KEY", default_value = DEFAULT_PRIVATE_KEY, hide_default_value = true)]
    pub private_key: String,
    /// Deployment manifest written by `lrt deploy` [default: deployments/devnet.json; for
    /// deploy: the config path with a .json extension].
    #[arg(long, env = "LRT_MANIFEST")]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub json: JsonArg,
}

#[derive(Debug, Clone, clap::Args)]
pub struct JsonArg {
    /// Print machine-readable JSON on stdout instead of tables (amounts as decimal strings
    /// of base units).
    #[arg(long)]
    pub json: bool,
}

/// `--dry-run` of the commands that send transactions and can run simulated.
#[derive(Debug, Clone, clap::Args)]
pub struct DryRunArg {
    /// Simulate every transaction (eth_simulateV1) and print each with its gas, L1 data gas
    /// included, and its cost at the current base fee; send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ArtifactsArg {
    /// The stylus-lrt checkout whose contracts (contracts/) and Solidity fixtures
    /// (test/solidity/) are built and deployed [default: found from the working directory
    /// upwards].
    #[arg(long, env = "LRT_ARTIFACTS", value_name = "DIR")]
    pub artifacts: Option<PathBuf>,
}

impl ArtifactsArg {
    /// The checkout: `--artifacts`, else the first found from the working directory, then
    /// from each of `hints`, upwards.
    pub fn checkout(&self, hints: &[&std::path::Path]) -> Result<PathBuf> {
        match &self.artifacts {
            Some(dir) => build::use_checkout(dir),
            None => build::find_checkout(hints),
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct VaultArg {
    /// Vault by symbol or address (default: the manifest's first vault).
    #[arg(long)]
    pub vault: Option<String>,
}

/// Everything a chain command gets besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    pub chain: ChainArgs,
    pub out: Out,
}

impl Context {
    pub fn new(chain: &ChainArgs) -> Self {
        Self {
            chain: chain.clone(),
            out: Out::new(chain.json.json),
        }
    }

    /// `--rpc-url`, else the network's endpoint, else the devnet's default address.
    pub fn rpc_url(&self) -> String {
        match (&self.chain.rpc_url, self.chain.network) {
            (Some(url), _) => url.clone(),
            (None, Some(network)) => network.default_rpc_url(),
            (None, None) => DEFAULT_RPC_URL.to_owned(),
        }
    }

    /// The signing wallet, once the node is known to be the `--network`'s chain (nothing is
    /// checked without `--network`). The devnet's public key is refused on a public network.
    pub async fn wallet(&self) -> Result<Wallet> {
        let wallet = Wallet::connect(&self.rpc_url(), &self.chain.private_key)?;
        let Some(network) = self.chain.network else {
            return Ok(wallet);
        };
        network.check_chain_id(wallet.chain_id().await?, wallet.rpc_url())?;
        if network.is_public() && self.chain.private_key == DEFAULT_PRIVATE_KEY {
            return Err(Error::input(
                format!(
                    "no --private-key for {}: the default key is the devnet's public test key",
                    network.title()
                ),
                "pass --private-key or set LRT_PRIVATE_KEY",
            ));
        }
        Ok(wallet.with_stylus_deployer(network.stylus_deployer()))
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.chain
            .manifest
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_MANIFEST))
    }

    /// The signing wallet and the deployment from the manifest, once the node is known to be
    /// the chain the manifest was deployed to.
    pub async fn protocol(&self) -> Result<Protocol> {
        let wallet = self.wallet().await?;
        let path = self.manifest_path();
        let manifest = Manifest::load(&path)?;
        manifest.check_chain(wallet.chain_id().await?, &path, wallet.rpc_url())?;
        Ok(Protocol::new(wallet, manifest))
    }

    /// [`Self::protocol`], simulating instead of sending when `--dry-run` asks: then the
    /// recorder holds what would have been sent, for [`Self::print_plan`].
    pub async fn protocol_or_dry_run(
        &self,
        dry_run: &DryRunArg,
    ) -> Result<(Protocol, Option<Arc<DryRun>>)> {
        let p = self.protocol().await?;
        if !dry_run.dry_run {
            return Ok((p, None));
        }
        let (wallet, recorder) = p.wallet.dry_run();
        Ok((Protocol::new(wallet, p.manifest), Some(recorder)))
    }

    /// Prints (or `--json`) what a dry run would have sent.
    pub async fn print_plan(&self, recorder: &DryRun) -> Result<()> {
        let plan = recorder.plan().await;
        if self.out.json {
            return self.out.json(&plan);
        }
        print!("{}", plan.render());
        Ok(())
    }
}

/// An amount of a token whose decimals are known once the manifest is read.
pub fn amount(text: &str) -> Result<Amount, String> {
    Amount::parse(text).map_err(|e| e.to_string())
}

pub fn fraction(text: &str) -> Result<U256, String> {
    units::parse_fraction(text).map_err(|e| e.to_string())
}

/// `0x` + 40 hex digits, with what is wrong when it is not.
pub fn address(text: &str) -> Result<Address, String> {
    let digits = hex_digits(text, "an address")?;
    if digits.len() != 40 {
        return Err(format!(
            "`{text}` is not an address: it has {} hex digits, an address has 40 (0x + 40)",
            digits.len()
        ));
    }
    digits
        .parse()
        .map_err(|e| format!("`{text}` is not an address: {e}"))
}

/// A slash id: up to 64 hex digits, left-padded with zeros (`0x01` is `0x00…01`).
pub fn slash_id(text: &str) -> Result<B256, String> {
    let digits = hex_digits(text, "a slash id")?;
    if digits.is_empty() || digits.len() > 64 {
        return Err(format!(
            "`{text}` is not a slash id: it has {} hex digits, an id has 1 to 64",
            digits.len()
        ));
    }
    let padded = format!("{digits:0>64}");
    padded
        .parse()
        .map_err(|e| format!("`{text}` is not a slash id: {e}"))
}

/// A withdrawal request id: the number `lrt withdraw request` printed.
pub fn request_id(text: &str) -> Result<U256, String> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not a request id: ids are whole numbers like 3 (`lrt withdraw list` shows yours)"
        ));
    }
    text.parse()
        .map_err(|_| format!("`{text}` is not a request id: it is too large"))
}

/// The hex digits of `text` (optional `0x`), or which character is not one.
fn hex_digits<'a>(text: &'a str, what: &str) -> Result<&'a str, String> {
    let trimmed = text.trim();
    let digits = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    match digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        Some(c) => Err(format!(
            "`{text}` is not {what}: `{c}` is not a hex digit (0-9, a-f)"
        )),
        None => Ok(digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_say_what_is_wrong() {
        assert!(address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").is_ok());
        let err = address("0xzz").unwrap_err();
        assert!(err.contains("`z` is not a hex digit"), "{err}");
        let err = address("0x1234").unwrap_err();
        assert!(err.contains("has 4 hex digits, an address has 40"), "{err}");
    }

    #[test]
    fn slash_ids_take_short_hex() {
        let id = slash_id("0x01").unwrap();
        assert_eq!(id, B256::with_last_byte(1));
        assert!(slash_id("0x").is_err());
        assert!(slash_id(&format!("0x{}", "1".repeat(65))).is_err());
    }

    #[test]
    fn request_ids_are_whole_numbers() {
        assert_eq!(request_id("3").unwrap(), U256::from(3));
        let err = request_id("abc").unwrap_err();
        assert!(err.contains("not a request id"), "{err}");
    }
}
