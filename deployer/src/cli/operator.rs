//! `lrt operator register`: the sender becomes an operator.

use super::{args::Context, print_tx};
use crate::{error::Result, ops::operator};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Register the sender as an operator.
    Register {
        /// Where the operator describes itself.
        #[arg(long, default_value = "")]
        metadata: String,
    },
}

pub async fn exec(command: Command, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    match command {
        Command::Register { metadata } => {
            let sent = ctx
                .out
                .run("register operator", operator::register(&p, &metadata))
                .await?;
            if ctx.out.json {
                return ctx.out.json(&sent);
            }
            println!("{} is now an operator", p.me());
            print_tx(&sent);
        }
    }
    Ok(())
}
