//! `lrt avs register|accept|eject|slash|claim`: the sender acts as an AVS (or its slasher);
//! `claim` pays out what slashes booked, for anyone.

use alloy::primitives::Address;

use super::{
    args::{self, ChainArgs, Context, DryRunArg},
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
        /// Receives slashed assets from vaults whose curator approved redistribution to this
        /// AVS (default: the sender); other vaults' go to the hub's sink.
        #[arg(long, alias = "burn-recipient", value_parser = args::address)]
        recipient: Option<Address>,
        /// Only admit operators the AVS allow-lists.
        #[arg(long)]
        allowlist_only: bool,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Accept an operator that opted in.
    Accept {
        /// The operator's address.
        #[arg(value_parser = args::address)]
        operator: Address,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// End an operator's membership (it stays slashable for the deallocation delay).
    Eject {
        /// The operator's address.
        #[arg(value_parser = args::address)]
        operator: Address,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
    /// Slash an operator for an AVS (the sender must be the AVS's slasher).
    Slash(slash::Args),
    /// Pay out what a vault's slashes booked for a recipient (anyone may trigger it).
    Claim {
        /// Who is paid (default: the sender); the hub's sink or an AVS's recipient.
        #[arg(long, value_parser = args::address)]
        recipient: Option<Address>,
        #[command(flatten)]
        vault: args::VaultArg,
        #[command(flatten)]
        dry_run: DryRunArg,
        #[command(flatten)]
        chain: ChainArgs,
    },
}

pub async fn exec(command: Command) -> Result<()> {
    match command {
        Command::Register {
            metadata,
            slasher,
            recipient,
            allowlist_only,
            dry_run,
            chain,
        } => {
            let settings = AvsSettings {
                metadata_uri: metadata,
                slasher,
                burn_recipient: recipient,
                allowlist_only,
            };
            register(&settings, &dry_run, &chain).await
        }
        Command::Accept {
            operator,
            dry_run,
            chain,
        } => membership(operator, true, &dry_run, &chain).await,
        Command::Eject {
            operator,
            dry_run,
            chain,
        } => membership(operator, false, &dry_run, &chain).await,
        Command::Slash(args) => slash::exec(args).await,
        Command::Claim {
            recipient,
            vault,
            dry_run,
            chain,
        } => claim(recipient, vault, &dry_run, &chain).await,
    }
}

async fn claim(
    recipient: Option<Address>,
    vault: args::VaultArg,
    dry_run: &DryRunArg,
    chain: &ChainArgs,
) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let v = p.manifest.vault(vault.vault.as_deref())?.clone();
    let recipient = recipient.unwrap_or(p.me());
    let (paid, sent) = ctx
        .out
        .run("pay slashed", avs::pay_slashed(&p, &v, recipient))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&serde_json::json!({
            "recipient": recipient,
            "paid": paid.to_string(),
            "tx": sent,
        }));
    }
    println!(
        "{} paid {} {} of slashed assets to {recipient}",
        v.symbol,
        crate::units::format_tokens(paid, v.asset.decimals, 6),
        v.asset.symbol
    );
    print_tx(&sent);
    Ok(())
}

async fn register(settings: &AvsSettings, dry_run: &DryRunArg, chain: &ChainArgs) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let sent = ctx
        .out
        .run("register AVS", avs::register(&p, settings))
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    println!("{} is now an AVS", p.me());
    print_tx(&sent);
    Ok(())
}

/// Accepts (`admit`) or ejects `operator`.
async fn membership(
    operator: Address,
    admit: bool,
    dry_run: &DryRunArg,
    chain: &ChainArgs,
) -> Result<()> {
    let ctx = Context::new(chain);
    let (p, recorder) = ctx.protocol_or_dry_run(dry_run).await?;
    let sent = if admit {
        ctx.out
            .run("accept operator", avs::accept(&p, operator))
            .await?
    } else {
        ctx.out
            .run("eject operator", avs::eject(&p, operator))
            .await?
    };
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&sent);
    }
    let verb = if admit { "joined" } else { "was ejected from" };
    println!("{operator} {verb} AVS {}", p.me());
    print_tx(&sent);
    Ok(())
}
