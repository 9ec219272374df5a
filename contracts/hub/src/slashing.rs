//! Slashing by an AVS's slasher: bounded by what was allocated and approved, consumed as it
//! is taken (EigenLayer's magnitudes), rate-limited per vault, and never vetoed by one vault.
//!
//! A slash of fraction `f` through (operator, AVS) books, in every vault delegated to the
//! operator whose curator approved the AVS, `ceil(assets × min(d·a, m) × r × f)` where `d` is
//! the vault's delegation, `a` the operator's allocation, `m` the curator's approval and `r`
//! the route's rounding factor (below). Then `a` and `m` keep `1 − f`. Because each booked
//! loss is rounded up, the route factor `r` of that (vault, operator, AVS) also absorbs the
//! part of the loss that rounding added, so the remaining exposure always drops by at least
//! what was taken: over any sequence of slashes a vault loses through one pair at most the
//! exposure reported before the first (unless a fraction was raised in between).

use alloc::vec::Vec;

use stylus_sdk::{
    alloy_primitives::{Address, B256, U256, U64},
    alloy_sol_types::SolEvent,
    prelude::*,
};

use lrt_common::abi::Word;

use crate::{
    errors::{
        AvsNotRegistered, HubError, InvalidFraction, NotSlasher, OperatorNotSlashable, SlashIdUsed,
    },
    events::{OperatorSlashed, VaultSlashFailed, VaultSlashed},
    wad::{scale_down, scale_up, share_up, within_share, WAD},
    Hub,
};

/// Without a governance setting, an AVS may slash at most half of a vault per 24 h.
pub const DEFAULT_SLASH_CAP_WAD: u64 = WAD / 2;
/// Where slashed assets go unless a curator approved redistribution.
pub const DEFAULT_SINK: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xde, 0xad,
]);

/// One slash of (operator, AVS), as every vault delegated to the operator sees it.
#[derive(Clone, Copy)]
struct Slash {
    avs: Address,
    operator: Address,
    /// The operator's allocation to the AVS in force.
    allocation: u64,
    fraction: u64,
    /// The AVS's circuit breaker, a WAD per 24 h.
    cap: u64,
    slash_id: B256,
    now: u64,
}

/// The fractions one (vault, operator, AVS) route is slashable by, in force now.
struct Route {
    delegation: u64,
    allocation: u64,
    approval: u64,
    rounding: u64,
}

impl Route {
    /// `assets × min(d·a, m) × r × fraction`, rounded as asked.
    #[inline(never)]
    fn exposure(&self, assets: U256, fraction: u64, round_up: bool) -> U256 {
        let scale = if round_up { scale_up } else { scale_down };
        let through_allocation = [self.delegation, self.allocation, self.rounding, fraction];
        let through_approval = [self.approval, self.rounding, fraction];
        scale(assets, &through_allocation).min(scale(assets, &through_approval))
    }
}

impl Hub {
    pub(crate) fn slash_operator(
        &mut self,
        avs: Address,
        operator: Address,
        fraction_wad: U256,
        slash_id: B256,
    ) -> Result<U256, HubError> {
        let caller = self.vm().msg_sender();
        let slasher = self.avs_configs.getter(avs).slasher.get();
        if slasher.is_zero() {
            return Err(AvsNotRegistered { avs }.into());
        }
        if caller != slasher {
            return Err(NotSlasher { avs, caller }.into());
        }
        if fraction_wad.is_zero() || fraction_wad > U256::from(WAD) {
            return Err(InvalidFraction {
                fractionWad: fraction_wad,
            }
            .into());
        }
        let fraction = fraction_wad.as_limbs()[0];
        if self.used_slash_ids.getter(avs).get(slash_id) {
            return Err(SlashIdUsed {
                avs,
                slashId: slash_id,
            }
            .into());
        }
        let now = self.vm().block_timestamp();
        if !self
            .memberships
            .getter(operator)
            .getter(avs)
            .is_slashable(now)
        {
            return Err(OperatorNotSlashable { operator, avs }.into());
        }
        // Effects before the vault calls: the id is spent even if a vault calls back in.
        self.used_slash_ids.setter(avs).setter(slash_id).set(true);

        let allocation = self.allocations.getter(operator).getter(avs).at(now);
        let mut total = U256::ZERO;
        if allocation > 0 {
            let slash = Slash {
                avs,
                operator,
                allocation,
                fraction,
                cap: self.slash_cap(avs),
                slash_id,
                now,
            };
            let vaults = self.vaults_of_operator.getter(operator).to_vec();
            for vault in vaults {
                total = total.saturating_add(self.slash_vault(vault, &slash));
            }
            self.allocations
                .setter(operator)
                .setter(avs)
                .consume(fraction, now);
        }
        self.emit(OperatorSlashed {
            avs,
            operator,
            slashId: slash_id,
            fractionWad: fraction_wad,
            totalAssets: total,
        });
        Ok(total)
    }

    /// Books one vault's share of a slash and consumes the approval and the route's rounding
    /// factor by what was taken. A vault whose call fails is logged and skipped: it cannot
    /// stop the others.
    fn slash_vault(&mut self, vault: Address, slash: &Slash) -> U256 {
        let Slash {
            avs,
            operator,
            allocation,
            fraction,
            cap,
            slash_id,
            now,
        } = *slash;
        // A vault whose delegation ended stays listed until the operator's list fills up:
        // one read tells.
        let delegation = self.delegations.getter(vault).getter(operator).at(now);
        if delegation == 0 {
            return U256::ZERO;
        }
        let (max, redistribute) = {
            let approvals = self.approvals.getter(vault);
            let approval = approvals.getter(avs);
            (approval.max(), approval.redistribute())
        };
        let route = Route {
            delegation,
            allocation,
            approval: max.at(now),
            rounding: self.route_rounding(vault, operator, avs),
        };
        if route.approval == 0 {
            return U256::ZERO;
        }
        let assets = match self.vault_total_assets(vault) {
            Ok(assets) => assets,
            Err(reason) => return self.skip_vault(slash_id, vault, U256::ZERO, reason),
        };
        let room = self
            .approvals
            .getter(vault)
            .getter(avs)
            .room(now, assets, cap);
        let loss = route.exposure(assets, fraction, true).min(room);
        if loss.is_zero() {
            return U256::ZERO;
        }
        let recipient = if redistribute {
            self.avs_configs.getter(avs).recipient.get()
        } else {
            self.slash_sink.get()
        };
        let booked = match self.vault_slash(vault, loss, recipient) {
            Ok(booked) => booked,
            Err(reason) => return self.skip_vault(slash_id, vault, loss, reason),
        };
        {
            let mut approvals = self.approvals.setter(vault);
            let mut approval = approvals.setter(avs);
            // A registered vault books at most what it was asked; counting no more keeps the
            // breaker's bucket within `room`, so within u128.
            approval.record(now, booked.min(loss));
            let consumed = crate::scheduled::consumed(&approval.max(), fraction, now);
            approval.set_max(consumed);
        }
        // The route must lose at least booked / exposure of what it could take; the
        // allocation and approval lose `fraction` above and below, the rounding factor the
        // rest. A loss that rounding did not raise past `fraction` of it leaves the factor.
        let whole = route.exposure(assets, WAD, false);
        if fraction < WAD && !within_share(booked, whole, fraction) {
            let taken = share_up(booked, whole);
            if taken > fraction {
                let rounding = (route.rounding as u128 * (WAD - taken) as u128
                    / (WAD - fraction) as u128) as u64;
                self.route_losses
                    .setter(vault)
                    .setter(operator)
                    .setter(avs)
                    .set(U64::from(WAD - rounding));
            }
        }
        self.emit(VaultSlashed {
            slashId: slash_id,
            vault,
            operator,
            assets: booked,
            recipient,
        });
        booked
    }

    fn skip_vault(&self, slash_id: B256, vault: Address, assets: U256, reason: Vec<u8>) -> U256 {
        // Logged field by field: building the event's `Bytes` would link the `bytes` crate
        // (about 0.5 KB compressed) for this one field.
        let topics = [VaultSlashFailed::SIGNATURE_HASH, slash_id, vault.word()];
        lrt_common::abi::emit_with_text(self.vm(), &topics, &reason, &[assets.word()]);
        U256::ZERO
    }

    /// The route's rounding factor, a WAD: one until a rounded-up loss took more than `f`.
    pub(crate) fn route_rounding(&self, vault: Address, operator: Address, avs: Address) -> u64 {
        let lost = self
            .route_losses
            .getter(vault)
            .getter(operator)
            .get(avs)
            .as_limbs()[0];
        WAD - lost.min(WAD)
    }

    /// The fraction of a vault `avs` may slash per rolling 24 h.
    pub(crate) fn slash_cap(&self, avs: Address) -> u64 {
        match self.slash_caps.get(avs).as_limbs()[0] {
            0 => DEFAULT_SLASH_CAP_WAD,
            cap => cap,
        }
    }

    /// `(slashableNow, slashableAfter)` of `vault` through (`operator`, `avs`), rounded up like
    /// a slash: what the AVS can still take, now and once pending changes have applied. Zero
    /// unless the operator is slashable by the AVS.
    pub(crate) fn exposure_of(
        &self,
        vault: Address,
        operator: Address,
        avs: Address,
    ) -> Result<(U256, U256), HubError> {
        self.require_vault(vault)?;
        let now = self.vm().block_timestamp();
        if !self
            .memberships
            .getter(operator)
            .getter(avs)
            .is_slashable(now)
        {
            return Ok((U256::ZERO, U256::ZERO));
        }
        let assets = self
            .vault_total_assets(vault)
            .map_err(|reason| HubError::from_vault(vault, reason))?;
        let delegations = self.delegations.getter(vault);
        let delegation = delegations.getter(operator);
        let allocations = self.allocations.getter(operator);
        let allocation = allocations.getter(avs);
        let approval = self.approvals.getter(vault).getter(avs).max();
        let rounding = self.route_rounding(vault, operator, avs);
        let now_route = Route {
            delegation: delegation.at(now),
            allocation: allocation.at(now),
            approval: approval.at(now),
            rounding,
        };
        let after_route = Route {
            delegation: delegation.after(),
            allocation: allocation.after(),
            approval: approval.after,
            rounding,
        };
        Ok((
            now_route.exposure(assets, WAD, true),
            after_route.exposure(assets, WAD, true),
        ))
    }
}
