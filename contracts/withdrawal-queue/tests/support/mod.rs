//! Shared scenario setup for the withdrawal-queue tests.
#![allow(dead_code)]

// One test host for both contracts' tests; it lives with the hub's.
#[path = "../../../hub/tests/support/chain.rs"]
pub mod chain;
pub mod fakes;

use std::{cell::RefCell, rc::Rc};

use alloy_sol_types::{SolError, SolEvent};
use stylus_sdk::alloy_primitives::{address, Address, B256, U256};
use withdrawal_queue::{errors::QueueError, WithdrawalQueue};

pub use chain::Chain;
pub use fakes::{FakeHub, FakeLrt, HubDelay, RAISE_NOTICE};

pub const ADMIN: Address = address!("00000000000000000000000000000000000000a1");
pub const PAUSER: Address = address!("00000000000000000000000000000000000000a2");
pub const ALICE: Address = address!("0000000000000000000000000000000000000a11");
pub const BOB: Address = address!("0000000000000000000000000000000000000b0b");
pub const CAROL: Address = address!("0000000000000000000000000000000000000ca7");
pub const KEEPER: Address = address!("00000000000000000000000000000000000000cc");
pub const VAULT: Address = address!("0000000000000000000000000000000000000051");
pub const HUB: Address = address!("0000000000000000000000000000000000000061");

pub const DAY: u64 = 24 * 3600;
pub const WEEK: u64 = 7 * DAY;
pub const START: u64 = 1_700_000_000;
pub const WAD: u64 = 1_000_000_000_000_000_000;

pub fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(WAD)
}

pub struct World {
    pub chain: Chain,
    pub queue: WithdrawalQueue,
    pub vault: Rc<RefCell<FakeLrt>>,
    pub hub: Rc<RefCell<FakeHub>>,
}

impl World {
    /// A queue (delay one week) over a vault at rate 1:1 where ALICE and BOB hold 100
    /// shares each, and a hub whose deallocation delay is one week.
    pub fn new() -> Self {
        Self::with_hub_delay(WEEK)
    }

    /// As [`Self::new`], the hub constructed with deallocation delay `hub_delay` (≤ a week).
    pub fn with_hub_delay(hub_delay: u64) -> Self {
        let chain = Chain::default();
        chain.set_time(START);
        let queue_address = stylus_sdk::stylus_core::AccountAccess::contract_address(&chain.vm);
        let vault = chain.deploy(VAULT, FakeLrt::new(queue_address));
        vault.borrow_mut().mint(ALICE, tokens(100));
        vault.borrow_mut().mint(BOB, tokens(100));
        let hub = chain.deploy(HUB, FakeHub::new(hub_delay));
        let mut queue = WithdrawalQueue::from(&chain);
        chain.set_sender(ADMIN);
        queue
            .constructor(VAULT, HUB, ADMIN, WEEK)
            .expect("constructor");
        chain.take_logs();
        Self {
            chain,
            queue,
            vault,
            hub,
        }
    }

    /// The hub's admin sets its deallocation delay now (the hub's rule, see [`HubDelay`]).
    pub fn hub_sets_delay(&self, delay: u64) {
        let now = self.chain.now();
        self.hub.borrow_mut().delay.set(now, delay);
    }

    /// How often the queue has read the hub's plan.
    pub fn hub_reads(&self) -> u32 {
        self.hub.borrow().reads
    }

    pub fn by(&self, sender: Address) {
        self.chain.set_sender(sender);
    }

    /// `owner` requests `shares` for itself; returns the id.
    pub fn request(&mut self, owner: Address, shares: U256) -> U256 {
        self.by(owner);
        self.chain
            .transact(|| self.queue.request_redeem(shares, owner, owner))
            .expect("request")
    }

    pub fn claim(&mut self, id: U256) -> Result<U256, QueueError> {
        self.by(KEEPER);
        self.chain.transact(|| self.queue.claim(id))
    }

    pub fn paid(&self, who: Address) -> U256 {
        self.vault
            .borrow()
            .paid
            .get(&who)
            .copied()
            .unwrap_or_default()
    }
}

#[track_caller]
pub fn assert_reverts<T, E: SolError>(result: Result<T, QueueError>, expected: E) {
    match result {
        Ok(_) => panic!("expected revert {}", E::SIGNATURE),
        Err(error) => assert_eq!(
            Vec::<u8>::from(error),
            expected.abi_encode(),
            "expected {}",
            E::SIGNATURE
        ),
    }
}

#[track_caller]
pub fn assert_logged<E: SolEvent>(logs: &[(Vec<B256>, Vec<u8>)], expected: E) {
    let topics: Vec<B256> = expected.encode_topics().into_iter().map(|t| t.0).collect();
    let data = expected.encode_data();
    assert!(
        logs.iter().any(|(t, d)| *t == topics && *d == data),
        "expected log {} not found",
        E::SIGNATURE
    );
}
