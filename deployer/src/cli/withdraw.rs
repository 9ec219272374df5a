//! `lrt withdraw request|claim|list`: the timelocked exit through the withdrawal queue.
//! A request for more shares than the sender holds, and a claim that cannot be paid yet,
//! are refused before any transaction with the reason in numbers.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{
    error::{Error, Result},
    manifest::VaultRecord,
    ops::{Protocol, withdraw},
    output::Table,
    units::{Amount, format_tokens, format_until},
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Lock shares in the queue; claimable after the withdrawal delay.
    Request {
        /// Shares to redeem, in whole shares (default: all the sender holds).
        #[arg(value_parser = args::amount)]
        shares: Option<Amount>,
        #[command(flatten)]
        vault: VaultArg,
        /// Who is paid on claim (default: the sender).
        #[arg(long, value_parser = args::address)]
        controller: Option<Address>,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Pay out a request whose delay has passed (anyone may trigger it).
    Claim {
        /// The request's id, as `lrt withdraw request` printed it (`lrt withdraw list` shows them).
        #[arg(value_parser = args::request_id)]
        request_id: U256,
        #[command(flatten)]
        vault: VaultArg,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Open requests of an account.
    List {
        /// Whose requests (default: the sender).
        #[arg(long, value_parser = args::address)]
        controller: Option<Address>,
        #[command(flatten)]
        vault: VaultArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Request {
            shares,
            vault,
            controller,
            dry_run,
            chain,
        } => request(shares, vault, controller, &dry_run, &chain).await,
        Command::Claim {
            request_id,
            vault,
            dry_run,
            chain,
        } => claim(request_id, vault, &dry_run, &chain).await,
        Command::List {
            controller,
            vault,
            chain,
        } => list(controller, vault, &chain).await,
    }
}

async fn request(
    shares: Option<Amount>,
    vault: VaultArg,
    controller: Option<Address>,
    dry_run: &DryRunArg,
    chain: &ChainArgs,
) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let v = p.manifest.vault(vault.vault.as_deref())?.clone();
    let decimals = v.asset.decimals;
    let shares = shares
        .map(|s| s.to_units(decimals, &v.symbol))
        .transpose()?;
    if let Some(shares) = shares {
        let held = p.vault(&v).balanceOf(p.me()).call().await?;
        if shares > held {
            return Err(Error::input(
                format!(
                    "you hold {} {}; cannot redeem {}",
                    format_tokens(held, decimals, 6),
                    v.symbol,
                    format_tokens(shares, decimals, 6)
                ),
                "request at most what you hold (no amount: all of it)",
            ));
        }
    }
    let done = ctx
        .out
        .run(
            "request redemption",
            withdraw::request(&p, &v, shares, controller),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    let queue = p.queue(&v);
    let claimable_at = queue.request(done.request_id).call().await?._4;
    let now = p.wallet.timestamp().await?;
    println!(
        "request #{} for {} {} — claimable {} (`lrt withdraw claim {}`)",
        done.request_id,
        format_tokens(done.shares, decimals, 6),
        v.symbol,
        format_until(now, claimable_at),
        done.request_id
    );
    print_tx(&done.tx);
    Ok(())
}

async fn claim(
    request_id: U256,
    vault: VaultArg,
    dry_run: &DryRunArg,
    chain: &ChainArgs,
) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let v = p.manifest.vault(vault.vault.as_deref())?.clone();
    check_claimable(&p, &v, request_id).await?;
    let done = ctx
        .out
        .run(
            format!("claim request #{request_id}"),
            withdraw::claim(&p, &v, request_id),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "request #{request_id} paid {} {}",
        format_tokens(done.assets, v.asset.decimals, 6),
        v.asset.symbol
    );
    print_tx(&done.tx);
    Ok(())
}

/// Says why a claim cannot be paid (no such request, paid already, still locked) instead
/// of sending a transaction that reverts with a unix time in it.
async fn check_claimable(p: &Protocol, v: &VaultRecord, request_id: U256) -> Result<()> {
    let hint = "`lrt withdraw list` shows your requests and when each unlocks";
    let unknown = || {
        Error::input(
            format!("the {} queue has no request #{request_id}", v.symbol),
            hint,
        )
    };
    // (controller, shares, assetsAtRequest, requestedAt, claimableAt, claimed)
    let r = match p.queue(v).request(request_id).call().await {
        Ok(r) => r,
        Err(err) => {
            let err = Error::from(err);
            return match err.revert_name() {
                Some("RequestNotFound") => Err(unknown()),
                _ => Err(err),
            };
        }
    };
    if r._0.is_zero() {
        return Err(unknown());
    }
    if r._5 {
        return Err(Error::input(
            format!("request #{request_id} of {} was already paid", v.symbol),
            "each request is paid once",
        ));
    }
    let now = p.wallet.timestamp().await?;
    if now < r._4 {
        return Err(Error::input(
            format!(
                "request #{request_id} of {} unlocks {}",
                v.symbol,
                format_until(now, r._4)
            ),
            hint,
        ));
    }
    Ok(())
}

async fn list(controller: Option<Address>, vault: VaultArg, chain: &ChainArgs) -> Result<()> {
    let ctx = Context::new(chain);
    let p = ctx.protocol().await?;
    let v = p.manifest.vault(vault.vault.as_deref())?.clone();
    let requests = withdraw::list(&p, &v, controller).await?;
    if ctx.out.json {
        return ctx.out.json(&requests);
    }
    let now = p.wallet.timestamp().await?;
    let decimals = v.asset.decimals;
    let mut table = Table::new(["id", "shares", "assets at request", "claimable"]).titled(format!(
        "open {} requests of {}",
        v.symbol,
        controller.unwrap_or(p.me())
    ));
    for r in &requests {
        let when = if r.claimable_now {
            "now".to_owned()
        } else {
            format_until(now, r.claimable_at)
        };
        table.row([
            r.request_id.to_string(),
            format_tokens(r.shares, decimals, 6),
            format_tokens(r.assets_at_request, decimals, 6),
            when,
        ]);
    }
    ctx.out.table(&table);
    Ok(())
}
