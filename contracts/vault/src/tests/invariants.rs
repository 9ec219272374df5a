//! Random sequences of user actions against a plain-arithmetic model of the vault, checking
//! DESIGN.md invariants 1-3 after every step.

use alloy_primitives::Uint;
use proptest::prelude::*;

use super::*;
use crate::{accounting::VIRTUAL_OFFSET, testing::VAULT, DEFAULT_VESTING_PERIOD};

type U512 = Uint<512, 8>;

const ACTORS: [Address; 3] = [ALICE, BOB, TREASURY];
const STEPS: usize = 250;
const CASES: u32 = 24;

#[derive(Clone, Debug)]
enum Step {
    Deposit(usize, u64),
    Mint(usize, u64),
    Transfer(usize, usize, u64),
    Reward(u64),
    Slash(u64),
    PaySlashed,
    Warp(u64),
}

fn step() -> impl Strategy<Value = Step> {
    // Amounts span dust to 1e6 ETH so rounding edges and large values both show up.
    let amount = prop_oneof![1u64..1_000, 1u64..u64::MAX];
    prop_oneof![
        4 => (0..3usize, amount.clone()).prop_map(|(a, x)| Step::Deposit(a, x)),
        2 => (0..3usize, amount.clone()).prop_map(|(a, x)| Step::Mint(a, x)),
        2 => (0..3usize, 0..3usize, amount.clone()).prop_map(|(a, b, x)| Step::Transfer(a, b, x)),
        2 => amount.clone().prop_map(Step::Reward),
        1 => amount.prop_map(Step::Slash),
        1 => Just(Step::PaySlashed),
        2 => (0..2 * DEFAULT_VESTING_PERIOD).prop_map(Step::Warp),
    ]
}

/// What the vault should hold, computed the obvious way.
#[derive(Default)]
struct Model {
    settled: U256,
    /// Slashed losses booked, and what of them was paid out.
    booked: U256,
    paid: U256,
    unvested: U256,
    last: u64,
    end: u64,
}

impl Model {
    fn vested(&self, now: u64) -> U256 {
        if self.unvested.is_zero() || now >= self.end {
            return self.unvested;
        }
        let num = U512::from(self.unvested) * U512::from(now - self.last);
        U256::from(num / U512::from(self.end - self.last))
    }

    fn accrue(&mut self, now: u64) -> U256 {
        let v = self.vested(now);
        self.settled += v;
        self.unvested -= v;
        self.last = now;
        v
    }
}

fn scaled(x: u64) -> U256 {
    U256::from(x) * U256::from(1_000_000u64)
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut w = given_vault();
    let mut model = Model {
        last: w.chain.vm.block_timestamp(),
        ..Model::default()
    };
    for step in steps {
        let now = w.chain.vm.block_timestamp();
        let (a0, s0) = (w.vault.total_assets().unwrap(), w.vault.total_supply());
        let mut inflow = U256::ZERO;
        let mut slashed = false;
        match step {
            Step::Deposit(who, x) => {
                let assets = scaled(x);
                w.fund(ACTORS[who], assets);
                if w.by(ACTORS[who]).deposit(assets, ACTORS[who]).is_ok() {
                    inflow = assets;
                }
            }
            Step::Mint(who, x) => {
                let shares = scaled(x);
                w.fund(ACTORS[who], e18(10) * scaled(x));
                if let Ok(assets) = w.by(ACTORS[who]).mint(shares, ACTORS[who]) {
                    inflow = assets;
                }
            }
            Step::Transfer(from, to, x) => {
                let amount = w.vault.balance_of(ACTORS[from]).min(scaled(x));
                let _ = w.by(ACTORS[from]).transfer(ACTORS[to], amount);
            }
            Step::Reward(x) => {
                let amount = scaled(x);
                w.fund(BOB, amount);
                if w.by(BOB).notify_rewards(amount).is_ok() {
                    let fee = w.last::<crate::events::RewardsNotified>().fee;
                    inflow = fee;
                    model.accrue(now);
                    model.settled += fee;
                    model.unvested += amount - fee;
                    model.end = now + DEFAULT_VESTING_PERIOD;
                }
            }
            Step::Slash(x) => {
                if let Ok(booked) = w.by(HUB).slash(scaled(x), BURN) {
                    model.accrue(now);
                    model.settled -= booked;
                    model.booked += booked;
                    slashed = true;
                }
            }
            Step::PaySlashed => {
                if let Ok(paid) = w.by(ALICE).pay_slashed(BURN) {
                    model.paid += paid;
                }
            }
            Step::Warp(secs) => w.chain.warp(secs),
        }
        if inflow > U256::ZERO && !matches!(step, Step::Reward(_)) {
            model.accrue(now);
            model.settled += inflow;
        }
        check(&w, &model, a0, s0, inflow, slashed)?;
    }
    Ok(())
}

fn check(
    w: &World,
    model: &Model,
    a0: U256,
    s0: U256,
    inflow: U256,
    slashed: bool,
) -> Result<(), TestCaseError> {
    let now = w.chain.vm.block_timestamp();
    let (a1, s1) = (w.vault.total_assets().unwrap(), w.vault.total_supply());
    let unvested = w.vault.unvested_rewards().unwrap();
    prop_assert_eq!(
        a1,
        model.settled + model.vested(now),
        "totalAssets follows the model"
    );
    prop_assert_eq!(unvested, model.unvested - model.vested(now));

    // 1. Σ balances = totalSupply.
    let holders = [ALICE, BOB, TREASURY, QUEUE, BURN, HUB].map(|a| w.vault.balance_of(a));
    prop_assert_eq!(holders.iter().fold(U256::ZERO, |x, y| x + y), s1);

    // 2. Underlying held ≥ totalAssets + unvested rewards + slashed assets still owed.
    let owed = w.vault.total_slash_owed();
    prop_assert!(w.chain.asset_balance(VAULT) >= a1 + unvested + owed);
    // 5. Σ paid + Σ owed to recipients = Σ booked losses.
    prop_assert_eq!(model.paid + owed, model.booked);
    prop_assert_eq!(w.chain.asset_balance(BURN), model.paid);

    // 3. Rate (virtual assets per virtual share) never falls except by a slash, and rises by
    //    at most the rewards vested in this step plus one unit of rounding.
    let (va0, vs0) = (
        U512::from(a0 + VIRTUAL_OFFSET),
        U512::from(s0 + VIRTUAL_OFFSET),
    );
    let (va1, vs1) = (
        U512::from(a1 + VIRTUAL_OFFSET),
        U512::from(s1 + VIRTUAL_OFFSET),
    );
    if !slashed {
        prop_assert!(va1 * vs0 >= va0 * vs1, "rate fell without a slash");
        let vested = U512::from(a1 - a0 - inflow);
        let bound = (va0 + vested) * vs1 + va0 + vested + vs0;
        prop_assert!(va1 * vs0 <= bound, "rate rose faster than vesting");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// CASES x STEPS = 6,000 steps per run.
    #[test]
    fn random_sequences_keep_invariants_1_to_3(steps in prop::collection::vec(step(), STEPS)) {
        run(steps)?;
    }
}
