//! The hub's operations: a curator's delegation, an operator's allocation, and a slash of an
//! operator that 1, 2, 3, 8 and 32 vaults delegate to (each vault holding deposits).

use alloy::primitives::U256;
use anyhow::Result;
use deployer::{
    abi::{fixtures::IMockLst, lrt::IVault},
    ops::{
        avs::{self, AvsSettings},
        curator, operator,
    },
    units::WAD,
};

use crate::setup::{Bench, tokens};

/// Devnet accounts of the operators and the vaults (`start..end` of the manifest's) that
/// delegate to each. The 1-, 2- and 3-vault operators share no vault, so what one more vault
/// costs reads off their slashes directly.
const OPERATORS: [(usize, usize, usize); 5] =
    [(5, 0, 1), (1, 1, 3), (9, 3, 6), (6, 0, 8), (7, 0, 32)];
const AVS: usize = 8;
/// Past the circuit breaker's 24 h window and its 4 h bucket: each measured slash is the first
/// the breaker counts, as a slash finds a vault on a live chain.
const PAST_WINDOW: u64 = 29 * 3_600;

pub struct HubGas {
    pub delegate: u64,
    pub allocate: u64,
    /// (vaults delegated to the slashed operator, gas of its first slash), each found with
    /// nothing owed and nothing in the breaker's window.
    pub slash: Vec<(usize, u64)>,
    /// The same, for a second slash right after the first.
    pub slash_again: Vec<(usize, u64)>,
}

pub async fn measure(bench: &Bench) -> Result<HubGas> {
    let admin = &bench.admin;
    let vaults = &admin.manifest.vaults;
    // Every vault needs assets for its slash to move any.
    let me = admin.me();
    let token = IMockLst::new(bench.ours.token, admin.wallet.provider());
    admin
        .wallet
        .send(token.mint(me, tokens(1_000 * vaults.len() as u64)), "mint")
        .await?;
    for v in &vaults[1..] {
        admin
            .wallet
            .send(token.approve(v.vault.address, U256::MAX), "approve")
            .await?;
        let vault = IVault::new(v.vault.address, admin.wallet.provider());
        admin
            .wallet
            .send(vault.deposit(tokens(1_000), me), "deposit")
            .await?;
    }

    let avs_actor = bench.protocol(AVS)?;
    let settings = AvsSettings {
        metadata_uri: "ipfs://avs".into(),
        slasher: None,
        burn_recipient: None,
        allowlist_only: false,
    };
    avs::register(&avs_actor, &settings).await?;
    // No AVS can slash a vault its curator did not approve.
    for v in vaults {
        curator::approve_avs(admin, v, avs_actor.me(), WAD, false).await?;
    }
    let tenth = WAD / U256::from(10);
    let half = WAD / U256::from(2);
    let mut delegate = 0;
    let mut allocate = 0;
    for (account, first, end) in OPERATORS {
        let op = bench.protocol(account)?;
        operator::register(&op, "ipfs://operator").await?;
        operator::opt_in(&op, avs_actor.me()).await?;
        avs::accept(&avs_actor, op.me()).await?;
        for v in &vaults[first..end] {
            let sent = curator::delegate(admin, v, op.me(), tenth).await?;
            delegate = sent.gas_used;
        }
        allocate = operator::allocate(&op, avs_actor.me(), half)
            .await?
            .gas_used;
    }

    // Allocations become slashable after the hub's allocation delay.
    admin.wallet.warp(86_400).await?;
    let mut slash = Vec::new();
    let mut slash_again = Vec::new();
    for (account, first, end) in OPERATORS {
        let op = bench.wallet(account)?.address();
        let slashed =
            avs::slash(&avs_actor, avs_actor.me(), op, WAD / U256::from(100), None).await?;
        assert_eq!(
            slashed.per_vault.len(),
            end - first,
            "every delegating vault is slashed"
        );
        // A second slash at once finds what the first wrote: the breaker's bucket, the
        // amounts owed and the route's rounding factor are no longer zero.
        let again = avs::slash(&avs_actor, avs_actor.me(), op, WAD / U256::from(100), None).await?;
        slash.push((end - first, slashed.tx.gas_used));
        slash_again.push((end - first, again.tx.gas_used));
        // The next slash finds every vault as this one did: nothing owed (paid out), nothing
        // in the breaker's window.
        let sink = admin.hub().slashSink().call().await?;
        for v in &vaults[first..end] {
            avs::pay_slashed(admin, v, sink).await?;
        }
        admin.wallet.warp(PAST_WINDOW).await?;
    }
    Ok(HubGas {
        delegate,
        allocate,
        slash,
        slash_again,
    })
}
