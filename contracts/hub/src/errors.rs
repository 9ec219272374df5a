//! Every way a hub call can fail, as custom Solidity errors.

use alloc::vec::Vec;

use lrt_common::errors::{
    AccessError, EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, NotPauser,
    NotPendingAdmin, ZeroAddress,
};

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
        /// A call to `vault` reverted without a reason or answered garbage.
        error VaultCallFailed(address vault);
        /// A delay above the 30-day hard limit.
        error DelayTooLong(uint64 delay);
    }
}

/// Revert data of a failed hub call: one of the errors above (or a shared role/pause/math
/// error), ABI-encoded when it is raised, or a vault's own revert data passed through. Encoding
/// at the `From` (one small function per error) is about 0.7 KB compressed smaller here than
/// an enum encoded by one large match ([`lrt_common::sol_errors!`]).
pub struct HubError(Vec<u8>);

impl HubError {
    /// What `vault` reverted with, kept as it is so the caller sees the vault's named error;
    /// [`VaultCallFailed`] when the vault gave no reason.
    pub fn from_vault(vault: alloy_primitives::Address, revert_data: Vec<u8>) -> Self {
        if revert_data.is_empty() {
            VaultCallFailed { vault }.into()
        } else {
            Self(revert_data)
        }
    }
}

impl From<HubError> for Vec<u8> {
    fn from(error: HubError) -> Self {
        error.0
    }
}

impl From<AccessError> for HubError {
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::NotAdmin(e) => e.into(),
            AccessError::NotPendingAdmin(e) => e.into(),
            AccessError::NotPauser(e) => e.into(),
            AccessError::ZeroAddress(e) => e.into(),
            AccessError::EnforcedPause(e) => e.into(),
            AccessError::InvalidPauseBits(e) => e.into(),
            AccessError::MathOverflow(e) => e.into(),
        }
    }
}

/// `From<Error> for HubError` for `sol!` errors: `Name { fields }`.
macro_rules! encoded_at_raise {
    ($($name:ident { $($field:ident),* })*) => {$(
        impl From<$name> for HubError {
            fn from(error: $name) -> Self {
                use stylus_sdk::alloy_sol_types::SolError;
                #[allow(unused_imports)]
                use lrt_common::abi::Word;
                let _ = &error;
                Self(lrt_common::abi::with_selector($name::SELECTOR, &[$(error.$field.word()),*]))
            }
        }
    )*};
}

encoded_at_raise! {
    NotAdmin { caller }
    NotPendingAdmin { caller }
    NotPauser { caller }
    ZeroAddress {}
    EnforcedPause { bit }
    InvalidPauseBits { bits }
    MathOverflow {}
    VaultAlreadyRegistered { vault }
    VaultNotRegistered { vault }
    OperatorAlreadyRegistered { operator }
    OperatorNotRegistered { operator }
    AvsNotRegistered { avs }
    NotCurator { vault, caller }
    InvalidFraction { fractionWad }
    OverAllocated { totalWad }
    TooManyLinks { owner }
    AlreadyOptedIn { operator, avs }
    NotAllowlisted { operator, avs }
    NoPendingOptIn { operator, avs }
    NotJoined { operator, avs }
    NotSlasher { avs, caller }
    OperatorNotSlashable { operator, avs }
    SlashIdUsed { avs, slashId }
    VaultCallFailed { vault }
    DelayTooLong { delay }
}

/// Lists every error in the exported Solidity interface.
#[cfg(feature = "export-abi")]
impl stylus_sdk::abi::export::internal::InnerTypes for HubError {
    fn inner_types() -> Vec<stylus_sdk::abi::export::internal::InnerType> {
        use alloc::format;
        use core::any::TypeId;
        use stylus_sdk::{abi::export::internal::InnerType, alloy_sol_types::SolError};
        macro_rules! listed {
            ($($name:ident)*) => {
                alloc::vec![$(InnerType {
                    name: format!("error {};", <$name as SolError>::SIGNATURE.replace(',', ", ")),
                    id: TypeId::of::<$name>(),
                }),*]
            };
        }
        listed!(
            NotAdmin NotPendingAdmin NotPauser ZeroAddress EnforcedPause InvalidPauseBits
            MathOverflow VaultAlreadyRegistered VaultNotRegistered OperatorAlreadyRegistered
            OperatorNotRegistered AvsNotRegistered NotCurator InvalidFraction OverAllocated
            TooManyLinks AlreadyOptedIn NotAllowlisted NoPendingOptIn NotJoined NotSlasher
            OperatorNotSlashable SlashIdUsed VaultCallFailed DelayTooLong
        )
    }
}
