//! Two-sided opt-in between an operator and an AVS, and the exit window after it ends.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{Address, U64, U8},
    prelude::*,
    storage::{StorageU64, StorageU8},
};

use crate::{
    errors::{AlreadyOptedIn, HubError, NoPendingOptIn, NotAllowlisted, NotJoined},
    events::{AllocationSet, OperatorExited, OperatorJoined, OptInRequested},
    Hub,
};

pub const NONE: u8 = 0;
/// The operator opted in; the AVS has not accepted yet. Not slashable.
pub const REQUESTED: u8 = 1;
pub const ACTIVE: u8 = 2;
/// Membership ended; still slashable until `slashable_until`.
pub const EXITING: u8 = 3;

#[storage]
pub struct Membership {
    status: StorageU8,
    slashable_until: StorageU64,
}

impl Membership {
    /// The status at `now`: an exit whose window has passed reads as [`NONE`].
    pub fn status(&self, now: u64) -> u8 {
        let status = self.status.get().as_limbs()[0] as u8;
        if status == EXITING && now >= self.slashable_until() {
            NONE
        } else {
            status
        }
    }

    pub fn slashable_until(&self) -> u64 {
        self.slashable_until.get().as_limbs()[0]
    }

    /// An AVS may slash an active member, and a former one until its exit window closes.
    pub fn is_slashable(&self, now: u64) -> bool {
        matches!(self.status(now), ACTIVE | EXITING)
    }

    fn set(&mut self, status: u8, slashable_until: u64) {
        self.status.set(U8::from(status));
        self.slashable_until.set(U64::from(slashable_until));
    }
}

impl Hub {
    pub(crate) fn request_membership(&mut self, avs: Address) -> Result<(), HubError> {
        let operator = self.vm().msg_sender();
        self.require_operator(operator)?;
        self.require_avs(avs)?;
        let now = self.vm().block_timestamp();
        // An exiting operator must not shorten its exit window by rejoining.
        if self.memberships.getter(operator).getter(avs).status(now) != NONE {
            return Err(AlreadyOptedIn { operator, avs }.into());
        }
        let (allowlisted, allowlist_only) = {
            let config = self.avs_configs.getter(avs);
            (config.is_allowlisted(operator), config.allowlist_only())
        };
        let status = if allowlisted {
            ACTIVE
        } else if allowlist_only {
            return Err(NotAllowlisted { operator, avs }.into());
        } else {
            REQUESTED
        };
        self.memberships.setter(operator).setter(avs).set(status, 0);
        if status == ACTIVE {
            self.emit(OperatorJoined { operator, avs });
        } else {
            self.emit(OptInRequested { operator, avs });
        }
        Ok(())
    }

    pub(crate) fn admit_operator(&mut self, operator: Address) -> Result<(), HubError> {
        let avs = self.vm().msg_sender();
        self.require_avs(avs)?;
        let now = self.vm().block_timestamp();
        if self.memberships.getter(operator).getter(avs).status(now) != REQUESTED {
            return Err(NoPendingOptIn { operator, avs }.into());
        }
        self.memberships.setter(operator).setter(avs).set(ACTIVE, 0);
        self.emit(OperatorJoined { operator, avs });
        Ok(())
    }

    /// Ends a membership from either side. An active member's allocation to the AVS drops to
    /// zero after the deallocation delay and the AVS may slash it until then; a request that
    /// was never accepted simply disappears.
    pub(crate) fn end_membership(
        &mut self,
        operator: Address,
        avs: Address,
        ejected: bool,
    ) -> Result<(), HubError> {
        let now = self.vm().block_timestamp();
        let slashable_until = match self.memberships.getter(operator).getter(avs).status(now) {
            REQUESTED => {
                self.memberships.setter(operator).setter(avs).set(NONE, 0);
                now
            }
            ACTIVE => {
                let delay = self.deallocation_delay();
                let until = now.saturating_add(delay);
                self.memberships
                    .setter(operator)
                    .setter(avs)
                    .set(EXITING, until);
                let effective_at = self
                    .allocations
                    .setter(operator)
                    .setter(avs)
                    .set(0, now, 0, delay);
                self.emit(AllocationSet {
                    operator,
                    avs,
                    fractionWad: Default::default(),
                    effectiveAt: effective_at,
                });
                until
            }
            _ => return Err(NotJoined { operator, avs }.into()),
        };
        self.emit(OperatorExited {
            operator,
            avs,
            ejected,
            slashableUntil: slashable_until,
        });
        Ok(())
    }

    pub(crate) fn read_membership(&self, operator: Address, avs: Address) -> (u8, u64, bool) {
        let memberships = self.memberships.getter(operator);
        let membership = memberships.getter(avs);
        let status = membership.status(self.vm().block_timestamp());
        let until = if status == EXITING {
            membership.slashable_until()
        } else {
            0
        };
        (
            status,
            until,
            self.avs_configs.getter(avs).is_allowlisted(operator),
        )
    }
}
