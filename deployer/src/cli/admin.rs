//! `lrt admin transfer <address>` / `lrt admin accept`: the two-step handover of the admin
//! role on every contract of the deployment (hub, vaults, queues).

use alloy::primitives::Address;

use super::{args::Context, print_tx};
use crate::{error::Result, ops::admin};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Name a new admin on every contract (the current admin); it takes over when it accepts.
    Transfer {
        /// The new admin.
        new_admin: Address,
    },
    /// Accept the admin role wherever the sender is the pending admin.
    Accept,
}

pub async fn exec(command: Command, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let changes = match command {
        Command::Transfer { new_admin } => {
            ctx.out
                .run("transfer admin", admin::transfer(&p, new_admin))
                .await?
        }
        Command::Accept => ctx.out.run("accept admin", admin::accept(&p)).await?,
    };
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
