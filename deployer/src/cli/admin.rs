//! `lrt admin transfer <address>` / `lrt admin accept`: the two-step handover of the admin
//! role on every contract of the deployment (hub, vaults, queues).

use alloy::primitives::Address;

use super::{
    args::{self, ChainArgs, Context, DryRunArg},
    print_tx,
};
use crate::{
    error::{Error, Result},
    ops::admin,
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Name a new admin on every contract (the current admin); it takes over when it accepts.
    Transfer {
        /// The new admin.
        #[arg(value_parser = args::address, required_unless_present = "cancel")]
        new_admin: Option<Address>,
        /// Cancel a pending transfer instead (names no one).
        #[arg(long, conflicts_with = "new_admin")]
        cancel: bool,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Accept the admin role wherever the sender is the pending admin.
    Accept {
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
}

pub async fn exec(command: Command) -> Result<()> {
    let (dry_run, chain, transfer_to) = match command {
        Command::Transfer {
            new_admin,
            cancel,
            dry_run,
            chain,
        } => (dry_run, chain, Some(new_admin_of(new_admin, cancel)?)),
        Command::Accept { dry_run, chain } => (dry_run, chain, None),
    };
    let ctx = Context::new(&chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&dry_run).await?;
    let changes = match transfer_to {
        Some(new_admin) if new_admin.is_zero() => {
            ctx.out
                .run(
                    "cancel the pending admin transfer",
                    admin::transfer(&p, new_admin),
                )
                .await?
        }
        Some(new_admin) => {
            ctx.out
                .run("transfer admin", admin::transfer(&p, new_admin))
                .await?
        }
        None => ctx.out.run("accept admin", admin::accept(&p)).await?,
    };
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&changes);
    }
    for c in &changes {
        println!(
            "{}: admin {} · pending {}",
            c.contract, c.admin, c.pending_admin
        );
        print_tx(&c.tx);
    }
    Ok(())
}

/// The zero address cancels a pending transfer on chain; that is only done when asked for
/// by name, so a mistyped or defaulted address cannot silently cancel one.
fn new_admin_of(new_admin: Option<Address>, cancel: bool) -> Result<Address> {
    match new_admin {
        Some(address) if address.is_zero() => Err(Error::input(
            "the new admin is the zero address, which cancels a pending transfer",
            "to cancel, run `lrt admin transfer --cancel`; otherwise name the new admin",
        )),
        Some(address) => Ok(address),
        None if cancel => Ok(Address::ZERO),
        None => Err(Error::input(
            "no new admin given",
            "name the new admin, or pass --cancel",
        )),
    }
}
