//! Every way a withdrawal-queue call can fail, as custom Solidity errors.

use lrt_common::errors::{
    EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, NotPauser, NotPendingAdmin,
    ZeroAddress,
};
use stylus_sdk::prelude::*;

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        /// A request must lock at least one share worth at least one wei.
        error ZeroShares();
        /// `shares` are worth nothing; such a request could never pay out.
        error ZeroAssets(uint256 shares);
        /// `caller` is neither `owner` nor an operator `owner` approved.
        error NotOwnerOrOperator(address owner, address caller);
        /// No request has id `requestId`.
        error RequestNotFound(uint256 requestId);
        /// Request `requestId` was paid already.
        error AlreadyClaimed(uint256 requestId);
        /// Request `requestId` unlocks at `claimableAt`.
        error NotClaimableYet(uint256 requestId, uint64 claimableAt);
        /// Only the controller of `requestId` (or its operator) may redirect its payment.
        error NotController(uint256 requestId, address caller);
        /// A delay above the 30-day hard limit.
        error DelayTooLong(uint64 delay);
        /// The withdrawal delay must cover the hub's deallocation delay, or a leaver could
        /// escape a pending slash.
        error DelayBelowDeallocation(uint64 delay, uint64 deallocationDelay);
        /// A call to the vault or hub at `target` reverted.
        error ExternalCallFailed(address target);
    }
}

/// Failures of the queue; the shared role/pause/math errors come first.
#[derive(SolidityError)]
pub enum QueueError {
    NotAdmin(NotAdmin),
    NotPendingAdmin(NotPendingAdmin),
    NotPauser(NotPauser),
    ZeroAddress(ZeroAddress),
    EnforcedPause(EnforcedPause),
    InvalidPauseBits(InvalidPauseBits),
    MathOverflow(MathOverflow),
    ZeroShares(ZeroShares),
    ZeroAssets(ZeroAssets),
    NotOwnerOrOperator(NotOwnerOrOperator),
    RequestNotFound(RequestNotFound),
    AlreadyClaimed(AlreadyClaimed),
    NotClaimableYet(NotClaimableYet),
    NotController(NotController),
    DelayTooLong(DelayTooLong),
    DelayBelowDeallocation(DelayBelowDeallocation),
    ExternalCallFailed(ExternalCallFailed),
}

lrt_common::impl_from_access_error!(QueueError);
