//! Running `lrt`, and the devnet plus deployment the chain tests share.

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::OnceLock,
};

/// The test config: short delays, an 18-decimal and a 6-decimal mock asset.
pub const CONFIG: &str = r#"
[hub]
deallocation_delay = "1d"

[[vault]]
asset = { mock = "stETH" }
name = "Restaked stETH"
symbol = "rstETH"
withdrawal_delay = "2d"

[[vault]]
asset = { mock = "USDC", decimals = 6 }
name = "Restaked USDC"
symbol = "rUSDC"
withdrawal_delay = "2d"
tvl_cap = "1000000.5"
"#;

/// What one run of `lrt` left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code must be `code`; the failure message shows both streams.
    pub fn expect(self, code: i32) -> Self {
        assert_eq!(self.code, code, "exit code of lrt: {self:#?}");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }
}

/// `lrt` with `args`, stdout and stderr piped, from the crate directory, without colour
/// settings of the caller's environment.
pub fn lrt(args: &[&str]) -> Run {
    run(command(args))
}

pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lrt"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("LRT_RPC_URL")
        .env_remove("LRT_PRIVATE_KEY")
        .env_remove("LRT_MANIFEST")
        .env_remove("LRT_NETWORK")
        .env_remove("LRT_ARTIFACTS");
    cmd
}

pub fn run(mut cmd: Command) -> Run {
    let output = cmd.output().expect("the lrt binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The stylus-lrt checkout.
pub fn checkout() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("deployer sits in the checkout")
        .to_path_buf()
}

/// A fresh directory for this test binary's files, inside the checkout's target/.
pub fn scratch(name: &str) -> PathBuf {
    let dir = checkout()
        .join("target/lrt-cli-tests")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A port nothing listens on (it was free a moment ago).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One devnet, running for the whole test binary, with [`CONFIG`] deployed by `lrt deploy`.
pub struct Deployment {
    pub rpc_url: String,
    pub manifest: PathBuf,
    pub config: PathBuf,
    /// The devnet's prefunded keys (account 0 deployed and is the admin).
    keys: Vec<String>,
}

impl Deployment {
    /// `--private-key` of devnet account `i`.
    pub fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    /// `args` plus `--rpc-url` and `--manifest` of this deployment.
    pub fn lrt(&self, args: &[&str]) -> Run {
        self.lrt_as(0, args)
    }

    /// [`Self::lrt`] signed by devnet account `i`.
    pub fn lrt_as(&self, i: usize, args: &[&str]) -> Run {
        let manifest = self.manifest.to_string_lossy().into_owned();
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--rpc-url",
            &self.rpc_url,
            "--manifest",
            &manifest,
            "--private-key",
            self.key(i),
        ]);
        lrt(&all)
    }

    /// This deployment on the node at `rpc_url`, a devnet loaded with this one's state.
    pub fn on_node(&self, rpc_url: String) -> Self {
        Self {
            rpc_url,
            manifest: self.manifest.clone(),
            config: self.config.clone(),
            keys: self.keys.clone(),
        }
    }

    pub fn manifest_json(&self) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&self.manifest).unwrap()).unwrap()
    }
}

pub fn deployment() -> &'static Deployment {
    static DEPLOYMENT: OnceLock<Deployment> = OnceLock::new();
    DEPLOYMENT.get_or_init(|| {
        let (rpc_url, keys) = devnet();
        Deployment::deploy(rpc_url, keys, "deployment", CONFIG)
    })
}

impl Deployment {
    /// `config` deployed by `lrt deploy` (signed by account 0) on the node at `rpc_url`; its
    /// files go to the scratch directory `name`.
    pub fn deploy(rpc_url: String, keys: Vec<String>, name: &str, config: &str) -> Self {
        let dir = scratch(name);
        let config_path = dir.join("test.toml");
        std::fs::write(&config_path, config).unwrap();
        let deployment = Deployment {
            rpc_url,
            manifest: dir.join("test.json"),
            config: config_path,
            keys,
        };
        let config = deployment.config.to_string_lossy().into_owned();
        let deployed = deployment.lrt(&["deploy", "--config", &config, "--json"]);
        let report = deployed.expect(0).json();
        assert_eq!(report["deployed"], true, "{report:#}");
        deployment
    }
}

/// Starts a devnet on a thread whose runtime lives as long as the test binary; returns its
/// endpoint and the hex keys of its accounts.
pub fn devnet() -> (String, Vec<String>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let node = devnet::Devnet::spawn(devnet::Config::ephemeral())
                .await
                .expect("the devnet starts");
            let keys = node
                .accounts()
                .signers()
                .iter()
                .map(|s| format!("0x{}", alloy::hex::encode(s.to_bytes())))
                .collect();
            tx.send((node.endpoint(), keys)).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().expect("the devnet thread reports its endpoint")
}

/// `cast <args>`, run from the platform package `scripts/setup.sh` installs (the `.bin`
/// launcher exits 0 even when cast fails).
pub fn cast(args: &[&str]) -> Run {
    let packages = checkout().join("node_modules/@foundry-rs");
    let binary = std::fs::read_dir(&packages)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/setup.sh", packages.display()))
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("cast-"))
        .map(|entry| entry.path().join("bin/cast"))
        .find(|path| path.exists())
        .expect("cast is installed (scripts/setup.sh)");
    let mut cmd = Command::new(binary);
    cmd.args(args);
    run(cmd)
}
