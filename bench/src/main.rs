//! Gas of every user operation of stylus-lrt beside an OpenZeppelin ERC-4626 vault with a
//! minimal Solidity timelocked queue, over the same mock token on one in-process devnet, from
//! transaction receipts; then the same operations after 10 and 10,000 holders and pending
//! requests, the hub's operations, and what part of each call is Stylus' fixed entry cost.
//!
//! ```text
//! scripts/setup.sh                               # once: solcjs and @openzeppelin/contracts
//! cargo run -p bench --release [-- <holders>]    # default 10000
//! ```

mod bulk;
mod entry;
mod hub_ops;
mod nitro;
mod setup;
mod solidity;
mod user_ops;

use anyhow::{Context, Result};
use deployer::output::Table;

use crate::{
    setup::Bench,
    user_ops::{Measured, Users},
};

const SMALL: u64 = 10;
const DEFAULT_LARGE: u64 = 10_000;

#[tokio::main]
async fn main() -> Result<()> {
    let large = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse()
            .with_context(|| format!("`{arg}` is not a number of holders"))?,
        None => DEFAULT_LARGE,
    };
    let root = setup::root();
    eprintln!("building the contracts, compiling the baseline, deploying both sides…");
    let bench = Bench::start(&root).await?;
    let users = Users {
        alice: bench.wallet(2)?,
        bob: bench.wallet(3)?,
        carol: bench.wallet(4)?,
    };

    // Entries first: each measured transaction is traced right after it, while the devnet
    // still keeps its state (the last 128 blocks).
    let entries = entry::measure(&bench).await?;
    let first_ours = user_ops::first_deposit(&bench.ours, &users).await?;
    let first_entry = entry::entry_gas_in(&bench, &entries, first_ours.hash).await?;
    let first_oz = user_ops::first_deposit(&bench.baseline, &users).await?;

    let funder = bulk::Funder::new(
        &bench.node.endpoint(),
        bench.signers[0].clone(),
        bench.filler,
    )
    .await?;
    let mut phases: Vec<(u64, Measured, Measured)> = Vec::new();
    let mut grown = 0;
    let mut op_entries = Vec::new();
    for (phase, target) in [SMALL, large].into_iter().enumerate() {
        eprintln!("growing both sides to {target} holders and {target} pending requests…");
        let started = std::time::Instant::now();
        for side in [&bench.ours, &bench.baseline] {
            if phase == 0 {
                funder.prepare(side, SMALL + large).await?;
            }
            funder.grow(side, target - grown, grown).await?;
        }
        grown = target;
        eprintln!("  grown in {:.0?}", started.elapsed());
        // Phase 0 claims request 1, the oldest; phase 1 then finds request 2 the oldest.
        let oldest = alloy::primitives::U256::from(phase + 1);
        let ours = user_ops::measure(&bench.ours, &users, 2 * target, oldest).await?;
        if phase == 0 {
            for op in &ours {
                op_entries.push(entry::entry_gas_in(&bench, &entries, op.hash).await?);
            }
        }
        let oz = user_ops::measure(&bench.baseline, &users, 2 * target + 1, oldest).await?;
        phases.push((target, ours, oz));
    }

    eprintln!("hub: delegations, allocations, slashes over 1, 2, 3, 8 and 32 vaults…");
    let hub = hub_ops::measure(&bench).await?;

    let (_, ours, oz) = &phases[0];
    let mut table = Table::new([
        "operation",
        "ours",
        "OZ Solidity",
        "ours/OZ",
        "Stylus entry",
        "ours − entry",
        "(ours − entry)/OZ",
    ])
    .titled(format!(
        "gas per operation ({SMALL} holders, {SMALL} pending requests); Stylus entry = Nitro's \
         fixed cost of the programs the transaction enters"
    ));
    let measured = std::iter::once((&first_ours, &first_oz)).chain(ours.iter().zip(oz));
    for ((op, baseline), entry) in measured.zip(std::iter::once(first_entry).chain(op_entries)) {
        table.row(split_row(op.name, op.gas, baseline.gas, entry));
    }
    table.row(gas_row("delegate (new link)", hub.delegate));
    table.row(gas_row("allocate", hub.allocate));
    for (vaults, gas) in &hub.slash {
        let plural = if *vaults == 1 { "" } else { "s" };
        table.row(gas_row(
            &format!("slash ({vaults} vault{plural} delegated)"),
            *gas,
        ));
    }
    let gas_at = |slashes: &[(usize, u64)], vaults: usize| {
        slashes.iter().find(|(n, _)| *n == vaults).map(|s| s.1)
    };
    let slash_of = |vaults| gas_at(&hub.slash, vaults);
    if let (Some(one), Some(two), Some(three), Some(all)) =
        (slash_of(1), slash_of(2), slash_of(3), slash_of(32))
    {
        table.row(gas_row("slash, 2nd vault", two - one));
        table.row(gas_row("slash, 3rd vault", three - two));
        table.row(gas_row("slash, per extra vault (1 → 32)", (all - one) / 31));
    }
    let again_of = |vaults| gas_at(&hub.slash_again, vaults);
    for vaults in [1, 2, 3] {
        if let Some(gas) = again_of(vaults) {
            let plural = if vaults == 1 { "" } else { "s" };
            table.row(gas_row(
                &format!("slash again at once ({vaults} vault{plural})"),
                gas,
            ));
        }
    }
    if let (Some(one), Some(all)) = (again_of(1), again_of(32)) {
        table.row(gas_row(
            "slash again, per extra vault (1 → 32)",
            (all - one) / 31,
        ));
    }
    print!("{}", table.render());
    println!();

    let mut growth = Table::new([
        "operation",
        &format!("ours @{SMALL}"),
        &format!("ours @{large}"),
        "Δ",
        &format!("OZ @{SMALL}"),
        &format!("OZ @{large}"),
        "Δ",
    ])
    .titled("growth: gas at few and many holders and pending requests");
    let (small, large_phase) = (&phases[0], &phases[1]);
    for i in 0..small.1.len() {
        let (name, a) = (small.1[i].name, small.1[i].gas);
        let b = large_phase.1[i].gas;
        let (c, d) = (small.2[i].gas, large_phase.2[i].gas);
        growth.row([
            name.to_string(),
            group(a),
            group(b),
            delta(a, b),
            group(c),
            group(d),
            delta(c, d),
        ]);
    }
    print!("{}", growth.render());
    println!();
    entry::print(&entries);
    Ok(())
}

/// A hub operation: no baseline, so only our gas.
fn gas_row(name: &str, ours: u64) -> Vec<String> {
    let mut row = vec![name.to_string(), group(ours)];
    row.resize(7, "—".into());
    row
}

/// An operation with a baseline, split into Stylus' fixed entry cost and the rest.
fn split_row(name: &str, ours: u64, baseline: u64, entry: u64) -> Vec<String> {
    let ratio = |gas: u64| format!("{:.2}", gas as f64 / baseline as f64);
    vec![
        name.to_string(),
        group(ours),
        group(baseline),
        ratio(ours),
        group(entry),
        group(ours - entry),
        ratio(ours - entry),
    ]
}

fn delta(before: u64, after: u64) -> String {
    format!("{:+}", after as i64 - before as i64)
}

/// 12345 → "12,345".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
