//! `lrt withdraw request|claim|list`: the timelocked exit through the withdrawal queue.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, Context, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::withdraw,
    output::Table,
    units::{format_amount, format_duration},
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Lock shares in the queue; claimable after the withdrawal delay.
    Request {
        /// Shares to redeem (default: all the sender holds).
        #[arg(value_parser = args::amount)]
        shares: Option<U256>,
        #[command(flatten)]
        vault: VaultArg,
        /// Who is paid on claim (default: the sender).
        #[arg(long)]
        controller: Option<Address>,
    },
    /// Pay out a request whose delay has passed (anyone may trigger it).
    Claim {
        request_id: U256,
        #[command(flatten)]
        vault: VaultArg,
    },
    /// Open requests of an account.
    List {
        /// Whose requests (default: the sender).
        #[arg(long)]
        controller: Option<Address>,
        #[command(flatten)]
        vault: VaultArg,
    },
}

pub async fn exec(command: Command, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let out = ctx.out;
    match command {
        Command::Request {
            shares,
            vault,
            controller,
        } => {
            let v = p.manifest.vault(vault.vault.as_deref())?.clone();
            let done = out
                .run(
                    "request redemption",
                    withdraw::request(&p, &v, shares, controller),
                )
                .await?;
            if out.json {
                return out.json(&done);
            }
            let delay = p.queue(&v).withdrawalDelay().call().await?;
            println!(
                "request #{} for {} {} — claimable in {} (`lrt withdraw claim {}`)",
                done.request_id,
                format_amount(done.shares, 6),
                v.symbol,
                format_duration(delay),
                done.request_id
            );
            print_tx(&done.tx);
        }
        Command::Claim { request_id, vault } => {
            let v = p.manifest.vault(vault.vault.as_deref())?.clone();
            let done = out
                .run(
                    format!("claim request #{request_id}"),
                    withdraw::claim(&p, &v, request_id),
                )
                .await?;
            if out.json {
                return out.json(&done);
            }
            println!(
                "request #{request_id} paid {} {}",
                format_amount(done.assets, 6),
                v.asset.symbol
            );
            print_tx(&done.tx);
        }
        Command::List { controller, vault } => {
            let v = p.manifest.vault(vault.vault.as_deref())?.clone();
            let requests = withdraw::list(&p, &v, controller).await?;
            if out.json {
                return out.json(&requests);
            }
            let now = p.wallet.timestamp().await?;
            let mut table =
                Table::new(["id", "shares", "assets at request", "claimable"]).titled(format!(
                    "open {} requests of {}",
                    v.symbol,
                    controller.unwrap_or(p.me())
                ));
            for r in &requests {
                let when = if r.claimable_now {
                    "now".to_owned()
                } else {
                    format!("in {}", format_duration(r.claimable_at.saturating_sub(now)))
                };
                table.row([
                    r.request_id.to_string(),
                    format_amount(r.shares, 6),
                    format_amount(r.assets_at_request, 6),
                    when,
                ]);
            }
            out.table(&table);
        }
    }
    Ok(())
}
