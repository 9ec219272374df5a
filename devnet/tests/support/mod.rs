//! Shared by the RPC/state test binaries; each uses a subset, hence the allow below.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use alloy::network::EthereumWallet;
use alloy::network::TransactionBuilder;
use alloy::primitives::{Address, Bytes, U256};
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::rpc::types::{TransactionReceipt, TransactionRequest};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol;
use alloy::sol_types::SolConstructor;
use alloy::transports::http::reqwest;
use devnet::{Config, Devnet, DevnetHandle};
use foundry_compilers::artifacts::output_selection::OutputSelection;
use foundry_compilers::artifacts::{Settings, SolcInput, Source};
use foundry_compilers::solc::Solc;

pub mod ws;

sol! {
    #[sol(rpc)]
    contract Workload {
        uint256 public count;
        mapping(address => uint256) public credits;

        event Incremented(address indexed by, uint256 indexed newCount, bytes32 tag);
        event Credited(address indexed to, uint256 amount);

        error TooLarge(uint256 requested, uint256 limit);

        constructor(uint256 start) payable;

        function increment() external returns (uint256);
        function credit(address to, uint256 amount) external;
        function fail(string calldata reason) external pure;
        function burn(uint256 rounds) external returns (bytes32 acc);
        function sink(uint256 rounds) external;
        function now_() external view returns (uint256);
        function parentHash() external view returns (bytes32);
    }
}

/// A node for the Ethereum JSON-RPC tests, which compare gas with Ethereum's
/// (and anvil's): L1 data fees off, by the flag. `arbitrum_l1_gas` tests them.
pub async fn spawn() -> DevnetHandle {
    let config = Config {
        l1_base_fee: 0,
        ..Config::ephemeral()
    };
    Devnet::spawn(config)
        .await
        .expect("devnet starts on a free port")
}

/// Dev account `index` (anvil's key order; 10 is the Nitro dev key).
pub fn dev_key(node: &DevnetHandle, index: usize) -> PrivateKeySigner {
    node.accounts().signers()[index].clone()
}

/// A provider that signs locally with `signer` and fills nonce, gas and fees from the node.
pub fn wallet(endpoint: &str, signer: PrivateKeySigner) -> DynProvider {
    ProviderBuilder::new()
        .wallet(EthereumWallet::from(signer))
        .connect_http(endpoint.parse().expect("endpoint is a URL"))
        .erased()
}

/// A provider without wallet or fillers: `send_transaction` goes out as written, as
/// `eth_sendTransaction`, so the node fills nonce, gas and fees.
pub fn plain(endpoint: &str) -> DynProvider {
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .connect_http(endpoint.parse().expect("endpoint is a URL"))
        .erased()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("devnet sits in the repo")
        .to_owned()
}

/// A Foundry tool (anvil, cast) from the npm install, if present. The platform package's
/// binary is preferred over the `.bin` wrapper: the wrapper runs it as a grandchild, which
/// killing the wrapper would leave behind.
pub fn foundry_tool(tool: &str) -> Option<PathBuf> {
    let packages = repo_root().join("node_modules/@foundry-rs");
    let native = std::fs::read_dir(&packages).ok().and_then(|entries| {
        entries
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{tool}-"))
            })
            .map(|e| e.path().join("bin").join(tool))
            .find(|path| path.exists())
    });
    native.or_else(|| {
        let wrapper = repo_root().join("node_modules/.bin").join(tool);
        wrapper.exists().then_some(wrapper)
    })
}

/// Runs `cast <args> --rpc-url <endpoint>`; returns (success, stdout, stderr).
pub async fn cast(binary: &Path, endpoint: &str, args: &[&str]) -> (bool, String, String) {
    let output = tokio::process::Command::new(binary)
        .args(args)
        .args(["--rpc-url", endpoint])
        .output()
        .await
        .expect("cast runs");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).trim().to_owned();
    (
        output.status.success(),
        text(output.stdout),
        text(output.stderr),
    )
}

/// Posts a JSON-RPC call and returns the whole answer (`result` or `error`).
pub async fn rpc(endpoint: &str, method: &str, params: serde_json::Value) -> serde_json::Value {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
    post_raw(endpoint, &body.to_string()).await
}

/// The `result` of a JSON-RPC call that must succeed.
pub async fn rpc_ok(endpoint: &str, method: &str, params: serde_json::Value) -> serde_json::Value {
    let answer = rpc(endpoint, method, params).await;
    assert!(answer.get("error").is_none(), "{method} failed: {answer}");
    answer["result"].clone()
}

/// Creation code of `Workload`, compiled once per test binary.
pub fn workload_bytecode() -> Bytes {
    static CODE: OnceLock<Bytes> = OnceLock::new();
    CODE.get_or_init(|| fixture_bytecode("Workload.sol", "Workload"))
        .clone()
}

/// Creation code of `contract` in `tests/fixtures/<file>`, compiled with the repo's solc
/// wrapper. Only the bytecode is requested: ABIs come from `sol!`, and a small answer keeps
/// clear of solcjs truncating large outputs written to a pipe.
pub fn fixture_bytecode(file: &str, contract: &str) -> Bytes {
    let solc = Solc::new(repo_root().join("scripts/solc")).expect("scripts/solc runs");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file);
    let sources = Source::read_sol_yul_from(&source).expect("fixture readable");
    let settings = Settings {
        output_selection: OutputSelection::common_output_selection([
            "evm.bytecode.object".to_owned()
        ]),
        ..Settings::default()
    };
    let mut input = SolcInput::resolve_and_build(sources, settings);
    let input = input.pop().expect("one Solidity input");
    let output = solc.compile_exact(&input).expect("fixture compiles");
    assert!(!output.has_error(), "solc errors: {:?}", output.errors);
    let compiled = output.find(contract).expect("contract in output");
    compiled
        .bin
        .and_then(|b| b.as_bytes())
        .expect("creation bytecode")
        .clone()
}

/// Deploys `Workload(start)` from the provider's wallet and returns its address.
pub async fn deploy_workload(provider: &DynProvider, start: u64) -> Address {
    let mut code = workload_bytecode().to_vec();
    code.extend(
        Workload::constructorCall {
            start: U256::from(start),
        }
        .abi_encode(),
    );
    let receipt = mined(
        provider,
        TransactionRequest::default().with_deploy_code(code),
    )
    .await;
    assert!(receipt.status(), "Workload constructor succeeds");
    receipt
        .contract_address
        .expect("a creation has a contract address")
}

/// Deploys a Stylus program and activates it over RPC, as `cargo stylus deploy` does
/// without a constructor: CREATE with the compressed code, then
/// `ArbWasm.activateProgram`, paying more than the data fee (the rest comes back).
pub async fn deploy_stylus(provider: &DynProvider, wasm: &[u8]) -> Address {
    use devnet::stylus::{compress, deploy_initcode};
    let deploy = TransactionRequest::default().with_deploy_code(deploy_initcode(&compress(wasm)));
    let program = mined(provider, deploy)
        .await
        .contract_address
        .expect("a creation has an address");
    // activateProgram(address)
    let mut data = vec![0x58, 0xc7, 0x80, 0xc2];
    data.extend_from_slice(&[0u8; 12]);
    data.extend_from_slice(program.as_slice());
    let activate = TransactionRequest::default()
        .with_to(devnet::stylus::programs::ARB_WASM)
        .with_input(data)
        .with_value(U256::from(10u128.pow(18)));
    assert!(
        mined(provider, activate).await.status(),
        "activation succeeds"
    );
    program
}

/// Sends `request` and returns its receipt, read directly rather than through alloy's
/// block watcher. The devnet has it at once; Anvil mines just after answering, so a few
/// short polls are allowed.
pub async fn mined(provider: &DynProvider, request: TransactionRequest) -> TransactionReceipt {
    let pending = provider
        .send_transaction(request)
        .await
        .expect("transaction accepted");
    for _ in 0..200 {
        let receipt = provider
            .get_transaction_receipt(*pending.tx_hash())
            .await
            .expect("receipt query answers");
        if let Some(receipt) = receipt {
            return receipt;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("transaction {} not mined within 2 s", pending.tx_hash());
}

/// Posts `body` as-is and returns the parsed JSON answer.
pub async fn post_raw(endpoint: &str, body: &str) -> serde_json::Value {
    reqwest::Client::new()
        .post(endpoint)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("node answers")
        .json()
        .await
        .expect("answer is JSON")
}

/// The JSON-RPC error code of a failed alloy call.
pub fn rpc_error_code<T: std::fmt::Debug>(
    result: Result<T, alloy::transports::TransportError>,
) -> (i64, String) {
    let error = result.expect_err("the node refuses the request");
    let payload = error
        .as_error_resp()
        .unwrap_or_else(|| panic!("not an RPC error: {error}"));
    (payload.code, payload.message.to_string())
}

/// A real Anvil on a free loopback port, killed when dropped.
pub struct Anvil {
    child: std::process::Child,
    endpoint: String,
}

impl Anvil {
    /// Starts `node_modules/.bin/anvil` with this devnet's chain id and EVM rules (Prague),
    /// so both chains see identical transactions. `None` when anvil is not installed.
    pub async fn start() -> Option<Self> {
        Self::start_with(&[]).await
    }

    /// As [`Anvil::start`], with more of anvil's flags (`--steps-tracing`...).
    pub async fn start_with(flags: &[&str]) -> Option<Self> {
        let binary = foundry_tool("anvil")?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = std::process::Command::new(binary)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--chain-id", "412346", "--hardfork", "prague", "--quiet"])
            .args(flags)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("anvil starts");
        let anvil = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let probe = plain(&anvil.endpoint);
        // Short polls: the throughput example reports the time to the first answer.
        for _ in 0..1000 {
            if probe.get_chain_id().await.is_ok() {
                return Some(anvil);
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("anvil did not answer on {} within 10 s", anvil.endpoint);
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The process id, to read its memory use.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
