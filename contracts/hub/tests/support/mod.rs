//! Shared scenario setup for the hub tests.
#![allow(dead_code)]

pub mod chain;
pub mod vault;

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use alloy_sol_types::{SolError, SolEvent};
use hub::{errors::HubError, Hub};
use stylus_sdk::alloy_primitives::{address, Address, B256, U256};

pub use chain::Chain;
pub use vault::FakeVault;

pub const ADMIN: Address = address!("00000000000000000000000000000000000000a1");
pub const PAUSER: Address = address!("00000000000000000000000000000000000000a2");
pub const CURATOR: Address = address!("00000000000000000000000000000000000000c1");
pub const OPERATOR: Address = address!("0000000000000000000000000000000000000011");
pub const OPERATOR_2: Address = address!("0000000000000000000000000000000000000012");
pub const AVS: Address = address!("0000000000000000000000000000000000000021");
pub const AVS_2: Address = address!("0000000000000000000000000000000000000022");
pub const SLASHER: Address = address!("0000000000000000000000000000000000000031");
pub const SLASHER_2: Address = address!("0000000000000000000000000000000000000032");
pub const BURN: Address = address!("0000000000000000000000000000000000000041");
/// The hub's default slash sink.
pub const SINK: Address = address!("000000000000000000000000000000000000dEaD");
pub const VAULT_A: Address = address!("0000000000000000000000000000000000000051");
pub const VAULT_B: Address = address!("0000000000000000000000000000000000000052");
pub const STRANGER: Address = address!("00000000000000000000000000000000000000ee");

pub const HOUR: u64 = 3600;
pub const DAY: u64 = 24 * HOUR;
pub const WEEK: u64 = 7 * DAY;
pub const START: u64 = 1_700_000_000;

pub const WAD: u64 = 1_000_000_000_000_000_000;

/// `percent` % as a WAD fraction.
pub fn pct(percent: u64) -> U256 {
    U256::from(percent) * U256::from(WAD / 100)
}

/// `n` whole tokens of 18 decimals.
pub fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(WAD)
}

pub fn id(n: u8) -> B256 {
    B256::repeat_byte(n)
}

pub struct World {
    pub chain: Chain,
    pub hub: Hub,
    pub vaults: HashMap<Address, Rc<RefCell<FakeVault>>>,
}

impl World {
    /// A hub (admin ADMIN, delay one week) with vaults A and B (curator CURATOR, 1000 tokens
    /// each) registered, OPERATOR and OPERATOR_2 registered, AVS (slasher SLASHER) and AVS_2
    /// (slasher SLASHER_2) registered, both burning to BURN.
    pub fn new() -> Self {
        Self::starting_at(START)
    }

    fn starting_at(time: u64) -> Self {
        let chain = Chain::default();
        chain.set_time(time);
        let mut hub = Hub::from(&chain);
        chain.set_sender(ADMIN);
        hub.constructor(ADMIN, WEEK).ok().expect("constructor");
        let hub_address = stylus_sdk::stylus_core::AccountAccess::contract_address(&chain.vm);
        let mut vaults = HashMap::new();
        for vault in [VAULT_A, VAULT_B] {
            vaults.insert(
                vault,
                chain.deploy(vault, FakeVault::new(hub_address, CURATOR, tokens(1000))),
            );
            hub.register_vault(vault).ok().expect("register vault");
        }
        let mut world = Self { chain, hub, vaults };
        for operator in [OPERATOR, OPERATOR_2] {
            world.by(operator);
            world
                .hub
                .register_operator("ipfs://operator".into())
                .ok()
                .expect("operator");
        }
        for (avs, slasher) in [(AVS, SLASHER), (AVS_2, SLASHER_2)] {
            world.by(avs);
            world
                .hub
                .register_avs("ipfs://avs".into(), slasher, BURN, false)
                .ok()
                .expect("avs");
        }
        world.chain.take_logs();
        world
    }

    /// [`World::new`] where allocations apply at once and the curator approved AVS and AVS_2
    /// for both vaults without limit, burning to the sink: the scenarios that test stake
    /// and slashing mechanics rather than consent or the allocation delay.
    pub fn open() -> Self {
        let mut world = Self::starting_at(START - DAY);
        world.by(ADMIN);
        world.hub.set_allocation_delay(0).ok().expect("delay");
        // A shorter delay applies once the old one has run out: at START.
        world.chain.advance(DAY);
        for vault in [VAULT_A, VAULT_B] {
            for avs in [AVS, AVS_2] {
                world.approve(vault, avs, pct(100), false);
            }
        }
        world.chain.take_logs();
        world
    }

    pub fn approve(&mut self, vault: Address, avs: Address, max: U256, redistribute: bool) {
        self.by(CURATOR);
        self.hub
            .set_avs_approval(vault, avs, max, redistribute)
            .ok()
            .expect("approve");
    }

    /// [`World::open`] plus OPERATOR active in AVS, vault A delegating 50 % to OPERATOR and
    /// OPERATOR allocating 40 % to AVS: 1000 × 50 % × 40 % = 200 tokens slashable by AVS.
    pub fn with_stake() -> Self {
        let mut world = Self::open();
        world.join(OPERATOR, AVS);
        world.delegate(VAULT_A, OPERATOR, pct(50));
        world.allocate(OPERATOR, AVS, pct(40));
        world.chain.take_logs();
        world
    }

    pub fn by(&self, sender: Address) {
        self.chain.set_sender(sender);
    }

    pub fn join(&mut self, operator: Address, avs: Address) {
        self.by(operator);
        self.hub.opt_in(avs).ok().expect("opt in");
        self.by(avs);
        self.hub.accept_operator(operator).ok().expect("accept");
    }

    pub fn delegate(&mut self, vault: Address, operator: Address, fraction: U256) {
        self.by(CURATOR);
        self.hub
            .delegate(vault, operator, fraction)
            .ok()
            .expect("delegate");
    }

    pub fn allocate(&mut self, operator: Address, avs: Address, fraction: U256) {
        self.by(operator);
        self.hub.allocate(avs, fraction).ok().expect("allocate");
    }

    pub fn slash(
        &mut self,
        avs: Address,
        slasher: Address,
        operator: Address,
        fraction: U256,
        slash_id: B256,
    ) -> Result<U256, HubError> {
        self.by(slasher);
        self.hub.slash(avs, operator, fraction, slash_id)
    }

    pub fn assets(&self, vault: Address) -> U256 {
        self.vaults[&vault].borrow().total_assets
    }
}

/// The call reverted with exactly `expected` (compared with alloy's own encoding).
#[track_caller]
pub fn assert_reverts<T, E: SolError>(result: Result<T, HubError>, expected: E) {
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

/// `expected` was logged (topics and data identical to alloy's encoding).
#[track_caller]
pub fn assert_logged<E: SolEvent>(logs: &[(Vec<B256>, Vec<u8>)], expected: E) {
    let topics: Vec<B256> = expected.encode_topics().into_iter().map(|t| t.0).collect();
    let data = expected.encode_data();
    assert!(
        logs.iter().any(|(t, d)| *t == topics && *d == data),
        "expected log {} not found among {} logs",
        E::SIGNATURE,
        logs.len()
    );
}

#[track_caller]
pub fn assert_not_logged<E: SolEvent>(logs: &[(Vec<B256>, Vec<u8>)]) {
    assert!(
        logs.iter()
            .all(|(t, _)| t.first() != Some(&E::SIGNATURE_HASH)),
        "unexpected log {}",
        E::SIGNATURE
    );
}
