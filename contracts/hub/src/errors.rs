//! Every way a hub call can fail, as custom Solidity errors.

use lrt_common::errors::{
    EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, NotPauser, NotPendingAdmin,
    ZeroAddress,
};
use stylus_sdk::prelude::*;

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        /// `vault` is already in the registry.
        error VaultAlreadyRegistered(address vault);
        /// `vault` is not in the registry.
        error VaultNotRegistered(address vault);
        /// `operator` registered before.
        error OperatorAlreadyRegistered(address operator);
        /// `operator` never registered.
        error OperatorNotRegistered(address operator);
        /// `avs` never registered.
        error AvsNotRegistered(address avs);
        /// `caller` is not the live curator of `vault`.
        error NotCurator(address vault, address caller);
        /// A fraction was above 100 % (or zero where a positive one is required).
        error InvalidFraction(uint256 fractionWad);
        /// The fractions would sum to `totalWad`, above 100 %.
        error OverAllocated(uint256 totalWad);
        /// A vault, operator or AVS list is at its 32-entry bound.
        error TooManyLinks(address owner);
        /// `operator` is already opted in to (or waiting for) `avs`.
        error AlreadyOptedIn(address operator, address avs);
        /// `avs` only admits operators on its allow-list.
        error NotAllowlisted(address operator, address avs);
        /// `operator` has no opt-in waiting for `avs` to accept.
        error NoPendingOptIn(address operator, address avs);
        /// `operator` is not an active member of `avs`.
        error NotJoined(address operator, address avs);
        /// `caller` is not the slasher of `avs`.
        error NotSlasher(address avs, address caller);
        /// `avs` may not slash `operator` (never joined, or the exit delay passed).
        error OperatorNotSlashable(address operator, address avs);
        /// `avs` already used `slashId`.
        error SlashIdUsed(address avs, bytes32 slashId);
        /// The slash would move `requested` while only `available` is left of the 24 h cap.
        error SlashCapExceeded(uint256 requested, uint256 available);
        /// A call to `vault` reverted or answered garbage.
        error VaultCallFailed(address vault);
        /// A delay above the 30-day hard limit.
        error DelayTooLong(uint64 delay);
    }
}

/// Failures of the hub; the shared role/pause/math errors come first.
#[derive(SolidityError)]
pub enum HubError {
    NotAdmin(NotAdmin),
    NotPendingAdmin(NotPendingAdmin),
    NotPauser(NotPauser),
    ZeroAddress(ZeroAddress),
    EnforcedPause(EnforcedPause),
    InvalidPauseBits(InvalidPauseBits),
    MathOverflow(MathOverflow),
    VaultAlreadyRegistered(VaultAlreadyRegistered),
    VaultNotRegistered(VaultNotRegistered),
    OperatorAlreadyRegistered(OperatorAlreadyRegistered),
    OperatorNotRegistered(OperatorNotRegistered),
    AvsNotRegistered(AvsNotRegistered),
    NotCurator(NotCurator),
    InvalidFraction(InvalidFraction),
    OverAllocated(OverAllocated),
    TooManyLinks(TooManyLinks),
    AlreadyOptedIn(AlreadyOptedIn),
    NotAllowlisted(NotAllowlisted),
    NoPendingOptIn(NoPendingOptIn),
    NotJoined(NotJoined),
    NotSlasher(NotSlasher),
    OperatorNotSlashable(OperatorNotSlashable),
    SlashIdUsed(SlashIdUsed),
    SlashCapExceeded(SlashCapExceeded),
    VaultCallFailed(VaultCallFailed),
    DelayTooLong(DelayTooLong),
}

lrt_common::impl_from_access_error!(HubError);
