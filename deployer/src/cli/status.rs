//! `lrt status`: TVL, rate, supply, queue backlog, exposure and concentration per vault, and
//! how long each program's activation has left.

use serde::Serialize;

use super::args::{ChainArgs, Context};
use crate::{
    activation::{self, Lifetime, Program, State, WARN_DAYS, format_days as days},
    error::Result,
    output::{Paint, Table},
    status::{self, Labels, Status},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this vault, by symbol or address (default: every vault of the manifest).
    #[arg(long)]
    pub vault: Option<String>,
    #[command(flatten)]
    pub chain: ChainArgs,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    #[serde(flatten)]
    status: Status,
    activation: Lifetime,
    programs: Vec<Program>,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let p = ctx.protocol().await?;
    let vaults = match args.vault.as_deref() {
        Some(selector) => vec![p.manifest.vault(Some(selector))?.clone()],
        None => p.manifest.vaults.clone(),
    };
    let lifetime = Lifetime::read(&p.wallet).await?;
    let programs =
        activation::read(&p.wallet, lifetime, &activation::programs_of(&p.manifest)).await?;
    // A vault whose program expired cannot answer; its status is read only once it can.
    let status = if programs.iter().any(|p| {
        matches!(
            p.state,
            State::Expired | State::NotActivated | State::NeedsUpgrade
        )
    }) {
        None
    } else {
        Some(status::read_vaults(&p, &vaults).await?)
    };
    if ctx.out.json {
        return match status {
            Some(status) => ctx.out.json(&Report {
                status,
                activation: lifetime,
                programs,
            }),
            None => ctx.out.json(&serde_json::json!({
                "activation": lifetime,
                "programs": programs,
            })),
        };
    }
    if let Some(status) = &status {
        print!(
            "{}",
            status::render(status, &Labels::new(p.manifest.labels()))
        );
    }
    print!("{}", render_programs(&programs, lifetime));
    Ok(())
}

/// The activation table, then one warning line per program that needs `lrt activate`.
fn render_programs(programs: &[Program], lifetime: Lifetime) -> String {
    let mut table = Table::new(["program", "address", "stylus", "activated", "expires in"])
        .left_aligned(2)
        .titled(format!(
            "activations (expire after {} d; keepalive allowed after {} d)",
            lifetime.expiry_days, lifetime.keepalive_days
        ));
    for program in programs {
        let ago = |secs: u64| format!("{} ago", days(secs));
        let (activated, expires) = match program.state {
            State::Active | State::ExpiringSoon => (
                ago(program.age_secs.unwrap_or_default()),
                days(program.time_left_secs.unwrap_or_default()),
            ),
            State::Expired => (
                ago(program.age_secs.unwrap_or_default()),
                "EXPIRED".to_owned(),
            ),
            State::NotActivated => ("never".to_owned(), "NOT ACTIVATED".to_owned()),
            State::NeedsUpgrade => ("older Stylus".to_owned(), "NEEDS UPGRADE".to_owned()),
        };
        table.row([
            program.name.clone(),
            program.address.to_string(),
            program.version.map_or(String::new(), |v| v.to_string()),
            activated,
            expires,
        ]);
    }
    let mut out = table.render();
    out.push('\n');
    let paint = Paint::stdout();
    for program in programs.iter().filter(|p| p.needs_attention()) {
        let why = match program.state {
            State::ExpiringSoon => format!(
                "expires in {} (under {WARN_DAYS} d)",
                days(program.time_left_secs.unwrap_or_default())
            ),
            State::Expired => "expired: calls to it fail".to_owned(),
            State::NotActivated => "not activated: calls to it fail".to_owned(),
            State::NeedsUpgrade => "activated under an older Stylus version: calls fail".to_owned(),
            State::Active => continue,
        };
        out.push_str(&format!(
            "{} {} {why}; run `lrt activate {}`\n",
            paint.bad("warning:"),
            program.name,
            if programs.len() > 1 {
                "--all"
            } else {
                &program.name
            }
        ));
    }
    out
}
