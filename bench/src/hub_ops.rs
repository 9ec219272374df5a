//! The hub's operations: a curator's delegation, an operator's allocation, and a slash of an
//! operator that 1, 8 and 32 vaults delegate to (each vault holding deposits).

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

/// Devnet accounts of the three operators (delegated by 1, 8 and 32 vaults) and the AVS.
const OPERATORS: [(usize, usize); 3] = [(5, 1), (6, 8), (7, 32)];
const AVS: usize = 8;

pub struct HubGas {
    pub delegate: u64,
    pub allocate: u64,
    /// (vaults delegated to the slashed operator, gas of the slash).
    pub slash: Vec<(usize, u64)>,
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
    for (account, delegated_by) in OPERATORS {
        let op = bench.protocol(account)?;
        operator::register(&op, "ipfs://operator").await?;
        operator::opt_in(&op, avs_actor.me()).await?;
        avs::accept(&avs_actor, op.me()).await?;
        for v in &vaults[..delegated_by] {
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
    for (account, delegated_by) in OPERATORS {
        let op = bench.wallet(account)?.address();
        let slashed =
            avs::slash(&avs_actor, avs_actor.me(), op, WAD / U256::from(100), None).await?;
        slash.push((delegated_by, slashed.tx.gas_used));
    }
    Ok(HubGas {
        delegate,
        allocate,
        slash,
    })
}
