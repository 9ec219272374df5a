//! `lrt avs register|accept|eject|slash`: the sender acts as an AVS (or its slasher).

use alloy::primitives::Address;

use super::{
    args::{self, ChainArgs, Context},
    print_tx, slash,
};
use crate::{
    error::Result,
    ops::avs::{self, AvsSettings},
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Register the sender as an AVS (again: update its settings).
    Register {
        /// Where the AVS describes itself (a URI).
        #[arg(long, default_value = "")]
        metadata: String,
        /// Who may slash for this AVS (default: the sender).
        #[arg(long, value_parser = args::address)]
        slasher: Option<Address>,
        /// Where slashed assets go (default: the sender).
        #[arg(long, value_parser = args::address)]
        burn_recipient: Option<Address>,
        /// Only admit operators the AVS allow-lists.
        #[arg(long)]
        allowlist_only: bool,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Accept an operator that opted in.
    Accept {
        /// The operator's address.
        #[arg(value_parser = args::address)]
        operator: Address,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// End an operator's membership (it stays slashable for the deallocation delay).
    Eject {
        /// The operator's address.
        #[arg(value_parser = args::address)]
        operator: Address,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Slash an operator for an AVS (the sender must be the AVS's slasher).
    Slash(slash::Args),
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Register {
            metadata,
            slasher,
            burn_recipient,
            allowlist_only,
            chain,
        } => {
            let settings = AvsSettings {
                metadata_uri: metadata,
                slasher,
                burn_recipient,
                allowlist_only,
            };
            register(&settings, &chain).await
        }
        Command::Accept { operator, chain } => membership(operator, true, &chain).await,
        Command::Eject { operator, chain } => membership(operator, false, &chain).await,
        Command::Slash(args) => slash::exec(args).await,
    }
}

async fn register(settings: &AvsSettings, chain: &ChainArgs) -> Result<()> {
    let ctx = Context::new(chain);
    let p = ctx.protocol().await?;
    let sent = ctx
        .out
        .run("register AVS", avs::register(&p, settings))
        .await?;
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!("{} is now an AVS", p.me());
    print_tx(&sent);
    Ok(())
}

/// Accepts (`admit`) or ejects `operator`.
async fn membership(operator: Address, admit: bool, chain: &ChainArgs) -> Result<()> {
    let ctx = Context::new(chain);
    let p = ctx.protocol().await?;
    let sent = if admit {
        ctx.out
            .run("accept operator", avs::accept(&p, operator))
            .await?
    } else {
        ctx.out
            .run("eject operator", avs::eject(&p, operator))
            .await?
    };
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    let verb = if admit { "joined" } else { "was ejected from" };
    println!("{operator} {verb} AVS {}", p.me());
    print_tx(&sent);
    Ok(())
}
