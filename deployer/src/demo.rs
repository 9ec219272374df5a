//! `lrt demo`: the whole story on an in-process devnet, narrated — build, deploy, deposits,
//! operators and AVSs, delegation, rewards, a proven fault and its slash, the contagion into
//! a lending market, and a withdrawal through the queue. Any failed step fails the demo.

use std::time::Instant;

use alloy::primitives::{U256, keccak256};
use serde::Serialize;

use crate::{
    build,
    chain::Wallet,
    config::DeployConfig,
    deploy::{self, Programs},
    error::{Error, Result},
    ops::{
        Protocol,
        avs::{self, AvsSettings},
        curator,
        deposit::{self, Approval, DepositOptions},
        lending::{self, MarketParams},
        operator, rewards, withdraw,
    },
    output::{Out, Table},
    status::{self, Labels},
    units::{WAD, format_amount, format_duration, format_fraction},
};

/// The deployment the demo makes: one vault over a mock stETH, real-world delays.
pub const DEMO_CONFIG: &str = r#"
[roles]
pausers = ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]

[hub]
deallocation_delay = "7d"

[[vault]]
asset = { mock = "stETH", name = "Mock Lido Staked ETH" }
name = "Restaked stETH"
symbol = "rstETH"
withdrawal_delay = "7d"
tvl_cap = "1000000"
per_deposit_cap = "100000"
protocol_fee = "10%"
vesting_period = "24h"
"#;

/// The numbers the demo shows, for `--json` and for the tests.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoReport {
    pub rpc_url: String,
    pub deploy_gas: u64,
    #[serde(serialize_with = "crate::units::decimal")]
    pub rate_after_deposits: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub rate_after_rewards: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub rate_after_slash: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub slashed_assets: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub borrower_health_before_slash: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub borrower_health_after_slash: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub liquidation_seized_shares: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub withdrawal_requested_assets: U256,
    #[serde(serialize_with = "crate::units::decimal")]
    pub withdrawal_paid_assets: U256,
    pub seconds: f64,
}

/// Starts a devnet on a free port, runs the story on it, and stops it.
pub async fn run(out: &Out) -> Result<DemoReport> {
    let started = Instant::now();
    out.heading("1. Build the contracts for Stylus");
    let root = build::workspace_root();
    // The build draws its own progress (crates compiled, the current one) on a terminal.
    out.say(&format!(
        "cargo build --release --target wasm32-unknown-unknown (hub, vault, queue) in {}",
        root.display()
    ));
    let programs = Programs::build(&root)?;
    out.say(&format!(
        "compressed sizes: hub {} B, vault {} B, queue {} B (limit {} B)",
        crate::stylus::program_code(&programs.hub).len(),
        crate::stylus::program_code(&programs.vault).len(),
        crate::stylus::program_code(&programs.queue).len(),
        build::MAX_COMPRESSED_SIZE
    ));

    out.heading("2. Start the devnet (EVM + Stylus WASM, in-process)");
    let node = out
        .run("start devnet", async {
            devnet::Devnet::spawn(devnet::Config::ephemeral())
                .await
                .map_err(|e| Error::Rpc(format!("cannot start the devnet: {e}")))
        })
        .await?;
    let signers = node.accounts().signers().to_vec();
    out.say(&format!(
        "listening on {} (chain id {})",
        node.endpoint(),
        node.chain_id()
    ));
    let result = story(out, &node.endpoint(), &signers, programs, started).await;
    let _ = node.shutdown().await;
    result
}

struct Cast {
    admin: Protocol,
    alice: Protocol,
    bob: Protocol,
    carol: Protocol,
    op_a: Protocol,
    op_b: Protocol,
    oracle_owner: Protocol,
    bridge_avs: Protocol,
    dana: Protocol,
}

async fn story(
    out: &Out,
    rpc_url: &str,
    signers: &[alloy::signers::local::PrivateKeySigner],
    programs: Programs,
    started: Instant,
) -> Result<DemoReport> {
    let wallet = |i: usize| Wallet::with_signer(rpc_url, signers[i].clone());
    let admin_wallet = wallet(0)?;

    out.heading("3. Deploy hub, vault and withdrawal queue (Stylus deploy + activate)");
    let config = DeployConfig::parse(DEMO_CONFIG)?;
    let manifest_path = build::workspace_root().join("target/lrt/demo-manifest.json");
    let _ = std::fs::remove_file(&manifest_path);
    let report =
        deploy::deploy_or_verify(&admin_wallet, &config, || Ok(programs), &manifest_path, out)
            .await?;
    let manifest = report.manifest;
    out.say(&format!(
        "{} on-chain checks passed; total deploy gas {}",
        report.checks.len(),
        manifest.total_gas
    ));
    let admin = Protocol::new(admin_wallet, manifest.clone());
    let as_ = |i: usize| -> Result<Protocol> { Ok(admin.acting_as(wallet(i)?)) };
    let cast = Cast {
        alice: as_(2)?,
        bob: as_(3)?,
        carol: as_(4)?,
        op_a: as_(5)?,
        op_b: as_(6)?,
        oracle_owner: as_(7)?,
        bridge_avs: as_(8)?,
        dana: as_(9)?,
        admin,
    };
    let v = manifest.vault(None)?.clone();
    let mut labels = Labels::new(manifest.labels());
    for (p, name) in [
        (&cast.alice, "alice"),
        (&cast.bob, "bob"),
        (&cast.carol, "carol"),
        (&cast.op_a, "operator A"),
        (&cast.op_b, "operator B"),
        (&cast.bridge_avs, "bridge AVS"),
        (&cast.dana, "dana"),
    ] {
        labels.insert(p.me(), name);
    }

    out.heading("4. Depositors: mint mock stETH and deposit");
    for (p, amount) in [
        (&cast.alice, 1_000u64),
        (&cast.bob, 1_000),
        (&cast.carol, 1_000),
        (&cast.dana, 5_000),
    ] {
        out.run(
            format!("mint {amount} stETH to {}", labels.name(p.me())),
            deposit::mint(p, &v, p.me(), tokens(amount)),
        )
        .await?;
    }
    for (p, amount, approval) in [
        (&cast.alice, 100u64, Approval::Approve),
        (&cast.bob, 200, Approval::Permit),
        (&cast.carol, 50, Approval::Approve),
    ] {
        let label = format!(
            "{} deposits {amount} stETH ({approval:?})",
            labels.name(p.me())
        );
        let done = out
            .run(
                label,
                deposit::deposit(
                    p,
                    &v,
                    tokens(amount),
                    DepositOptions {
                        approval,
                        ..Default::default()
                    },
                ),
            )
            .await?;
        out.say(&format!(
            "→ {} rstETH (slippage floor {})",
            format_amount(done.shares, 4),
            format_amount(done.min_shares, 4)
        ));
    }
    let rate_after_deposits = rate(&cast.admin, &v).await?;

    out.heading("5. Operators and AVSs register; two-sided opt-in");
    out.run(
        "operator A registers",
        operator::register(&cast.op_a, "https://operators.example/a.json"),
    )
    .await?;
    out.run(
        "operator B registers",
        operator::register(&cast.op_b, "https://operators.example/b.json"),
    )
    .await?;
    let fault_fraction = WAD * U256::from(40) / U256::from(100);
    let (oracle, _) = out
        .run(
            "deploy the oracle AVS (Solidity; slashes 40% on a proven double-sign)",
            avs::deploy_mock(
                &cast.oracle_owner.wallet,
                manifest.hub.address,
                "oracle-avs",
                cast.oracle_owner.me(),
                fault_fraction,
            ),
        )
        .await?;
    labels.insert(oracle, "oracle AVS");
    let bridge_settings = AvsSettings {
        metadata_uri: "bridge-avs".into(),
        slasher: None,
        burn_recipient: None,
        allowlist_only: false,
    };
    out.run(
        "the bridge AVS registers (an EOA, its own slasher)",
        avs::register(&cast.bridge_avs, &bridge_settings),
    )
    .await?;
    out.run(
        "operator A opts in to the oracle AVS",
        operator::opt_in(&cast.op_a, oracle),
    )
    .await?;
    out.run("the oracle AVS accepts operator A", async {
        let mock = crate::abi::fixtures::IMockAvs::new(
            oracle,
            cast.oracle_owner.wallet.provider().clone(),
        );
        cast.oracle_owner
            .wallet
            .send(
                mock.acceptOperator(cast.op_a.me()),
                "oracle AVS accepts operator A",
            )
            .await
    })
    .await?;
    out.run(
        "operator B opts in to the bridge AVS",
        operator::opt_in(&cast.op_b, cast.bridge_avs.me()),
    )
    .await?;
    out.run(
        "the bridge AVS accepts operator B",
        avs::accept(&cast.bridge_avs, cast.op_b.me()),
    )
    .await?;

    out.heading("6. The curator delegates and approves AVSs; operators allocate");
    out.run(
        "curator delegates 60% of rstETH to operator A",
        curator::delegate(&cast.admin, &v, cast.op_a.me(), pct(60)),
    )
    .await?;
    out.run(
        "curator delegates 40% of rstETH to operator B",
        curator::delegate(&cast.admin, &v, cast.op_b.me(), pct(40)),
    )
    .await?;
    out.run(
        "curator lets the oracle AVS slash up to 30% of rstETH (burned, not redistributed)",
        curator::approve_avs(&cast.admin, &v, oracle, pct(30), false),
    )
    .await?;
    out.run(
        "curator lets the bridge AVS slash up to 20% of rstETH",
        curator::approve_avs(&cast.admin, &v, cast.bridge_avs.me(), pct(20), false),
    )
    .await?;
    out.run(
        "operator A allocates 50% to the oracle AVS",
        operator::allocate(&cast.op_a, oracle, pct(50)),
    )
    .await?;
    out.run(
        "operator B allocates 50% to the bridge AVS",
        operator::allocate(&cast.op_b, cast.bridge_avs.me(), pct(50)),
    )
    .await?;
    show_status(out, &cast.admin, &v, &labels).await?;

    out.say("allocations become slashable after the hub's one-day allocation delay");

    out.heading("7. Rewards arrive and vest over 24 h");
    let pushed = out
        .run(
            "dana pushes 35 stETH of rewards",
            rewards::push(&cast.dana, &v, tokens(35)),
        )
        .await?;
    out.say(&format!(
        "10% protocol fee goes to the treasury in stETH; the rest vests over {}",
        format_duration(pushed.vesting_period)
    ));
    let before = rate(&cast.admin, &v).await?;
    out.run(
        "warp 24 h (evm_increaseTime)",
        cast.admin.wallet.warp(86_400),
    )
    .await?;
    let rate_after_rewards = rate(&cast.admin, &v).await?;
    out.say(&format!(
        "rate {} → {} stETH per rstETH",
        format_amount(before, 6),
        format_amount(rate_after_rewards, 6)
    ));

    out.heading("8. DeFi: rstETH as collateral in a lending market");
    let params = MarketParams {
        max_ltv_wad: pct(80),
        liquidation_threshold_wad: pct(85),
        liquidation_bonus_wad: pct(5),
    };
    let (market, _) = out
        .run(
            "deploy the lending market (LTV 80%, liquidation at 85%)",
            lending::deploy(&cast.dana, &v, params),
        )
        .await?;
    out.run(
        "dana supplies 2,000 stETH of liquidity",
        lending::supply(&cast.dana, &v, market, tokens(2_000)),
    )
    .await?;
    let collateral = tokens(150);
    let borrowed = out
        .run("bob posts 150 rstETH and borrows the maximum", async {
            let value = cast
                .bob
                .vault(&v)
                .convertToAssets(collateral)
                .call()
                .await?;
            let limit = value * params.max_ltv_wad / WAD;
            lending::open_position(&cast.bob, &v, market, collateral, limit).await?;
            Ok(limit)
        })
        .await?;
    let health_before = lending::position(&cast.bob, market, cast.bob.me()).await?;
    out.say(&format!(
        "bob borrowed {} stETH against {} stETH of collateral value; health factor {}",
        format_amount(borrowed, 4),
        format_amount(health_before.collateral_value, 4),
        format_amount(health_before.health_factor, 4)
    ));

    out.heading("9. Operator A double-signs; anyone proves it; the oracle AVS slashes");
    let epoch = 42;
    let root_a = keccak256(b"block 1000 state root, honest");
    let root_b = keccak256(b"block 1000 state root, forged");
    let sig_a = avs::attest(&cast.op_a.wallet, oracle, epoch, root_a).await?;
    let sig_b = avs::attest(&cast.op_a.wallet, oracle, epoch, root_b).await?;
    out.say("operator A signed two different roots for epoch 42; carol (a watcher) submits both signatures");
    let slashed = out
        .run(
            "carol proves the double-sign",
            avs::prove_double_sign(
                &cast.carol,
                oracle,
                cast.op_a.me(),
                epoch,
                (root_a, sig_a.clone()),
                (root_b, sig_b.clone()),
            ),
        )
        .await?;
    out.say(&format!(
        "slashed {} of A's oracle allocation: {} stETH left the vault (60% delegated × 50% allocated × 40% = 12% of TVL)",
        format_fraction(slashed.fraction_wad),
        format_amount(slashed.total_assets, 4)
    ));
    let replay = avs::prove_double_sign(
        &cast.carol,
        oracle,
        cast.op_a.me(),
        epoch,
        (root_a, sig_a),
        (root_b, sig_b),
    )
    .await;
    match replay {
        Err(err) if err.revert_name() == Some("SlashIdUsed") => {
            out.say(&format!("replaying the proof is refused: {err}"))
        }
        Err(err) => return Err(err),
        Ok(_) => {
            return Err(Error::Other(anyhow::anyhow!(
                "a replayed slash proof was accepted"
            )));
        }
    }
    let rate_after_slash = rate(&cast.admin, &v).await?;
    out.say(&format!(
        "rate {} → {} stETH per rstETH ({} lower)",
        format_amount(rate_after_rewards, 6),
        format_amount(rate_after_slash, 6),
        format_fraction(WAD - rate_after_slash * WAD / rate_after_rewards)
    ));
    show_status(out, &cast.admin, &v, &labels).await?;

    out.heading("10. Contagion: bob's position is now liquidatable");
    let health_after = lending::position(&cast.bob, market, cast.bob.me()).await?;
    out.say(&format!(
        "bob's collateral is worth {} stETH against {} debt; health {} → {}; liquidatable: {}",
        format_amount(health_after.collateral_value, 4),
        format_amount(health_after.debt, 4),
        format_amount(health_before.health_factor, 4),
        format_amount(health_after.health_factor, 4),
        health_after.liquidatable
    ));
    if !health_after.liquidatable {
        return Err(Error::Other(anyhow::anyhow!(
            "the slash did not make bob's position liquidatable"
        )));
    }
    let repay = health_after.debt / U256::from(2);
    let liquidation = out
        .run(
            "dana liquidates half of bob's debt",
            lending::liquidate(&cast.dana, &v, market, cast.bob.me(), repay),
        )
        .await?;
    out.say(&format!(
        "dana repaid {} stETH and seized {} rstETH (5% bonus)",
        format_amount(repay, 4),
        format_amount(liquidation.shares_seized, 4)
    ));

    out.heading("11. Alice leaves through the withdrawal queue");
    let requested = out
        .run(
            "alice requests redemption of all her rstETH",
            withdraw::request(&cast.alice, &v, None, None),
        )
        .await?;
    let views = withdraw::list(&cast.alice, &v, None).await?;
    let requested_assets = views
        .iter()
        .find(|r| r.request_id == requested.request_id)
        .map_or(U256::ZERO, |r| r.assets_at_request);
    match withdraw::claim(&cast.alice, &v, requested.request_id).await {
        Err(err) if err.revert().is_some() => {
            out.say(&format!("claiming at once is refused: {err}"))
        }
        Err(err) => return Err(err),
        Ok(_) => {
            return Err(Error::Other(anyhow::anyhow!(
                "a claim before the withdrawal delay was paid"
            )));
        }
    }
    out.run(
        "warp 7 days (the withdrawal delay)",
        cast.admin.wallet.warp(7 * 86_400 + 1),
    )
    .await?;
    let before = cast
        .alice
        .asset(&v)
        .balanceOf(cast.alice.me())
        .call()
        .await?;
    let claimed = out
        .run(
            "alice claims",
            withdraw::claim(&cast.alice, &v, requested.request_id),
        )
        .await?;
    let after = cast
        .alice
        .asset(&v)
        .balanceOf(cast.alice.me())
        .call()
        .await?;
    out.say(&format!(
        "paid {} stETH for {} rstETH (worth {} at request; payout is the lower of request and claim value)",
        format_amount(after - before, 4),
        format_amount(requested.shares, 4),
        format_amount(requested_assets, 4)
    ));

    out.heading("12. Final status");
    show_status(out, &cast.admin, &v, &labels).await?;
    let seconds = started.elapsed().as_secs_f64();
    out.say(&format!("demo finished in {seconds:.1}s"));
    Ok(DemoReport {
        rpc_url: rpc_url.to_owned(),
        deploy_gas: manifest.total_gas,
        rate_after_deposits,
        rate_after_rewards,
        rate_after_slash,
        slashed_assets: slashed.total_assets,
        borrower_health_before_slash: health_before.health_factor,
        borrower_health_after_slash: health_after.health_factor,
        liquidation_seized_shares: liquidation.shares_seized,
        withdrawal_requested_assets: requested_assets,
        withdrawal_paid_assets: claimed.assets.max(after - before),
        seconds,
    })
}

async fn rate(p: &Protocol, v: &crate::manifest::VaultRecord) -> Result<U256> {
    Ok(p.vault(v).convertToAssets(WAD).call().await?)
}

async fn show_status(
    out: &Out,
    p: &Protocol,
    v: &crate::manifest::VaultRecord,
    labels: &Labels,
) -> Result<()> {
    if out.json {
        return Ok(());
    }
    let status = status::read_vault(p, v).await?;
    let now = p.wallet.timestamp().await?;
    print!("{}", status::render_vault(&status, now, labels));
    Ok(())
}

fn tokens(n: u64) -> U256 {
    U256::from(n) * WAD
}

fn pct(n: u64) -> U256 {
    WAD * U256::from(n) / U256::from(100)
}

/// Shown at the end of `lrt demo` in human mode.
pub fn summary(report: &DemoReport) -> Table {
    let mut table = Table::new(["step", "value"]).titled("demo summary");
    table.row([
        "deploy gas (all contracts + wiring)".to_owned(),
        report.deploy_gas.to_string(),
    ]);
    table.row([
        "rate after deposits".to_owned(),
        format_amount(report.rate_after_deposits, 6),
    ]);
    table.row([
        "rate after rewards vested".to_owned(),
        format_amount(report.rate_after_rewards, 6),
    ]);
    table.row([
        "rate after the slash".to_owned(),
        format_amount(report.rate_after_slash, 6),
    ]);
    table.row([
        "slashed".to_owned(),
        format!("{} stETH", format_amount(report.slashed_assets, 4)),
    ]);
    table.row([
        "borrower health before → after".to_owned(),
        format!(
            "{} → {}",
            format_amount(report.borrower_health_before_slash, 4),
            format_amount(report.borrower_health_after_slash, 4)
        ),
    ]);
    table.row([
        "withdrawal paid".to_owned(),
        format!("{} stETH", format_amount(report.withdrawal_paid_assets, 4)),
    ]);
    table.row(["wall time".to_owned(), format!("{:.1}s", report.seconds)]);
    table
}
