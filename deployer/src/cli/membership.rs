//! `lrt optin <avs>` / `lrt optout <avs>`: the sender (an operator) joins or leaves an AVS.

use alloy::primitives::Address;

use super::{args::Context, print_tx};
use crate::{error::Result, ops::operator};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The AVS's address.
    pub avs: Address,
}

pub async fn opt_in(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let sent = ctx
        .out
        .run("opt in", operator::opt_in(&p, args.avs))
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!(
        "{} asked to join AVS {}; the AVS must accept (`lrt avs accept {}`)",
        p.me(),
        args.avs,
        p.me()
    );
    print_tx(&sent);
    Ok(())
}

pub async fn opt_out(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let sent = ctx
        .out
        .run("opt out", operator::opt_out(&p, args.avs))
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    let delay = p.hub().deallocationDelay().call().await?;
    println!(
        "{} left AVS {}; it stays slashable by it for {}",
        p.me(),
        args.avs,
        crate::units::format_duration(delay)
    );
    print_tx(&sent);
    Ok(())
}
