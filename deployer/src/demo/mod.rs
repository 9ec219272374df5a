//! `lrt demo`: the whole story on an in-process devnet, narrated — build, deploy, deposits,
//! operators and AVSs, delegation, rewards, a proven fault and its slash, the contagion into
//! a lending market, and a withdrawal through the queue. Any failed step fails the demo.

mod acts;

use std::time::Instant;

use alloy::primitives::U256;
use serde::Serialize;

use crate::{
    build,
    deploy::Programs,
    error::{Error, Result},
    ops::Protocol,
    output::{Out, Table},
    status::{self, Labels},
    units::{WAD, format_amount},
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

/// The story, one act per call; each act narrates itself under its heading.
async fn story(
    out: &Out,
    rpc_url: &str,
    signers: &[alloy::signers::local::PrivateKeySigner],
    programs: Programs,
    started: Instant,
) -> Result<DemoReport> {
    let (mut scene, deploy_gas) = acts::deploy(out, rpc_url, signers, programs).await?;
    let rate_after_deposits = scene.deposit().await?;
    let oracle = scene.register_operators_and_avss().await?;
    scene.delegate_and_allocate(oracle).await?;
    let rate_after_rewards = scene.vest_rewards().await?;
    let borrowed = scene.borrow_against_rsteth().await?;
    let slash = scene
        .slash_a_double_sign(oracle, rate_after_rewards)
        .await?;
    let liquidation = scene.liquidate_the_borrower(&borrowed).await?;
    let withdrawal = scene.withdraw_through_the_queue().await?;
    scene.final_status().await?;

    let seconds = started.elapsed().as_secs_f64();
    out.say(&format!("demo finished in {seconds:.1}s"));
    Ok(DemoReport {
        rpc_url: rpc_url.to_owned(),
        deploy_gas,
        rate_after_deposits,
        rate_after_rewards,
        rate_after_slash: slash.rate_after,
        slashed_assets: slash.assets,
        borrower_health_before_slash: borrowed.health.health_factor,
        borrower_health_after_slash: liquidation.health_after,
        liquidation_seized_shares: liquidation.shares_seized,
        withdrawal_requested_assets: withdrawal.requested_assets,
        withdrawal_paid_assets: withdrawal.paid_assets,
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
