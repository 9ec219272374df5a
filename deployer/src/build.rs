//! Builds the contract crates to WASM the way Stylus deploys them and checks their size.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail};

/// Arbitrum's limit on a program's compressed code (the EVM 24 KiB contract-size limit).
pub const MAX_COMPRESSED_SIZE: usize = 24_576;

/// The contract crates, in deployment order.
pub const CONTRACTS: [&str; 3] = ["hub", "vault", "withdrawal-queue"];

/// One contract after the build: where its WASM is and how large it is on chain.
#[derive(Debug, Clone)]
pub struct BuiltContract {
    pub name: String,
    pub wasm_path: PathBuf,
    pub wasm_size: usize,
    /// Size of the account code: `EF F0 00 00` + brotli(wasm), what the limit applies to.
    pub compressed_size: usize,
}

impl BuiltContract {
    pub fn fits(&self) -> bool {
        self.compressed_size <= MAX_COMPRESSED_SIZE
    }

    pub fn wasm(&self) -> Result<Vec<u8>> {
        std::fs::read(&self.wasm_path)
            .with_context(|| format!("reading {}", self.wasm_path.display()))
    }
}

/// The workspace root, so the CLI works from any directory inside the checkout.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("deployer sits in the workspace")
        .to_path_buf()
}

/// Where `lrt build` leaves the WASM the other commands deploy.
pub fn artifacts_dir(root: &Path) -> PathBuf {
    root.join("target").join("lrt").join("contracts")
}

/// Compiles every contract for wasm32 with the size-tuned release profile and copies the
/// modules to [`artifacts_dir`]. Cargo's own cache makes a second call cheap.
pub fn build_contracts(root: &Path) -> Result<Vec<BuiltContract>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--quiet",
        ])
        .args(CONTRACTS.iter().flat_map(|c| ["-p", c]))
        // A parent `cargo run`/`cargo test` exports flags meant for the host build.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    let status = cmd
        .status()
        .context("running cargo; is the Rust toolchain installed?")?;
    if !status.success() {
        bail!("cargo build of the contracts failed (see the compiler output above)");
    }

    let out_dir = artifacts_dir(root);
    std::fs::create_dir_all(&out_dir)?;
    CONTRACTS
        .iter()
        .map(|name| {
            let file = format!("{}.wasm", name.replace('-', "_"));
            let built = root
                .join("target/wasm32-unknown-unknown/release")
                .join(&file);
            if !built.exists() {
                bail!("cargo reported success but {} is missing", built.display());
            }
            let wasm_path = out_dir.join(format!("{name}.wasm"));
            optimize(root, &built, &wasm_path)?;
            let wasm = std::fs::read(&wasm_path)?;
            Ok(BuiltContract {
                name: name.to_string(),
                wasm_path,
                wasm_size: wasm.len(),
                compressed_size: crate::stylus::program_code(&wasm).len(),
            })
        })
        .collect()
}

/// Binaryen's `wasm-opt`, installed from npm by `scripts/setup.sh`.
fn wasm_opt(root: &Path) -> PathBuf {
    root.join("node_modules/binaryen/bin/wasm-opt")
}

/// The post-MVP WASM features Nitro's validator accepts; a module needing any other fails
/// here instead of at activation.
const NITRO_FEATURES: [&str; 5] = [
    "--mvp-features",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
];

/// Rewrites rustc's module with `wasm-opt -Oz`: about 1 KB smaller compressed per contract
/// (and so cheaper to enter on every call), and re-encoded with only the WASM features Stylus
/// accepts, so rustc's reference-types encoding of `call_indirect` never reaches the chain.
fn optimize(root: &Path, input: &Path, output: &Path) -> Result<()> {
    let wasm_opt = wasm_opt(root);
    if !wasm_opt.exists() {
        bail!(
            "{} is missing; run scripts/setup.sh to install the npm tools",
            wasm_opt.display()
        );
    }
    // Written aside and renamed, so a concurrent build never reads a half-written module.
    let partial = output.with_extension(format!("wasm.{}", std::process::id()));
    let status = Command::new(&wasm_opt)
        .arg(input)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(NITRO_FEATURES)
        .arg("-o")
        .arg(&partial)
        .status()
        .with_context(|| format!("running {}", wasm_opt.display()))?;
    if !status.success() {
        bail!("wasm-opt failed on {}", input.display());
    }
    std::fs::rename(&partial, output)?;
    Ok(())
}

/// Fails with one line per contract over [`MAX_COMPRESSED_SIZE`].
pub fn check_sizes(contracts: &[BuiltContract]) -> Result<()> {
    let over: Vec<String> = contracts
        .iter()
        .filter(|c| !c.fits())
        .map(|c| {
            format!(
                "{} is {} bytes compressed ({} over)",
                c.name,
                c.compressed_size,
                c.compressed_size - MAX_COMPRESSED_SIZE
            )
        })
        .collect();
    if !over.is_empty() {
        bail!(
            "over the {MAX_COMPRESSED_SIZE}-byte Stylus limit: {}",
            over.join("; ")
        );
    }
    Ok(())
}
