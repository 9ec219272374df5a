//! `lrt deposit <amount>`: deposit the vault's asset, with a slippage floor.

use alloy::primitives::{Address, U256};

use super::{
    args::{self, Context, VaultArg},
    print_tx,
};
use crate::{
    error::Result,
    ops::deposit::{self, Approval, DepositOptions},
    units::format_amount,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Assets to deposit, in whole tokens (e.g. 10 or 0.5).
    #[arg(value_parser = args::amount)]
    pub amount: U256,
    #[command(flatten)]
    pub vault: VaultArg,
    /// Who receives the shares (default: the sender).
    #[arg(long)]
    pub receiver: Option<Address>,
    /// Revert if fewer shares than this would be minted (default: the preview less 0.5%).
    #[arg(long, value_parser = args::amount)]
    pub min_shares: Option<U256>,
    /// How the vault gets the allowance.
    #[arg(long, value_enum, default_value_t = Approval::Approve)]
    pub approval: Approval,
}

pub async fn exec(args: Args, ctx: &Context) -> Result<()> {
    let p = ctx.protocol()?;
    let v = p.manifest.vault(args.vault.vault.as_deref())?.clone();
    let opts = DepositOptions {
        receiver: args.receiver,
        min_shares: args.min_shares,
        approval: args.approval,
    };
    let done = ctx
        .out
        .run(
            format!("deposit into {}", v.symbol),
            deposit::deposit(&p, &v, args.amount, opts),
        )
        .await?;
    if ctx.out.json {
        return ctx.out.json(&done);
    }
    println!(
        "deposited {} {} → {} {} to {} (min {})",
        format_amount(done.assets, 6),
        v.asset.symbol,
        format_amount(done.shares, 6),
        v.symbol,
        done.receiver,
        format_amount(done.min_shares, 6)
    );
    print_tx(&done.tx);
    Ok(())
}
