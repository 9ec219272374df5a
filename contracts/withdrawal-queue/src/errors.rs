//! Every way a withdrawal-queue call can fail, as custom Solidity errors, plus the vault's own
//! errors passed on verbatim.

pub use lrt_common::errors::{
    EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, NotPauser, NotPendingAdmin,
    ZeroAddress,
};
use stylus_sdk::stylus_core::calls::errors::Error as CallError;

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        #![sol(all_derives)]

        /// A request must lock at least one share worth at least one wei.
        error ZeroShares();
        /// `shares` are worth nothing; such a request could never pay out.
        error ZeroAssets(uint256 shares);
        /// `caller` is neither `owner` nor an operator `owner` approved.
        error NotOwnerOrOperator(address owner, address caller);
        /// No request has id `requestId`.
        error RequestNotFound(uint256 requestId);
        /// Every request id (a u32) has been used.
        error TooManyRequests();
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
        /// A call to the vault or hub at `target` failed without saying why (a vault's own
        /// named errors are passed on as they are).
        error ExternalCallFailed(address target);
    }
}

lrt_common::sol_errors! {
    /// Failures of the queue: its own named errors, or `Callee(data)`, the revert data of a
    /// vault call passed on verbatim so the caller sees the vault's named error (e.g.
    /// `InsufficientBalance(owner, balance, needed)`) rather than a generic failure.
    pub enum QueueError {
        NotAdmin { caller },
        NotPendingAdmin { caller },
        NotPauser { caller },
        ZeroAddress {},
        EnforcedPause { bit },
        InvalidPauseBits { bits },
        MathOverflow {},
        ZeroShares {},
        ZeroAssets { shares },
        NotOwnerOrOperator { owner, caller },
        RequestNotFound { requestId },
        TooManyRequests {},
        AlreadyClaimed { requestId },
        NotClaimableYet { requestId, claimableAt },
        NotController { requestId, caller },
        DelayTooLong { delay },
        DelayBelowDeallocation { delay, deallocationDelay },
        ExternalCallFailed { target };
        raw Callee
    }
}

lrt_common::impl_from_access_error!(QueueError);

impl QueueError {
    /// A failed call to `target`: its revert data when it gave any, so a named error keeps its
    /// name across the call; `ExternalCallFailed(target)` when it gave none (no code, out of
    /// gas, an empty revert, or an answer that did not decode).
    pub fn from_call(target: stylus_sdk::alloy_primitives::Address, error: CallError) -> Self {
        match error {
            CallError::Revert(data) if !data.is_empty() => Self::Callee(data),
            _ => ExternalCallFailed { target }.into(),
        }
    }
}
