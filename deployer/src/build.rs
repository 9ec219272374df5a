//! Builds the contract crates to WASM the way Stylus deploys them and checks their size.

use std::{
    io::{BufRead, BufReader, IsTerminal},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::OnceLock,
    time::Duration,
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

/// The stylus-lrt checkout chosen with `--artifacts` (or `LRT_ARTIFACTS`), for this process.
static CHOSEN_ROOT: OnceLock<PathBuf> = OnceLock::new();

/// A directory is a stylus-lrt checkout when it holds the contract crates and the Solidity
/// fixtures: what `lrt build` compiles and `lrt deploy` deploys.
fn is_checkout(dir: &Path) -> bool {
    dir.join("contracts/hub/Cargo.toml").is_file() && dir.join("test/solidity").is_dir()
}

/// Makes `dir` the checkout whose contracts and fixtures this process builds and deploys
/// (`--artifacts`); fails, saying what it looked for, when `dir` is not one.
pub fn use_checkout(dir: &Path) -> crate::Result<PathBuf> {
    let dir = std::path::absolute(dir)?;
    if !is_checkout(&dir) {
        return Err(crate::Error::input(
            format!(
                "--artifacts {}: not a stylus-lrt checkout (looked for contracts/hub/Cargo.toml and test/solidity/)",
                dir.display()
            ),
            "pass the directory of the stylus-lrt checkout",
        ));
    }
    Ok(CHOSEN_ROOT.get_or_init(|| dir).clone())
}

/// The checkout whose WASM and Solidity sources are built and deployed: the one chosen with
/// `--artifacts` or `LRT_ARTIFACTS`, else the first checkout found walking up from the
/// working directory, then from each of `hints` (e.g. the config file's directory). An
/// installed `lrt` thus deploys the checkout it runs in, never the one it was compiled in.
pub fn find_checkout(hints: &[&Path]) -> crate::Result<PathBuf> {
    if let Some(dir) = CHOSEN_ROOT.get() {
        return Ok(dir.clone());
    }
    if let Some(dir) = std::env::var_os("LRT_ARTIFACTS").filter(|d| !d.is_empty()) {
        return use_checkout(Path::new(&dir));
    }
    let cwd = std::env::current_dir()?;
    let mut starts = vec![cwd];
    for hint in hints {
        let dir = if hint.is_dir() {
            hint
        } else {
            hint.parent().unwrap_or(hint)
        };
        if let Ok(dir) = std::path::absolute(dir) {
            starts.push(dir);
        }
    }
    for start in &starts {
        if let Some(dir) = start.ancestors().find(|d| is_checkout(d)) {
            return Ok(CHOSEN_ROOT.get_or_init(|| dir.to_path_buf()).clone());
        }
    }
    let looked: Vec<String> = starts
        .iter()
        .map(|d| format!("{} and its parents", d.display()))
        .collect();
    Err(crate::Error::input(
        format!(
            "cannot find the contracts to build and deploy: no stylus-lrt checkout (contracts/ and test/solidity/) in {}",
            looked.join(", ")
        ),
        "run lrt inside the checkout, or pass --artifacts <checkout dir> (or set LRT_ARTIFACTS)",
    ))
}

/// [`find_checkout`] from the working directory, for code paths that already passed the
/// CLI's check (or tests, which cargo runs inside the checkout); falls back to the working
/// directory so a miss shows up as the missing file's full path.
pub fn workspace_root() -> PathBuf {
    find_checkout(&[]).unwrap_or_else(|_| PathBuf::from("."))
}

/// Where `lrt build` leaves the WASM the other commands deploy.
pub fn artifacts_dir(root: &Path) -> PathBuf {
    root.join("target").join("lrt").join("contracts")
}

/// Compiles every contract for wasm32 with the size-tuned `contract` profile and copies the
/// modules to [`artifacts_dir`]. Cargo's own cache makes a second call cheap. On a terminal
/// a spinner counts the crates cargo finished and names the last one.
pub fn build_contracts(root: &Path) -> Result<Vec<BuiltContract>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "build",
            "--profile",
            "contract",
            "--target",
            "wasm32-unknown-unknown",
            // One JSON message per finished crate on stdout; warnings and errors still go
            // to stderr rendered as usual.
            "--message-format=json-render-diagnostics",
            "--quiet",
        ])
        .arg(
            if crate::output::colour_for(std::io::stderr().is_terminal()) {
                "--color=auto"
            } else {
                "--color=never"
            },
        )
        .args(CONTRACTS.iter().flat_map(|c| ["-p", c]))
        .stdout(Stdio::piped())
        // A parent `cargo run`/`cargo test` exports flags meant for the host build.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    let mut child = cmd
        .spawn()
        .context("running cargo; is the Rust toolchain installed?")?;
    let progress = Progress::start();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            progress.message(&line?);
        }
    }
    let status = child.wait()?;
    progress.finish();
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
                .join("target/wasm32-unknown-unknown/contract")
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
    // Written aside and renamed, so a concurrent build never reads a half-written module;
    // the name is unique per call, as builds also run concurrently in one process (tests).
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = output.with_extension(format!("wasm.{}.{call}", std::process::id()));
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

/// `lrt build --allow-fragments`: a contract over one account passes when it fits in
/// [`crate::fragments::MAX_FRAGMENTS`] fragments, which only chains on ArbOS 60+ accept
/// (`lrt deploy` checks the chain's version and refuses otherwise).
pub fn check_fragment_sizes(contracts: &[BuiltContract]) -> Result<()> {
    use crate::fragments::{MAX_FRAGMENTS, split};
    let over: Vec<String> = contracts
        .iter()
        .filter(|c| !c.fits())
        .map(|c| Ok((c, split(&crate::stylus::program_code(&c.wasm()?)).len())))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|(_, count)| *count > MAX_FRAGMENTS)
        .map(|(c, count)| {
            format!(
                "{} is {} bytes compressed: {count} fragments, Arbitrum allows {MAX_FRAGMENTS}",
                c.name, c.compressed_size
            )
        })
        .collect();
    if !over.is_empty() {
        bail!("too large even as fragments: {}", over.join("; "));
    }
    Ok(())
}

/// The spinner of [`build_contracts`], fed by cargo's JSON messages; hidden when stderr is
/// not a terminal.
struct Progress {
    bar: indicatif::ProgressBar,
    crates: std::cell::Cell<u64>,
}

impl Progress {
    fn start() -> Self {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            " {spinner} cargo build (wasm32, release) {elapsed} · {msg}",
        ) {
            bar.set_style(style);
        }
        bar.set_message("starting");
        bar.enable_steady_tick(Duration::from_millis(100));
        Self {
            bar,
            crates: std::cell::Cell::new(0),
        }
    }

    /// Counts a `compiler-artifact` message and shows its crate; other lines are ignored.
    fn message(&self, line: &str) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            return;
        };
        if message["reason"] != "compiler-artifact" {
            return;
        }
        self.crates.set(self.crates.get() + 1);
        let name = message["target"]["name"].as_str().unwrap_or("?");
        let verb = if message["fresh"] == true {
            "up to date"
        } else {
            "compiled"
        };
        self.bar
            .set_message(format!("{} crates · {verb} {name}", self.crates.get()));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
