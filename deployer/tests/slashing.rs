//! Slashing cannot drain a vault: issue 8's observations 1-3 replayed through `lrt` (the
//! CLI path), `cast` for raw calls and the deployer library for reads, each on a devnet of its
//! own loaded with one `lrt deploy`. Slashes consume what they take, an AVS takes only what a
//! curator approved and at most half a vault a day, and a vault that cannot pay or be slashed
//! does not stop the others. Amounts are asserted in wei.

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    providers::Provider,
    sol_types::{SolError, SolEvent},
};
use deployer::{
    abi::lrt::{IVault, events},
    chain::{Wallet, parse_private_key},
    manifest::{Manifest, VaultRecord},
    ops::Protocol,
    units::WAD,
};
use tokio::sync::OnceCell;

use crate::cli::support::{self, Deployment, Run};

/// Devnet accounts and their roles. Account 0 deploys and is admin and curator of every vault.
const ADMIN: usize = 0;
const DEPOSITOR: usize = 1;
const OPERATOR: usize = 2;
const AVS: usize = 3;
/// A second operator that is its own AVS.
const GREEDY: usize = 4;
/// Deploys and pauses the pausable LST, as Lido governs stETH.
const LIDO: usize = 9;

/// Where slashed assets go unless a curator approved redistribution.
const SINK: Address = address!("0x000000000000000000000000000000000000dEaD");
const DAY: u64 = 86_400;

/// Vault rstETH over a mock stETH and vault rpstETH over a pausable one (its address is
/// filled in once that token is deployed).
const CONFIG: &str = r#"
[hub]
deallocation_delay = "1d"

[[vault]]
asset = { mock = "stETH" }
name = "Restaked stETH"
symbol = "rstETH"
withdrawal_delay = "2d"

[[vault]]
asset = "PAUSABLE"
name = "Restaked pausable stETH"
symbol = "rpstETH"
withdrawal_delay = "2d"
"#;

#[tokio::test(flavor = "multi_thread")]
async fn forty_full_slashes_take_at_most_the_exposure_reported_before_the_first() {
    // Given a vault of 2,000 stETH, 10 % delegated to an operator that allocated 50 % to an
    // AVS the curator approved for the whole vault
    let chain = Chain::fresh().await;
    let v = chain.vault("rstETH");
    chain.fund(&v, 2_000);
    chain.join(OPERATOR, AVS);
    let (operator, avs) = (chain.address(OPERATOR), chain.address(AVS));
    chain.lrt(ADMIN, &["curator", "delegate", &hex(operator), "10%"]);
    chain.lrt(ADMIN, &["curator", "approve", &hex(avs), "100%"]);
    chain.lrt(OPERATOR, &["operator", "allocate", &hex(avs), "50%"]);
    chain.warp(DAY + 1).await;
    // And `lrt status` reports 100 stETH slashable through the pair
    let reported = tokens(100);
    assert_eq!(chain.status_exposure(&v, operator, avs), Some(reported));

    // When the AVS's slasher sends 40 slashes of 100 % with fresh ids
    let mut taken = U256::ZERO;
    for id in 1..=40u64 {
        taken += chain.slash(AVS, avs, operator, "100%", id).total;
        // Then after every slash, what was taken and what is still exposed stay within
        // what was reported before the first
        let left = chain.exposure(&v, operator, avs).await;
        assert!(
            taken + left <= reported,
            "after slash {id}: taken {taken} + exposure {left} > reported {reported}"
        );
    }

    // Then the vault lost exactly the 100 stETH reported, not 87 % of itself
    assert_eq!(taken, reported);
    assert_eq!(chain.total_assets(&v).await, tokens(1_900));
    assert_eq!(chain.exposure(&v, operator, avs).await, U256::ZERO);
    assert_eq!(chain.status_exposure(&v, operator, avs), None);
    // And the loss is owed to the sink (no redistribution was approved), which `avs claim`
    // pays in full
    assert_eq!(chain.owed(&v, SINK).await, reported);
    assert_eq!(chain.status(&v)["slashOwed"], reported.to_string());
    chain.claim(&v, SINK);
    assert_eq!(chain.asset_balance(&v, SINK).await, reported);
    assert_eq!(chain.owed(&v, SINK).await, U256::ZERO);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operator_slashing_through_its_own_avs_gets_only_what_a_curator_approved() {
    // Given a vault of 2,000 stETH and an operator that is its own AVS (its own slasher and
    // recipient), delegated 5 % and allocating 100 % to itself
    let chain = Chain::fresh().await;
    let v = chain.vault("rstETH");
    chain.fund(&v, 2_000);
    chain.join(OPERATOR, OPERATOR);
    let rogue = chain.address(OPERATOR);
    chain.lrt(ADMIN, &["curator", "delegate", &hex(rogue), "5%"]);
    chain.lrt(OPERATOR, &["operator", "allocate", &hex(rogue), "100%"]);
    chain.warp(DAY + 1).await;

    // When it slashes itself ten times at 100 % without the curator's approval
    for id in 1..=10u64 {
        // Then nothing is taken
        assert_eq!(
            chain.slash(OPERATOR, rogue, rogue, "100%", id).total,
            U256::ZERO
        );
    }
    assert_eq!(chain.total_assets(&v).await, tokens(2_000));
    assert_eq!(
        chain.owed(&v, rogue).await + chain.owed(&v, SINK).await,
        U256::ZERO
    );
    // And the slashes consumed its allocation all the same
    assert_eq!(chain.exposure(&v, rogue, rogue).await, U256::ZERO);

    // Given the curator approves the AVS for 3 % (burn) and the operator allocates 100 % again
    chain.lrt(ADMIN, &["curator", "approve", &hex(rogue), "3%"]);
    chain.lrt(OPERATOR, &["operator", "allocate", &hex(rogue), "100%"]);
    // (the raise is pending, not slashable, for the allocation delay)
    assert_eq!(chain.exposure(&v, rogue, rogue).await, U256::ZERO);
    chain.warp(DAY + 1).await;
    let bound = tokens(60); // min(5 % × 100 %, 3 %) of 2,000 stETH
    assert_eq!(chain.status_exposure(&v, rogue, rogue), Some(bound));

    // When it slashes itself ten times at 50 % in a row
    let mut taken = U256::ZERO;
    for id in 11..=20u64 {
        taken += chain.slash(OPERATOR, rogue, rogue, "50%", id).total;
        let left = chain.exposure(&v, rogue, rogue).await;
        assert!(
            taken + left <= bound,
            "after slash {id}: taken {taken} + exposure {left} > approved {bound}"
        );
    }
    // Then it took most of the approved 60 stETH, never more, and for the sink
    assert!(taken > tokens(59), "took {taken}");
    assert_eq!(chain.total_assets(&v).await, tokens(2_000) - taken);
    assert_eq!(chain.owed(&v, SINK).await, taken);
    assert_eq!(chain.owed(&v, rogue).await, U256::ZERO);
    let refused = chain.try_claim(OPERATOR, &v, rogue).expect(64);
    assert!(refused.stderr.contains("owes"), "{refused:#?}");

    // Given a second rogue operator-AVS the curator trusts far more: 80 % delegated, 80 %
    // approved with redistribution to the AVS, and a 100 % allocation
    chain.join(GREEDY, GREEDY);
    let greedy = chain.address(GREEDY);
    chain.lrt(ADMIN, &["curator", "delegate", &hex(greedy), "80%"]);
    chain.lrt(
        ADMIN,
        &["curator", "approve", &hex(greedy), "80%", "--redistribute"],
    );
    chain.lrt(GREEDY, &["operator", "allocate", &hex(greedy), "100%"]);
    chain.warp(DAY + 1).await;
    let assets = chain.total_assets(&v).await;
    let exposed = chain.exposure(&v, greedy, greedy).await;
    // 80 % of it, rounded up like a slash
    let eighty = assets * U256::from(8);
    assert_eq!(exposed, eighty.div_ceil(U256::from(10)));

    // When it slashes itself five times at 50 % within a minute
    let mut greedy_took = U256::ZERO;
    for id in 1..=5u64 {
        greedy_took += chain.slash(GREEDY, greedy, greedy, "50%", id).total;
    }
    // Then the default circuit breaker held it to half the vault in 24 h, not the 80 % exposed
    assert_eq!(greedy_took, assets / U256::from(2));
    assert_eq!(chain.total_assets(&v).await, assets - greedy_took);
    // And, redistribution being approved, it is owed to the AVS's recipient, which claims it
    assert_eq!(chain.owed(&v, greedy).await, greedy_took);
    assert_eq!(chain.owed(&v, SINK).await, taken);
    chain.lrt(GREEDY, &["avs", "claim", "--vault", "rstETH"]);
    assert_eq!(chain.asset_balance(&v, greedy).await, greedy_took);
    assert_eq!(chain.owed(&v, greedy).await, U256::ZERO);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vault_that_cannot_pay_or_be_slashed_does_not_stop_the_slash_of_another() {
    // Given vault A over stETH and vault B over a pausable stETH, 1,000 each, both 50 %
    // delegated to one operator allocating 50 % to an AVS both curators approved
    let chain = Chain::fresh().await;
    let pausable = chain.base.pausable;
    let (a, b) = (chain.vault("rstETH"), chain.vault("rpstETH"));
    chain.fund(&a, 1_000);
    let depositor = hex(chain.address(DEPOSITOR));
    let minted = tokens(1_000).to_string();
    chain.cast(
        LIDO,
        &[
            "send",
            &hex(pausable),
            "mint(address,uint256)",
            &depositor,
            &minted,
        ],
    );
    chain.lrt(DEPOSITOR, &["deposit", "1000", "--vault", "rpstETH"]);
    chain.join(OPERATOR, AVS);
    let (operator, avs) = (chain.address(OPERATOR), chain.address(AVS));
    for vault in ["rstETH", "rpstETH"] {
        let flag = ["--vault", vault];
        chain.lrt(
            ADMIN,
            &[&["curator", "delegate", &hex(operator), "50%"], &flag[..]].concat(),
        );
        chain.lrt(
            ADMIN,
            &[&["curator", "approve", &hex(avs), "100%"], &flag[..]].concat(),
        );
    }
    chain.lrt(OPERATOR, &["operator", "allocate", &hex(avs), "50%"]);
    chain.warp(DAY + 1).await;
    assert_eq!(chain.status_exposure(&a, operator, avs), Some(tokens(250)));
    assert_eq!(chain.status_exposure(&b, operator, avs), Some(tokens(250)));

    // When B's token is paused and the AVS slashes 40 %
    chain.cast(LIDO, &["send", &hex(pausable), "setPaused(bool)", "true"]);
    let first = chain.slash(AVS, avs, operator, "40%", 1);

    // Then both vaults book 100 stETH in the slash's block: a paused token delays the
    // payout, not the slash
    assert_eq!(first.total, tokens(200));
    assert_eq!(chain.total_assets(&a).await, tokens(900));
    assert_eq!(chain.total_assets(&b).await, tokens(900));
    assert_eq!(chain.owed(&a, SINK).await, tokens(100));
    assert_eq!(chain.owed(&b, SINK).await, tokens(100));
    assert!(chain.failed_vaults(first.tx).await.is_empty());
    // And A pays out at once, while B's payout waits for its token
    chain.claim(&a, SINK);
    assert_eq!(chain.asset_balance(&a, SINK).await, tokens(100));
    let stuck = chain.try_claim(DEPOSITOR, &b, SINK).expect(2);
    assert!(
        stuck.stderr.contains("reverted with AssetCallFailed"),
        "{stuck:#?}"
    );
    assert_eq!(chain.owed(&b, SINK).await, tokens(100));

    // When B's admin also re-points B's hub (through the vault's wiring timelock: 31 days
    // after the proposal), and the AVS slashes 50 % of what is left
    let admin = hex(chain.address(ADMIN));
    let queue = hex(b.queue.address);
    let vault_b = hex(b.vault.address);
    let propose = "proposeWiring(address,address)";
    chain.cast(ADMIN, &["send", &vault_b, propose, &admin, &queue]);
    chain.warp(31 * DAY).await;
    chain.cast(ADMIN, &["send", &vault_b, "executeWiring()"]);
    let exposed_a = chain.exposure(&a, operator, avs).await;
    // 900 × 50 % × (50 % × 60 %) = 135 stETH, less a few wei: the hub's rounding factor
    // errs on the safe side, so a rounded-up slash never leaves more exposed than it should
    assert!(
        exposed_a <= tokens(135) && exposed_a + U256::from(1_000) > tokens(135),
        "{exposed_a}"
    );
    let second = chain.slash(AVS, avs, operator, "50%", 2);

    // Then A is slashed half its exposure, and B is skipped with VaultSlashFailed naming it
    // and the hub as the caller B no longer accepts
    let half = exposed_a.div_ceil(U256::from(2));
    assert_eq!(second.total, half);
    assert_eq!(chain.total_assets(&a).await, tokens(900) - half);
    assert_eq!(chain.owed(&a, SINK).await, half);
    let failed = chain.failed_vaults(second.tx).await;
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].vault, b.vault.address);
    assert_eq!(failed[0].assets, half);
    let not_hub = IVault::NotHub(chain.p.manifest.hub.address).abi_encode();
    assert_eq!(failed[0].reason.as_ref(), not_hub.as_slice());
    assert_eq!(chain.total_assets(&b).await, tokens(900));
    assert_eq!(chain.owed(&b, SINK).await, tokens(100));

    // And once B's token is unpaused, B's earlier debt is paid in full
    chain.cast(LIDO, &["send", &hex(pausable), "setPaused(bool)", "false"]);
    chain.claim(&b, SINK);
    chain.claim(&a, SINK);
    assert_eq!(chain.asset_balance(&b, SINK).await, tokens(100));
    assert_eq!(chain.asset_balance(&a, SINK).await, tokens(100) + half);
    for v in [&a, &b] {
        assert_eq!(chain.status(v)["slashOwed"], "0");
    }
}

/// The deployment every scenario starts from, made once by `lrt deploy`; each test loads its
/// state into a devnet of its own, since the scenarios warp the clock.
struct Base {
    deployment: Deployment,
    state: Bytes,
    pausable: Address,
}

async fn base() -> &'static Base {
    static BASE: OnceCell<Base> = OnceCell::const_new();
    BASE.get_or_init(|| async {
        let (rpc_url, keys) = support::devnet();
        let lido = Wallet::connect(&rpc_url, &keys[LIDO]).unwrap();
        let pausable = deploy_pausable_lst(&lido).await;
        let config = CONFIG.replace("PAUSABLE", &hex(pausable));
        let deployment = Deployment::deploy(rpc_url, keys, "slashing", &config);
        let state = lido
            .provider()
            .raw_request("anvil_dumpState".into(), ())
            .await
            .unwrap();
        Base {
            deployment,
            state,
            pausable,
        }
    })
    .await
}

/// The base deployment on a devnet of its own, driven through `lrt` and `cast` and read
/// through the deployer library.
struct Chain {
    base: &'static Base,
    d: Deployment,
    /// The admin's view of the deployment, for reads.
    p: Protocol,
}

/// What one `lrt avs slash` took in total, and its transaction.
struct Slash {
    total: U256,
    tx: B256,
}

impl Chain {
    async fn fresh() -> Self {
        let base = base().await;
        let (rpc_url, _) = support::devnet();
        let d = base.deployment.on_node(rpc_url);
        let wallet = Wallet::connect(&d.rpc_url, d.key(ADMIN)).unwrap();
        let loaded: bool = wallet
            .provider()
            .raw_request("anvil_loadState".into(), (&base.state,))
            .await
            .unwrap();
        assert!(loaded);
        let p = Protocol::new(wallet, Manifest::load(&d.manifest).unwrap());
        Self { base, d, p }
    }

    fn address(&self, i: usize) -> Address {
        parse_private_key(self.d.key(i)).unwrap().address()
    }

    fn vault(&self, symbol: &str) -> VaultRecord {
        self.p.manifest.vault(Some(symbol)).unwrap().clone()
    }

    /// `lrt <args>` signed by account `i`, which must succeed.
    fn lrt(&self, i: usize, args: &[&str]) -> Run {
        self.d.lrt_as(i, args).expect(0)
    }

    /// `cast <args>` signed by account `i`, which must succeed.
    fn cast(&self, i: usize, args: &[&str]) {
        let run = support::cast(
            &[
                args,
                &["--rpc-url", &self.d.rpc_url, "--private-key", self.d.key(i)],
            ]
            .concat(),
        );
        assert_eq!(run.code, 0, "cast {args:?}: {run:#?}");
    }

    /// The depositor mints `whole` tokens of `v`'s mock asset and deposits them.
    fn fund(&self, v: &VaultRecord, whole: u64) {
        let amount = whole.to_string();
        self.lrt(DEPOSITOR, &["mint", &amount, "--vault", &v.symbol]);
        self.lrt(DEPOSITOR, &["deposit", &amount, "--vault", &v.symbol]);
    }

    /// Registers account `operator` as an operator and account `avs` as an AVS (its own
    /// slasher and recipient), and makes the operator a member of the AVS.
    fn join(&self, operator: usize, avs: usize) {
        self.lrt(operator, &["operator", "register"]);
        self.lrt(avs, &["avs", "register"]);
        self.lrt(operator, &["operator", "optin", &hex(self.address(avs))]);
        self.lrt(avs, &["avs", "accept", &hex(self.address(operator))]);
    }

    /// `lrt avs slash` by account `slasher` with slash id `id`.
    fn slash(
        &self,
        slasher: usize,
        avs: Address,
        operator: Address,
        fraction: &str,
        id: u64,
    ) -> Slash {
        let id = format!("{id:#x}");
        let args = [
            "avs",
            "slash",
            "--avs",
            &hex(avs),
            "--operator",
            &hex(operator),
            fraction,
            "--id",
            &id,
            "--json",
        ];
        let done = self.lrt(slasher, &args).json();
        Slash {
            total: decimal(&done["totalAssets"]),
            tx: done["tx"]["hash"].as_str().unwrap().parse().unwrap(),
        }
    }

    /// `lrt avs claim` for `recipient` of `v`, sent by the depositor (anyone may), which must
    /// pay what `v` owed.
    fn claim(&self, v: &VaultRecord, recipient: Address) {
        let paid = self.try_claim(DEPOSITOR, v, recipient).expect(0).json();
        assert!(decimal(&paid["paid"]) > U256::ZERO, "{paid:#}");
    }

    fn try_claim(&self, i: usize, v: &VaultRecord, recipient: Address) -> Run {
        let args = [
            "avs",
            "claim",
            "--vault",
            &v.symbol,
            "--recipient",
            &hex(recipient),
            "--json",
        ];
        self.d.lrt_as(i, &args)
    }

    /// `lrt status --json` of vault `v`.
    fn status(&self, v: &VaultRecord) -> serde_json::Value {
        let status = self
            .lrt(ADMIN, &["status", "--vault", &v.symbol, "--json"])
            .json();
        status["vaults"][0].clone()
    }

    /// What `lrt status` shows slashable now through (`operator`, `avs`); `None` without a row.
    fn status_exposure(&self, v: &VaultRecord, operator: Address, avs: Address) -> Option<U256> {
        let status = self.status(v);
        let rows = status["exposure"].as_array().unwrap();
        rows.iter()
            .find(|row| address_of(&row["operator"]) == operator && address_of(&row["avs"]) == avs)
            .map(|row| decimal(&row["slashableNow"]))
    }

    async fn exposure(&self, v: &VaultRecord, operator: Address, avs: Address) -> U256 {
        let hub = self.p.hub();
        hub.exposure(v.vault.address, operator, avs)
            .call()
            .await
            .unwrap()
            ._0
    }

    async fn total_assets(&self, v: &VaultRecord) -> U256 {
        self.p.vault(v).totalAssets().call().await.unwrap()
    }

    async fn owed(&self, v: &VaultRecord, recipient: Address) -> U256 {
        self.p.vault(v).slashOwed(recipient).call().await.unwrap()
    }

    async fn asset_balance(&self, v: &VaultRecord, holder: Address) -> U256 {
        self.p.asset(v).balanceOf(holder).call().await.unwrap()
    }

    async fn warp(&self, seconds: u64) {
        self.p.wallet.warp(seconds).await.unwrap();
    }

    /// The vaults a slash skipped, from its receipt.
    async fn failed_vaults(&self, tx: B256) -> Vec<events::VaultSlashFailed> {
        let receipt = self
            .p
            .wallet
            .provider()
            .get_transaction_receipt(tx)
            .await
            .unwrap()
            .expect("a mined slash");
        receipt
            .inner
            .logs()
            .iter()
            .filter_map(|log| events::VaultSlashFailed::decode_log(&log.inner).ok())
            .map(|log| log.data)
            .collect()
    }
}

/// Deploys the pausable mock LST (`test/solidity/PausableLst.sol`); `lido` may pause it.
async fn deploy_pausable_lst(lido: &Wallet) -> Address {
    use alloy::sol_types::SolValue;
    let code = deployer::solidity::creation_code(&deployer::build::workspace_root(), "PausableLst")
        .unwrap();
    let args = deployer::abi::fixtures::MockLstArgs {
        name: "Mock Lido Staked ETH (pausable)".into(),
        symbol: "stETH".into(),
        decimals: 18,
    };
    let initcode = [code.as_ref(), &args.abi_encode_params()].concat().into();
    lido.deploy_evm(initcode, "deploy the pausable LST")
        .await
        .unwrap()
        .0
}

fn tokens(whole: u64) -> U256 {
    U256::from(whole) * WAD
}

fn decimal(value: &serde_json::Value) -> U256 {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {value}"));
    text.parse().unwrap()
}

fn address_of(value: &serde_json::Value) -> Address {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("not an address: {value}"));
    text.parse().unwrap()
}

/// An address as `lrt` and `cast` read it.
fn hex(address: Address) -> String {
    address.to_checksum(None)
}
