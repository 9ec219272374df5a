//! Shared building blocks of the stylus-lrt contracts (vault, hub, withdrawal queue).
//!
//! * [`interfaces`]: `sol_interface!` handles for the cross-contract calls (`IERC20`, `IVault`,
//!   `IHub`), e.g. `IERC20::new(asset).transfer(self.vm(), Call::new_mutating(self), to, x)`.
//! * [`roles::Roles`]: admin with two-step transfer plus many pausers. Embed it in the
//!   entrypoint struct, call [`roles::Roles::init`] from the `#[constructor]`, and start every
//!   admin-only entry point with `self.roles.only_admin()?`.
//! * [`pause::Pausable`]: per-function pause bits ([`pause::DEPOSIT`], [`pause::REQUEST`],
//!   [`pause::CLAIM`], [`pause::DELEGATE`]). Guard an entry point with
//!   `self.pausable.when_not_paused(DEPOSIT)?`; expose `pause`/`unpause` by forwarding to
//!   [`pause::Pausable::pause`] / [`pause::Pausable::unpause`] with the roles.
//! * [`errors`]: the custom Solidity errors and events of these components and
//!   [`errors::AccessError`]. A contract lists the same variants in its own
//!   [`sol_errors!`] enum and gets `From<AccessError>` with [`impl_from_access_error!`], so
//!   `?` chains (the ABI export then lists every error flat).
//! * [`abi`]: `emit` for events and `sol_errors!` for error enums, sharing one small encoder
//!   instead of alloy's per-type one (that is what keeps a contract under 24 KB).
//! * [`math::mul_div`]: the one full-precision `a * b / d` with explicit [`math::Rounding`].
//! * [`router`]: calldata decoding and return-data encoding for a hand-written `#[fallback]`
//!   router, which costs far less WASM than the SDK's generated one.
//! * [`test_host!`]: the SDK's `Host` over `TestVM` for unit tests, with calls answered by
//!   the test's own fake contracts.
//! * [`limits`]: hard limits every contract enforces (delays, fees, fan-out) and `WAD`.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod abi;
pub mod errors;
pub mod interfaces;
pub mod limits;
pub mod math;
pub mod pause;
pub mod roles;
pub mod router;
pub mod test_host;

/// Paths used by the exported macros, so callers need no extra imports.
#[doc(hidden)]
pub mod __private {
    pub use alloc::{format, vec, vec::Vec};

    pub use alloy_sol_types;
    pub use stylus_sdk;
}
