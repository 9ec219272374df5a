//! `lrt avs register|accept|eject`: the sender acts as an AVS.

use alloy::primitives::Address;

use super::{args::Context, print_tx};
use crate::{
    error::Result,
    ops::avs::{self, AvsSettings},
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Register the sender as an AVS (again: update its settings).
    Register {
        #[arg(long, default_value = "")]
        metadata: String,
        /// Who may slash for this AVS (default: the sender).
        #[arg(long)]
        slasher: Option<Address>,
        /// Where slashed assets go (default: the sender).
        #[arg(long)]
        burn_recipient: Option<Address>,
        /// Only admit operators the AVS allow-lists.
        #[arg(long)]
        allowlist_only: bool,
    },
    /// Accept an operator that opted in.
    Accept { operator: Address },
    /// End an operator's membership (it stays slashable for the deallocation delay).
    Eject { operator: Address },
}

pub async fn exec(command: Command, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let out = ctx.out;
    let (sent, message) = match command {
        Command::Register {
            metadata,
            slasher,
            burn_recipient,
            allowlist_only,
        } => {
            let settings = AvsSettings {
                metadata_uri: metadata,
                slasher,
                burn_recipient,
                allowlist_only,
            };
            (
                out.run("register AVS", avs::register(&p, &settings))
                    .await?,
                format!("{} is now an AVS", p.me()),
            )
        }
        Command::Accept { operator } => (
            out.run("accept operator", avs::accept(&p, operator))
                .await?,
            format!("{operator} joined AVS {}", p.me()),
        ),
        Command::Eject { operator } => (
            out.run("eject operator", avs::eject(&p, operator)).await?,
            format!("{operator} ejected from AVS {}", p.me()),
        ),
    };
    if out.json {
        return out.json(&sent);
    }
    println!("{message}");
    print_tx(&sent);
    Ok(())
}
