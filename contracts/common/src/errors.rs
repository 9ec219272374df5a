//! Custom Solidity errors and events of the shared components.

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        // Debug/Eq are for tests and host tools; the linker drops them from the WASM.
        #![sol(all_derives)]

        /// Caller is not the admin.
        error NotAdmin(address caller);
        /// Caller is not the pending admin of a two-step transfer.
        error NotPendingAdmin(address caller);
        /// Caller is neither a pauser nor the admin.
        error NotPauser(address caller);
        /// An address that must be set was zero.
        error ZeroAddress();
        /// The function is paused (`bit` is its pause bit).
        error EnforcedPause(uint8 bit);
        /// Pause bits were zero or outside the known set.
        error InvalidPauseBits(uint8 bits);
        /// A full-precision `a * b / d` had a zero denominator or a result above 2^256 - 1.
        error MathOverflow();

        /// Two-step admin transfer started (`newAdmin` zero cancels it).
        event AdminTransferStarted(address indexed previousAdmin, address indexed newAdmin);
        /// Admin changed (`previousAdmin` zero at construction).
        event AdminTransferred(address indexed previousAdmin, address indexed newAdmin);
        /// A pauser was added or removed.
        event PauserSet(address indexed account, bool allowed);
        /// `bits` were paused by `account`.
        event Paused(address indexed account, uint8 bits);
        /// `bits` were unpaused by `account`.
        event Unpaused(address indexed account, uint8 bits);
    }
}

crate::sol_errors! {
    /// Failures of [`crate::roles::Roles`], [`crate::pause::Pausable`] and [`crate::math`].
    pub enum AccessError {
        NotAdmin { caller },
        NotPendingAdmin { caller },
        NotPauser { caller },
        ZeroAddress {},
        EnforcedPause { bit },
        InvalidPauseBits { bits },
        MathOverflow {},
    }
}

/// Implements `From<AccessError>` for a contract's [`crate::sol_errors!`] enum that has
/// variants named exactly like [`AccessError`]'s, so `self.roles.only_admin()?` just works.
///
/// ```ignore
/// lrt_common::sol_errors! {
///     pub enum HubError {
///         NotAdmin { caller }, NotPendingAdmin { caller }, NotPauser { caller }, ZeroAddress {},
///         EnforcedPause { bit }, InvalidPauseBits { bits }, MathOverflow {},
///         // ...the hub's own errors
///     }
/// }
/// lrt_common::impl_from_access_error!(HubError);
/// ```
#[macro_export]
macro_rules! impl_from_access_error {
    ($target:ty) => {
        impl From<$crate::errors::AccessError> for $target {
            // One shared copy instead of the match inlined behind every `?`.
            #[inline(never)]
            fn from(e: $crate::errors::AccessError) -> Self {
                use $crate::errors::AccessError as A;
                match e {
                    A::NotAdmin(e) => Self::NotAdmin(e),
                    A::NotPendingAdmin(e) => Self::NotPendingAdmin(e),
                    A::NotPauser(e) => Self::NotPauser(e),
                    A::ZeroAddress(e) => Self::ZeroAddress(e),
                    A::EnforcedPause(e) => Self::EnforcedPause(e),
                    A::InvalidPauseBits(e) => Self::InvalidPauseBits(e),
                    A::MathOverflow(e) => Self::MathOverflow(e),
                }
            }
        }
    };
}
