//! The user operations of the comparison, sent to either side with the same ABI (both are
//! ERC-20 + EIP-2612 + ERC-4626, both queues take `requestRedeem(shares, controller, owner)`
//! and `claim(id)`), each measured by its receipt's `gasUsed`.

use alloy::primitives::{Address, B256, U256, keccak256};
use anyhow::{Context, Result};
use deployer::{
    abi::{
        fixtures::IMockLst,
        lrt::{IVault, IWithdrawalQueue, events},
    },
    chain::Wallet,
    ops::deposit::permit_token,
};

use crate::setup::{DELAY_SECONDS, Side, tokens};

/// Operations in the order of the table; each phase measures all but the first deposit.
pub const FIRST_DEPOSIT: &str = "deposit (first in the vault)";
pub const OPERATIONS: [&str; 10] = [
    "deposit (existing holder)",
    "deposit (new holder)",
    "mint (existing holder)",
    "transfer (existing holder)",
    "transferFrom (existing holder)",
    "approve (change)",
    "permit (second)",
    "requestRedeem (second)",
    "claim",
    "claim (oldest open request)",
];

/// The accounts that act; the same devnet accounts on both sides (separate vaults).
pub struct Users {
    pub alice: Wallet,
    pub bob: Wallet,
    pub carol: Wallet,
}

/// One measured operation: its receipt's gas and its transaction, for the entry-cost split.
#[derive(Debug, Clone, Copy)]
pub struct Op {
    pub name: &'static str,
    pub gas: u64,
    pub hash: B256,
}

/// What one side measured, in [`OPERATIONS`] order.
pub type Measured = Vec<Op>;

/// Funds and approves the users, then makes the first deposit of the vault (measured).
pub async fn first_deposit(side: &Side, users: &Users) -> Result<Op> {
    for user in [&users.alice, &users.bob] {
        let token = IMockLst::new(side.token, user.provider());
        user.send(token.mint(user.address(), tokens(1_000_000)), "mint")
            .await?;
        user.send(token.approve(side.vault, U256::MAX), "approve the vault")
            .await?;
    }
    if side.queue_needs_approval {
        let vault = IVault::new(side.vault, users.alice.provider());
        users
            .alice
            .send(vault.approve(side.queue, U256::MAX), "approve the queue")
            .await?;
    }
    let alice = &users.alice;
    let vault = IVault::new(side.vault, alice.provider());
    let first = alice
        .send(vault.deposit(tokens(100), alice.address()), "first deposit")
        .await?;
    let bob = &users.bob;
    let vault_bob = IVault::new(side.vault, bob.provider());
    bob.send(vault_bob.deposit(tokens(100), bob.address()), "deposit")
        .await?;
    Ok(Op {
        name: FIRST_DEPOSIT,
        gas: first.gas_used,
        hash: first.hash,
    })
}

/// Runs each operation once on `side` (tag makes fresh addresses distinct between phases).
/// `oldest` is the side's oldest open request: the bulk phases' requests are each queue's
/// first, made in the same order on both sides, and each measurement claims the oldest one.
pub async fn measure(side: &Side, users: &Users, tag: u64, oldest: U256) -> Result<Measured> {
    let Users { alice, bob, carol } = users;
    let vault = |w: &Wallet| IVault::new(side.vault, w.provider().clone());
    let queue = |w: &Wallet| IWithdrawalQueue::new(side.queue, w.provider().clone());
    let me = alice.address();
    let mut sent_ops = Vec::new();

    // Our vault rewrites its vesting timestamp when the clock moved since the last deposit;
    // each is measured a second after the previous one, as on a live chain.
    alice.warp(1).await?;
    let sent = alice
        .send(vault(alice).deposit(tokens(1), me), "deposit")
        .await?;
    sent_ops.push(sent);
    alice.warp(1).await?;
    let newcomer = fresh_address(tag);
    let sent = alice
        .send(vault(alice).deposit(tokens(1), newcomer), "deposit")
        .await?;
    sent_ops.push(sent);
    alice.warp(1).await?;
    let sent = alice.send(vault(alice).mint(tokens(1), me), "mint").await?;
    sent_ops.push(sent);
    let sent = alice
        .send(vault(alice).transfer(bob.address(), tokens(1)), "transfer")
        .await?;
    sent_ops.push(sent);

    // A finite allowance, so transferFrom writes it like a one-off approval does.
    alice
        .send(vault(alice).approve(carol.address(), tokens(10)), "approve")
        .await?;
    let sent = carol
        .send(
            vault(carol).transferFrom(me, bob.address(), tokens(1)),
            "transferFrom",
        )
        .await?;
    sent_ops.push(sent);
    let sent = alice
        .send(vault(alice).approve(carol.address(), tokens(20)), "approve")
        .await?;
    sent_ops.push(sent);

    // The first permit of an owner writes its nonce from zero; measure a later one.
    permit_token(alice, side.vault, carol.address(), tokens(5), "permit").await?;
    let sent = permit_token(alice, side.vault, carol.address(), tokens(6), "permit").await?;
    sent_ops.push(sent);

    let first = alice
        .send(
            queue(alice).requestRedeem(tokens(1), me, me),
            "requestRedeem",
        )
        .await?;
    let second = alice
        .send(
            queue(alice).requestRedeem(tokens(1), me, me),
            "requestRedeem",
        )
        .await?;
    sent_ops.push(second);
    let id = first
        .event::<events::RedeemRequest>()
        .context("requestRedeem emitted no RedeemRequest")?
        .requestId;
    alice.warp(DELAY_SECONDS + 1).await?;
    let claim = bob.send(queue(bob).claim(id), "claim").await?;
    sent_ops.push(claim);
    // The claim above is of a request in the middle of the open ones (older requests wait);
    // claiming the oldest, the usual order, spares our queue relinking its neighbours. Its
    // controller is a bulk holder, the same address on both sides: it gets a token balance
    // first, or whichever side is measured first would pay for creating it (20,000 gas).
    let controller = oldest_controller(side, bob, oldest).await?;
    let token = IMockLst::new(side.token, bob.provider());
    bob.send(token.mint(controller, U256::from(1)), "mint")
        .await?;
    let claim = bob
        .send(queue(bob).claim(oldest), "claim the oldest request")
        .await?;
    sent_ops.push(claim);

    Ok(OPERATIONS
        .iter()
        .zip(sent_ops)
        .map(|(&name, sent)| Op {
            name,
            gas: sent.gas_used,
            hash: sent.hash,
        })
        .collect())
}

/// The controller of request `id` (the first word of either queue's request view).
async fn oldest_controller(side: &Side, wallet: &Wallet, id: U256) -> Result<Address> {
    let controller = if side.queue_needs_approval {
        IOzRequests::new(side.queue, wallet.provider())
            .requests(id)
            .call()
            .await?
            .controller
    } else {
        IWithdrawalQueue::new(side.queue, wallet.provider())
            .request(id)
            .call()
            .await?
            ._0
    };
    Ok(controller)
}

alloy::sol! {
    #[sol(rpc)]
    interface IOzRequests {
        function requests(uint256 id) external view returns (
            address controller, uint64 requestedAt, bool claimed, uint256 shares, uint256 assets
        );
    }
}

/// An address no one holds yet.
fn fresh_address(seed: u64) -> Address {
    Address::from_word(keccak256(
        [B256::with_last_byte(0xbe).as_slice(), &seed.to_be_bytes()].concat(),
    ))
}
