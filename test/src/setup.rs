//! The common preamble of the scenarios: an operator and an AVS (an EOA that is its own
//! slasher) joined, the vault delegated to the operator and the operator allocated to the AVS.

use alloy::primitives::U256;
use deployer::{
    manifest::VaultRecord,
    ops::{
        Protocol,
        avs::{self, AvsSettings},
        curator, operator,
    },
};

use crate::World;

/// Devnet accounts the scenarios give these roles.
pub const OPERATOR: usize = 5;
pub const AVS: usize = 8;

/// 100 %: the curator lets the AVS slash the whole vault (allocation still bounds it).
const ALL: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

pub struct Restaking {
    pub operator: Protocol,
    pub avs: Protocol,
}

pub async fn restake(
    world: &World,
    v: &VaultRecord,
    delegation: U256,
    allocation: U256,
) -> Restaking {
    let op = world.actor(OPERATOR);
    let avs_actor = world.actor(AVS);
    operator::register(&op, "ipfs://operator")
        .await
        .expect("operator registers");
    let settings = AvsSettings {
        metadata_uri: "ipfs://avs".into(),
        slasher: None,
        burn_recipient: None,
        allowlist_only: false,
    };
    avs::register(&avs_actor, &settings)
        .await
        .expect("AVS registers");
    operator::opt_in(&op, avs_actor.me())
        .await
        .expect("operator opts in");
    avs::accept(&avs_actor, op.me()).await.expect("AVS accepts");
    curator::delegate(&world.admin, v, op.me(), delegation)
        .await
        .expect("curator delegates");
    curator::approve_avs(&world.admin, v, avs_actor.me(), ALL, false)
        .await
        .expect("curator approves the AVS");
    operator::allocate(&op, avs_actor.me(), allocation)
        .await
        .expect("operator allocates");
    // The allocation becomes slashable after the hub's allocation delay (one day).
    world
        .admin
        .wallet
        .warp(86_400)
        .await
        .expect("warp past the allocation delay");
    Restaking {
        operator: op,
        avs: avs_actor,
    }
}
