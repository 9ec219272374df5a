//! Random sequences of delegations, allocations, approvals, membership changes, deposits,
//! pauses, time and slashes, checked cumulatively after every step (invariants 5 and 6 of
//! DESIGN.md): whatever the order, a vault never loses through one (operator, AVS) pair more
//! than the exposure reported before the first slash, unless something raised it in between.

use std::collections::HashMap;

use crate::support::*;
use proptest::prelude::*;
use stylus_sdk::alloy_primitives::{Address, U256};

const VAULTS: [Address; 2] = [VAULT_A, VAULT_B];
const OPERATORS: [Address; 2] = [OPERATOR, OPERATOR_2];
const AVSS: [(Address, Address); 2] = [(AVS, SLASHER), (AVS_2, SLASHER_2)];

#[derive(Clone, Debug)]
enum Step {
    Delegate { vault: usize, operator: usize, fraction: u64 },
    Allocate { operator: usize, avs: usize, fraction: u64 },
    Approve { vault: usize, avs: usize, fraction: u64, redistribute: bool },
    OptIn { operator: usize, avs: usize },
    Accept { operator: usize, avs: usize },
    OptOut { operator: usize, avs: usize },
    Eject { operator: usize, avs: usize },
    Deposit { vault: usize, assets: u64 },
    Pause { on: bool },
    Wait { seconds: u64 },
    Slash { avs: usize, operator: usize, fraction: u64, id: u8, by_slasher: bool },
}

fn fraction() -> impl Strategy<Value = u64> {
    prop_oneof![
        prop::sample::select(vec![0, 1, WAD / 10, WAD / 4, WAD / 2, WAD * 6 / 10, WAD]),
        0..=WAD,
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..2usize, 0..2usize, fraction()).prop_map(|(vault, operator, fraction)| Step::Delegate { vault, operator, fraction }),
        3 => (0..2usize, 0..2usize, fraction()).prop_map(|(operator, avs, fraction)| Step::Allocate { operator, avs, fraction }),
        2 => (0..2usize, 0..2usize, fraction(), any::<bool>()).prop_map(|(vault, avs, fraction, redistribute)| Step::Approve { vault, avs, fraction, redistribute }),
        2 => (0..2usize, 0..2usize).prop_map(|(operator, avs)| Step::OptIn { operator, avs }),
        2 => (0..2usize, 0..2usize).prop_map(|(operator, avs)| Step::Accept { operator, avs }),
        1 => (0..2usize, 0..2usize).prop_map(|(operator, avs)| Step::OptOut { operator, avs }),
        1 => (0..2usize, 0..2usize).prop_map(|(operator, avs)| Step::Eject { operator, avs }),
        1 => (0..2usize, prop_oneof![Just(1u64), 1..1_000_000u64]).prop_map(|(vault, assets)| Step::Deposit { vault, assets }),
        1 => any::<bool>().prop_map(|on| Step::Pause { on }),
        2 => prop_oneof![0..HOUR, 0..DAY, Just(DAY), Just(WEEK), WEEK..3 * WEEK].prop_map(|seconds| Step::Wait { seconds }),
        6 => (0..2usize, 0..2usize, prop_oneof![1..=WAD, 1..1000u64], 0..8u8, prop::bool::weighted(0.9))
            .prop_map(|(avs, operator, fraction, id, by_slasher)| Step::Slash { avs, operator, fraction, id, by_slasher }),
    ]
}

type Route = (usize, usize, usize);

fn routes() -> impl Iterator<Item = Route> {
    (0..2).flat_map(|v| (0..2).flat_map(move |o| (0..2).map(move |a| (v, o, a))))
}

fn exposure(w: &World, (v, o, a): Route) -> U256 {
    w.hub
        .exposure(VAULTS[v], OPERATORS[o], AVSS[a].0)
        .ok()
        .expect("exposure")
        .0
}

fn run(steps: Vec<Step>, assets: u128) -> Result<(), TestCaseError> {
    let mut w = World::new();
    for vault in VAULTS {
        w.vaults[&vault].borrow_mut().total_assets = U256::from(assets);
    }
    // What each route may still lose: the exposure reported before its first slash since
    // the last raise, less what it lost since.
    let mut budget: HashMap<Route, U256> = routes().map(|r| (r, exposure(&w, r))).collect();
    let mut booked_total = U256::ZERO;
    for step in steps {
        // A raise (delegation, allocation coming into force, approval, deposit) lifts the
        // budget to the new exposure; anything else may only lower it.
        for route in routes() {
            let now = exposure(&w, route);
            let budget = budget.get_mut(&route).unwrap();
            if now > *budget {
                *budget = now;
            }
        }
        match step {
            Step::Delegate { vault, operator, fraction } => {
                w.by(CURATOR);
                let _ = w.chain.transact(|| w.hub.delegate(VAULTS[vault], OPERATORS[operator], U256::from(fraction)));
            }
            Step::Allocate { operator, avs, fraction } => {
                w.by(OPERATORS[operator]);
                let _ = w.chain.transact(|| w.hub.allocate(AVSS[avs].0, U256::from(fraction)));
            }
            Step::Approve { vault, avs, fraction, redistribute } => {
                w.by(CURATOR);
                let _ = w.chain.transact(|| {
                    w.hub.set_avs_approval(VAULTS[vault], AVSS[avs].0, U256::from(fraction), redistribute)
                });
            }
            Step::OptIn { operator, avs } => {
                w.by(OPERATORS[operator]);
                let _ = w.chain.transact(|| w.hub.opt_in(AVSS[avs].0));
            }
            Step::Accept { operator, avs } => {
                w.by(AVSS[avs].0);
                let _ = w.chain.transact(|| w.hub.accept_operator(OPERATORS[operator]));
            }
            Step::OptOut { operator, avs } => {
                w.by(OPERATORS[operator]);
                let _ = w.chain.transact(|| w.hub.opt_out(AVSS[avs].0));
            }
            Step::Eject { operator, avs } => {
                w.by(AVSS[avs].0);
                let _ = w.chain.transact(|| w.hub.eject_operator(OPERATORS[operator]));
            }
            Step::Deposit { vault, assets } => {
                w.vaults[&VAULTS[vault]].borrow_mut().total_assets += tokens(assets) / U256::from(1000u64);
            }
            Step::Pause { on } => {
                w.by(ADMIN);
                let _ = if on { w.hub.pause(8) } else { w.hub.unpause(8) };
            }
            Step::Wait { seconds } => w.chain.advance(seconds),
            Step::Slash { avs, operator, fraction, id: n, by_slasher } => {
                let before: Vec<(Route, U256)> = routes().map(|r| (r, exposure(&w, r))).collect();
                let assets_before: Vec<U256> = VAULTS.iter().map(|v| w.assets(*v)).collect();
                let (avs_address, slasher) = AVSS[avs];
                let caller = if by_slasher { slasher } else { STRANGER };
                w.by(caller);
                let result = w.chain.transact(|| {
                    w.hub.slash(avs_address, OPERATORS[operator], U256::from(fraction), id(n))
                });
                if !by_slasher {
                    prop_assert!(result.is_err(), "only the slasher slashes");
                }
                let mut booked = U256::ZERO;
                for (v, vault) in VAULTS.iter().enumerate() {
                    let lost = assets_before[v] - w.assets(*vault);
                    booked += lost;
                    let route = (v, operator, avs);
                    // Invariant 5: only the slashed pair's routes lose, and within budget.
                    let reported = before.iter().find(|(r, _)| *r == route).unwrap().1;
                    if reported.is_zero() {
                        prop_assert_eq!(lost, U256::ZERO, "unexposed vault lost {}", lost);
                    }
                    let budget = budget.get_mut(&route).unwrap();
                    prop_assert!(lost <= *budget, "route {:?} lost {} over its budget {}", route, lost, budget);
                    *budget -= lost;
                }
                if let Ok(total) = result {
                    prop_assert_eq!(total, booked, "the hub reports what the vaults booked");
                }
                booked_total += booked;
                // The exposure shown afterwards never exceeds what is left of the budget.
                for route in routes() {
                    let now = exposure(&w, route);
                    prop_assert!(now <= budget[&route], "route {:?} shows {} above its budget {}", route, now, budget[&route]);
                }
            }
        }
        // Invariant 6, through the views.
        for vault in VAULTS {
            let sum: U256 = OPERATORS.iter().map(|o| w.hub.delegation(vault, *o).0.max(w.hub.delegation(vault, *o).1)).sum();
            prop_assert!(sum <= U256::from(WAD));
        }
        for operator in OPERATORS {
            let sum: U256 = AVSS.iter().map(|(a, _)| w.hub.allocation(operator, *a).0.max(w.hub.allocation(operator, *a).1)).sum();
            prop_assert!(sum <= U256::from(WAD));
        }
    }
    let slashed: U256 = VAULTS.iter().map(|v| w.vaults[v].borrow().slashed()).sum();
    prop_assert_eq!(slashed, booked_total, "every booked loss is owed to a recipient");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_never_take_more_than_the_reported_exposure(
        steps in prop::collection::vec(step(), 1..200),
        assets in prop_oneof![Just(1000u128), 1..100u128, Just(1_000_000_000_000_000_000_000u128)],
    ) {
        run(steps, assets)?;
    }
}

#[test]
fn forty_full_slashes_take_no_more_than_the_first_exposure() {
    let steps: Vec<Step> = [
        Step::OptIn { operator: 0, avs: 0 },
        Step::Accept { operator: 0, avs: 0 },
        Step::Delegate { vault: 0, operator: 0, fraction: WAD / 10 },
        Step::Approve { vault: 0, avs: 0, fraction: WAD, redistribute: false },
        Step::Allocate { operator: 0, avs: 0, fraction: WAD / 2 },
        Step::Wait { seconds: DAY },
    ]
    .into_iter()
    .chain((0..40u8).flat_map(|i| {
        [
            Step::Slash { avs: 0, operator: 0, fraction: WAD / 3, id: i, by_slasher: true },
            Step::Wait { seconds: HOUR },
        ]
    }))
    .collect();
    run(steps, 2_000_000_000_000_000_000_000).unwrap();
}
