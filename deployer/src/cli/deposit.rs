//! `lrt deposit <amount>`: deposit the vault's asset, with a slippage floor; refused before
//! any transaction when the sender holds less than the amount.

use alloy::primitives::Address;

use super::{
    args::{self, ChainArgs, Context, DryRunArg, VaultArg},
    print_tx,
};
use crate::{
    error::{Error, Result},
    manifest::VaultRecord,
    ops::{
        Protocol,
        deposit::{self, Approval, DepositOptions},
    },
    units::{Amount, format_tokens},
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Assets to deposit, in whole tokens (e.g. 10 or 0.5) or base units (5wei).
    #[arg(value_parser = args::amount)]
    pub amount: Amount,
    #[command(flatten)]
    pub vault: VaultArg,
    /// Who receives the shares (default: the sender).
    #[arg(long, value_parser = args::address)]
    pub receiver: Option<Address>,
    /// Revert if fewer shares than this would be minted, in whole shares (default: the
    /// preview less 0.5%).
    #[arg(long, value_parser = args::amount)]
    pub min_shares: Option<Amount>,
    /// How the vault gets the allowance.
    #[arg(long, value_enum, default_value_t = Approval::Approve)]
    pub approval: Approval,
    #[command(flatten)]
    pub dry_run: DryRunArg,
    #[command(flatten)]
    pub chain: ChainArgs,
}

pub async fn exec(args: Args) -> Result<()> {
    let ctx = Context::new(&args.chain);
    let (p, recorder) = ctx.protocol_or_dry_run(&args.dry_run).await?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let (decimals, asset) = (v.asset.decimals, v.asset.symbol.as_str());
    let assets = args.amount.to_units(decimals, asset)?;
    let min_shares = args
        .min_shares
        .map(|m| m.to_units(decimals, &v.symbol))
        .transpose()?;
    check_balance(&p, &v, assets).await?;
    let opts = DepositOptions {
        receiver: args.receiver,
        min_shares,
        approval: args.approval,
    };
    let done = ctx
        .out
        .run(
            format!("deposit into {}", v.symbol),
            deposit::deposit(&p, &v, assets, opts),
        )
        .await?;
    if let Some(recorder) = recorder {
        return ctx.print_plan(&recorder).await;
    }
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "deposited {} {asset} → {} {} to {} (min {})",
        format_tokens(done.assets, decimals, 6),
        format_tokens(done.shares, decimals, 6),
        v.symbol,
        done.receiver,
        format_tokens(done.min_shares, decimals, 6)
    );
    print_tx(&done.tx);
    Ok(())
}

/// The vault would only say its transfer from the sender failed; this says why.
async fn check_balance(
    p: &Protocol,
    v: &VaultRecord,
    assets: alloy::primitives::U256,
) -> Result<()> {
    let held = p.asset(v).balanceOf(p.me()).call().await?;
    if held >= assets {
        return Ok(());
    }
    let show = |x| format_tokens(x, v.asset.decimals, 6);
    let get_more = if v.asset.mock.is_some() {
        format!(
            "mint more with `lrt mint`, or deposit at most {}",
            show(held)
        )
    } else {
        format!("deposit at most {}", show(held))
    };
    Err(Error::input(
        format!(
            "you hold {} {}; cannot deposit {}",
            show(held),
            v.asset.symbol,
            show(assets)
        ),
        get_more,
    ))
}
