//! Random sequences of user actions against a plain-arithmetic model of the vault, checking
//! DESIGN.md invariants 1-3 and 7 after every step.

use alloy_primitives::Uint;
use proptest::prelude::*;

use super::*;
use crate::{accounting::VIRTUAL_OFFSET, testing::VAULT, DEFAULT_VESTING_PERIOD};
use lrt_common::limits::{MAX_FEE_WAD, WAD};

type U512 = Uint<512, 8>;

const CAROL: Address = address!("0000000000000000000000000000000000000ca7");
/// The treasury is no depositor here, so everything it holds came from fees.
const ACTORS: [Address; 3] = [ALICE, BOB, CAROL];
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
    /// The queue locks an actor's shares, then redeems locked shares at their value now.
    Lock(usize, u64),
    Redeem(u64),
    Warp(u64),
    /// Protocol fee, as a fraction of the hard maximum in thousandths.
    Fee(u64),
    VestingPeriod(u64),
}

fn step() -> impl Strategy<Value = Step> {
    // Amounts span dust to 1e6 ETH so rounding edges and large values both show up.
    let amount = prop_oneof![1u64..1_000, 1u64..u64::MAX];
    prop_oneof![
        4 => (0..3usize, amount.clone()).prop_map(|(a, x)| Step::Deposit(a, x)),
        2 => (0..3usize, amount.clone()).prop_map(|(a, x)| Step::Mint(a, x)),
        2 => (0..3usize, 0..3usize, amount.clone()).prop_map(|(a, b, x)| Step::Transfer(a, b, x)),
        2 => amount.clone().prop_map(Step::Reward),
        1 => amount.clone().prop_map(Step::Slash),
        1 => Just(Step::PaySlashed),
        2 => (0..3usize, amount.clone()).prop_map(|(a, x)| Step::Lock(a, x)),
        1 => amount.prop_map(Step::Redeem),
        3 => prop_oneof![0..2 * DEFAULT_VESTING_PERIOD, 0..600u64].prop_map(Step::Warp),
        1 => (0..=1_000u64).prop_map(Step::Fee),
        1 => (1..2 * DEFAULT_VESTING_PERIOD).prop_map(Step::VestingPeriod),
    ]
}

/// What the vault should hold, computed the obvious way.
#[derive(Default)]
struct Model {
    settled: U256,
    /// Slashed losses booked, and what of them was paid out.
    booked: U256,
    paid: U256,
    /// Assets the queue's redemptions paid (to `BURN`, which nothing else pays but slashes).
    redeemed: U256,
    unvested: U256,
    last: u64,
    end: u64,
    period: u64,
    /// Every push: (its deadline = push time + vesting period then, what it added to vesting).
    pushes: Vec<(u64, U256)>,
    /// Σ amount × fee over every push: the most the treasury may have received.
    fee_cap: U256,
}

impl Model {
    /// Linear between `last` and `end`, rounded up (the vault's rule).
    fn vested(&self, now: u64) -> U256 {
        if self.unvested.is_zero() || now >= self.end {
            return self.unvested;
        }
        let num = U512::from(self.unvested) * U512::from(now - self.last);
        let den = U512::from(self.end - self.last);
        U256::from(num.div_ceil(den))
    }

    fn accrue(&mut self, now: u64) {
        let v = self.vested(now);
        self.settled += v;
        self.unvested -= v;
        self.last = now;
    }

    /// The pool ends a period after the push unless the old rate would finish it sooner.
    fn push(&mut self, now: u64, net: U256) {
        self.accrue(now);
        let mut end = now + self.period;
        if !self.unvested.is_zero() {
            let at_old_rate = U512::from(self.unvested + net) * U512::from(self.end - now)
                / U512::from(self.unvested);
            if at_old_rate < U512::from(self.period) {
                end = now + u64::try_from(at_old_rate).unwrap();
            }
        }
        self.unvested += net;
        self.end = end;
        self.pushes.push((now + self.period, net));
    }

    /// What may still vest at `now`: the rewards whose deadline lies ahead.
    fn not_yet_due(&self, now: u64) -> U256 {
        self.pushes
            .iter()
            .filter(|(deadline, _)| *deadline > now)
            .fold(U256::ZERO, |sum, (_, net)| sum + net)
    }
}

/// What one step did to the books besides vesting.
#[derive(Default)]
struct Effect {
    /// Assets deposited, minted for or pushed as rewards.
    inflow: U256,
    /// Assets a redemption paid out.
    outflow: U256,
    slashed: bool,
    /// A redemption paid less than its shares' value.
    capped: bool,
}

/// Amounts are `x · scale`, `x` a `u64`.
fn run(steps: Vec<Step>, scale: U256) -> Result<(), TestCaseError> {
    let scaled = |x: u64| U256::from(x) * scale;
    let mut w = given_vault();
    let mut model = Model {
        last: w.chain.vm.block_timestamp(),
        period: DEFAULT_VESTING_PERIOD,
        ..Model::default()
    };
    for step in steps {
        let now = w.chain.vm.block_timestamp();
        let (a0, s0) = (w.vault.total_assets().unwrap(), w.vault.total_supply());
        let mut fx = Effect::default();
        match step {
            Step::Deposit(who, x) => {
                let assets = scaled(x);
                w.fund(ACTORS[who], assets);
                if w.tx(ACTORS[who], |v| v.deposit(assets, ACTORS[who]))
                    .is_ok()
                {
                    fx.inflow = assets;
                }
            }
            Step::Mint(who, x) => {
                let shares = scaled(x);
                w.fund(ACTORS[who], e18(10) * scaled(x));
                if let Ok(assets) = w.tx(ACTORS[who], |v| v.mint(shares, ACTORS[who])) {
                    fx.inflow = assets;
                }
            }
            Step::Transfer(from, to, x) => {
                let amount = w.vault.balance_of(ACTORS[from]).min(scaled(x));
                let _ = w.tx(ACTORS[from], |v| v.transfer(ACTORS[to], amount));
            }
            Step::Reward(x) => {
                let amount = scaled(x);
                w.fund(BOB, amount);
                let fee_wad = w.vault.protocol_fee_wad();
                if w.tx(BOB, |v| v.notify_rewards(amount)).is_ok() {
                    let fee = w.last::<crate::events::RewardsNotified>().fee;
                    model.push(now, amount - fee);
                    model.fee_cap +=
                        U256::from(U512::from(amount) * U512::from(fee_wad) / U512::from(WAD));
                }
            }
            Step::Slash(x) => {
                if let Ok(booked) = w.tx(HUB, |v| v.slash(scaled(x), BURN)) {
                    model.accrue(now);
                    model.settled -= booked;
                    model.booked += booked;
                    fx.slashed = true;
                }
            }
            Step::PaySlashed => {
                if let Ok(paid) = w.tx(ALICE, |v| v.pay_slashed(BURN)) {
                    model.paid += paid;
                }
            }
            Step::Lock(who, x) => {
                let shares = w.vault.balance_of(ACTORS[who]).min(scaled(x));
                let worth = w.vault.convert_to_assets(shares);
                let locked = w.tx(QUEUE, |v| v.lock_shares(ACTORS[who], shares));
                if locked.is_ok() {
                    prop_assert_eq!(locked, worth, "locking answers convertToAssets");
                }
            }
            Step::Redeem(x) => {
                let shares = w.vault.balance_of(QUEUE).min(scaled(x));
                let worth = w.vault.convert_to_assets(shares).unwrap_or_default();
                if let Ok(paid) = w.tx(QUEUE, |v| v.redeem_locked(shares, U256::MAX, BURN)) {
                    model.accrue(now);
                    model.settled -= paid;
                    model.redeemed += paid;
                    fx.outflow = paid;
                    // Paid less than the shares' value only when the books ran dry (a
                    // deep slash): what the burnt shares leave behind then lifts the rate.
                    fx.capped = paid < worth;
                }
            }
            Step::Warp(secs) => w.chain.warp(secs),
            Step::Fee(thousandths) => {
                let fee = MAX_FEE_WAD * U256::from(thousandths) / U256::from(1_000u64);
                w.by(ADMIN).set_protocol_fee(fee).unwrap();
            }
            Step::VestingPeriod(period) => {
                w.by(ADMIN).set_vesting_period(period).unwrap();
                model.period = period;
            }
        }
        if fx.inflow > U256::ZERO && !matches!(step, Step::Reward(_)) {
            model.accrue(now);
            model.settled += fx.inflow;
        }
        check(&w, &model, a0, s0, &fx)?;
    }
    Ok(())
}

fn check(w: &World, model: &Model, a0: U256, s0: U256, fx: &Effect) -> Result<(), TestCaseError> {
    let now = w.chain.vm.block_timestamp();
    let (a1, s1) = (w.vault.total_assets().unwrap(), w.vault.total_supply());
    let unvested = w.vault.unvested_rewards().unwrap();
    prop_assert_eq!(
        a1,
        model.settled + model.vested(now),
        "totalAssets follows the model"
    );
    prop_assert_eq!(unvested, model.unvested - model.vested(now));

    // 7a. Each reward is fully vested one vesting period (as it was at its push) after it:
    //     what still vests is at most what was pushed less than a period ago.
    prop_assert!(
        unvested <= model.not_yet_due(now),
        "a reward vests past its deadline: {} unvested, {} not yet due",
        unvested,
        model.not_yet_due(now)
    );

    // 7b. The treasury's take of all rewards is at most the fee of each: it never holds shares
    //     (fees are paid in the asset) and got no more than Σ amount × fee.
    prop_assert_eq!(w.vault.balance_of(TREASURY), U256::ZERO);
    prop_assert!(
        w.chain.asset_balance(TREASURY) <= model.fee_cap,
        "treasury took more than the fee"
    );

    // 1. Σ balances = totalSupply.
    let holders = [ALICE, BOB, CAROL, TREASURY, QUEUE, BURN, HUB].map(|a| w.vault.balance_of(a));
    prop_assert_eq!(holders.iter().fold(U256::ZERO, |x, y| x + y), s1);

    // 2. Underlying held ≥ totalAssets + unvested rewards + slashed assets still owed.
    let owed = w.vault.total_slash_owed();
    prop_assert!(w.chain.asset_balance(VAULT) >= a1 + unvested + owed);
    // 5. Σ paid + Σ owed to recipients = Σ booked losses.
    prop_assert_eq!(model.paid + owed, model.booked);
    prop_assert_eq!(w.chain.asset_balance(BURN), model.paid + model.redeemed);

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
    if !fx.slashed {
        prop_assert!(va1 * vs0 >= va0 * vs1, "rate fell without a slash");
    }
    if !fx.slashed && !fx.capped {
        // A redemption pays what it burnt is worth, less at most a unit of rounding.
        let vested = U512::from(a1 + fx.outflow - a0 - fx.inflow);
        let bound = (va0 + vested) * vs1 + va0 + vested + vs0;
        prop_assert!(va1 * vs0 <= bound, "rate rose faster than vesting");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// CASES x STEPS = 6,000 steps per run.
    #[test]
    fn random_sequences_keep_invariants_1_to_3_and_7(steps in prop::collection::vec(step(), STEPS)) {
        run(steps, U256::from(1_000_000u64))?;
    }

    /// Amounts up to 2^128, where the 128-bit books refuse what would not fit
    /// (`MathOverflow`) and nothing else may break.
    #[test]
    fn random_sequences_near_2_pow_128_keep_the_invariants(steps in prop::collection::vec(step(), STEPS)) {
        run(steps, U256::from(1u8) << 64)?;
    }
}
