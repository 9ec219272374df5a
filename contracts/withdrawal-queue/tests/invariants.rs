//! Random sequences of requests, claims, slashes, rewards and time, checked after every step
//! against a model: invariant 4 of DESIGN.md (each request paid at most once, never more than
//! min(value at request, value at claim)) and the backlog views, while the admin moves the
//! withdrawal delay up and down (a decrease waits out the delay in force) and the hub's admin
//! moves the deallocation delay (the hub's rule: [`HubDelay`]).
//!
//! Every claim attempt at time t is checked three ways: it succeeds exactly when the model of
//! the queue (its withdrawal delay and its copy of the hub's plan) says so; a success always
//! has t ≥ requestedAt + max(withdrawal delay, hub delay in force at t), whatever the copy
//! holds; a refusal of a request that has waited that long happens only when the hub changed
//! its plan after the queue's copy was read (a copy can only be stricter than the hub).

use std::collections::BTreeMap;

use crate::support::*;
use proptest::prelude::*;
use stylus_sdk::alloy_primitives::{Address, U256};

const HOLDERS: [Address; 3] = [ALICE, BOB, CAROL];

#[derive(Clone, Debug)]
enum Step {
    Request {
        holder: usize,
        shares: u128,
    },
    Claim {
        pick: usize,
    },
    /// Assets change by `percent` − 100 % (a slash below 100, rewards above).
    Rate {
        percent: u64,
    },
    Wait {
        seconds: u64,
    },
    /// The admin sets the withdrawal delay to `days` (refused below the hub's delay).
    Delay {
        days: u64,
    },
    /// The hub's admin sets the deallocation delay to `days`.
    HubDelay {
        days: u64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 1..50_000_000_000_000_000_000u128).prop_map(|(holder, shares)| Step::Request { holder, shares }),
        3 => any::<usize>().prop_map(|pick| Step::Claim { pick }),
        1 => (50..150u64).prop_map(|percent| Step::Rate { percent }),
        2 => prop_oneof![0..DAY, Just(WEEK), WEEK..2 * WEEK, Just(RAISE_NOTICE - 1), DAY..RAISE_NOTICE + DAY]
            .prop_map(|seconds| Step::Wait { seconds }),
        1 => (1..=30u64).prop_map(|days| Step::Delay { days }),
        1 => (1..=30u64).prop_map(|days| Step::HubDelay { days }),
    ]
}

/// The withdrawal delay as the rule says: raised at once, lowered once the delay in force
/// has elapsed since the change.
struct DelayModel {
    current: u64,
    lowered: Option<(u64, u64)>,
}

impl DelayModel {
    fn at(&self, now: u64) -> u64 {
        match self.lowered {
            Some((delay, from)) if now >= from => delay,
            _ => self.current,
        }
    }

    fn set(&mut self, now: u64, delay: u64) {
        let in_force = self.at(now);
        if delay >= in_force {
            (self.current, self.lowered) = (delay, None);
        } else {
            (self.current, self.lowered) = (in_force, Some((delay, now + in_force)));
        }
    }
}

/// The queue's copy of the hub's plan: what it read, and until when claims trust it (30
/// days, or until a cut pending at the read is due, since the hub's admin may drop it).
struct Copy {
    plan: HubDelay,
    valid_until: u64,
    hub_changed_since: bool,
}

impl Copy {
    fn read(hub: HubDelay, now: u64) -> Self {
        let cut_pending = now < hub.effective_at && hub.after < hub.before;
        let valid_until = if cut_pending {
            hub.effective_at.min(now + RAISE_NOTICE)
        } else {
            now + RAISE_NOTICE
        };
        Self {
            plan: hub,
            valid_until,
            hub_changed_since: false,
        }
    }

    /// The hub delay a claim or view counts at `now`: the copy's while it is good.
    fn bound(&self, hub: HubDelay, now: u64) -> u64 {
        if now < self.valid_until {
            self.plan.at(now)
        } else {
            hub.at(now)
        }
    }
}

struct Open {
    controller: Address,
    shares: U256,
    assets: U256,
    at: u64,
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut w = World::with_hub_delay(DAY);
    let mut copy = Copy::read(w.hub.borrow().delay, START);
    w.vault.borrow_mut().mint(CAROL, tokens(100));
    let mut delay = DelayModel {
        current: WEEK,
        lowered: None,
    };
    let mut open: BTreeMap<U256, Open> = BTreeMap::new();
    let mut paid: Vec<U256> = Vec::new();
    // Every request ever made, open or paid: `request(id)` answers for each.
    let mut made: BTreeMap<U256, (Address, U256, U256, u64)> = BTreeMap::new();
    for step in steps {
        let now = w.chain.now();
        let hub = w.hub.borrow().delay;
        match step {
            Step::Request { holder, shares } => {
                let owner = HOLDERS[holder];
                let shares = U256::from(shares);
                let value = w.vault.borrow().convert(shares);
                let enough = w.vault.borrow().balance(owner) >= shares;
                w.by(owner);
                let result = w
                    .chain
                    .transact(|| w.queue.request_redeem(shares, owner, owner));
                prop_assert_eq!(result.is_ok(), enough && !value.is_zero());
                if let Ok(id) = result {
                    made.insert(id, (owner, shares, value, now));
                    open.insert(
                        id,
                        Open {
                            controller: owner,
                            shares,
                            assets: value,
                            at: now,
                        },
                    );
                }
            }
            Step::Claim { pick } => {
                let ids: Vec<U256> = open.keys().copied().chain(paid.iter().copied()).collect();
                if ids.is_empty() {
                    continue;
                }
                let id = ids[pick % ids.len()];
                let before = w.paid(ALICE) + w.paid(BOB) + w.paid(CAROL);
                let value_now = open.get(&id).map(|r| w.vault.borrow().convert(r.shares));
                let result = w.claim(id);
                let after = w.paid(ALICE) + w.paid(BOB) + w.paid(CAROL);
                let bound = copy.bound(hub, now);
                if let Some(request) = open.get(&id) {
                    let hub_says = request.at + delay.at(now).max(hub.at(now));
                    if result.is_ok() {
                        prop_assert!(now >= hub_says, "paid before the hub's delay ran out");
                    } else if now >= hub_says {
                        prop_assert!(copy.hub_changed_since, "refused with no reason");
                    }
                }
                match open.get(&id) {
                    Some(request) if now >= request.at + delay.at(now).max(bound) => {
                        if now >= copy.valid_until {
                            copy = Copy::read(hub, now);
                        }
                        let expected = request.assets.min(value_now.unwrap_or_default());
                        prop_assert_eq!(result.ok(), Some(expected));
                        prop_assert_eq!(after - before, expected);
                        prop_assert!(expected <= request.assets);
                        open.remove(&id);
                        paid.push(id);
                    }
                    // Too early, or paid already: nothing moves.
                    _ => {
                        prop_assert!(result.is_err());
                        prop_assert_eq!(after, before);
                    }
                }
            }
            Step::Rate { percent } => {
                let mut vault = w.vault.borrow_mut();
                vault.total_assets = vault.total_assets * U256::from(percent) / U256::from(100u8);
            }
            Step::Wait { seconds } => w.chain.advance(seconds),
            Step::Delay { days } => {
                w.by(ADMIN);
                let result = w
                    .chain
                    .transact(|| w.queue.set_withdrawal_delay(days * DAY));
                prop_assert_eq!(result.is_ok(), days * DAY >= hub.committed(now));
                if result.is_ok() {
                    delay.set(now, days * DAY);
                    copy = Copy::read(hub, now);
                }
            }
            Step::HubDelay { days } => {
                w.hub_sets_delay(days * DAY);
                copy.hub_changed_since = true;
            }
        }
        let now = w.chain.now();
        let hub = w.hub.borrow().delay;
        prop_assert_eq!(w.queue.withdrawal_delay(), delay.at(now));
        let (count, shares, assets, next_unlock) = w.queue.backlog().ok().unwrap();
        prop_assert_eq!(count, U256::from(open.len()));
        prop_assert_eq!(shares, open.values().map(|r| r.shares).sum::<U256>());
        prop_assert_eq!(assets, open.values().map(|r| r.assets).sum::<U256>());
        prop_assert_eq!(
            next_unlock,
            open.values()
                .map(|r| r.at + delay.at(now).max(copy.bound(hub, now)))
                .min()
                .unwrap_or(0)
        );
        for holder in HOLDERS {
            let mut listed = w.queue.requests_of(holder);
            listed.sort();
            let expected: Vec<U256> = open
                .iter()
                .filter(|(_, r)| r.controller == holder)
                .map(|(id, _)| *id)
                .collect();
            prop_assert_eq!(listed, expected);
        }
        // `request(id)` answers every id ever made, claimed ones too, with the same unlock
        // rule as the backlog.
        for (&id, &(controller, shares, assets, at)) in &made {
            prop_assert_eq!(
                w.queue.request(id).ok(),
                Some((
                    controller,
                    shares,
                    assets,
                    at,
                    at + delay.at(now).max(copy.bound(hub, now)),
                    !open.contains_key(&id)
                ))
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_pay_each_request_once_and_never_above_its_value(
        steps in prop::collection::vec(step(), 1..120),
    ) {
        run(steps)?;
    }
}
