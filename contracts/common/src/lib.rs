//! Shared building blocks of the stylus-lrt contracts (vault, hub, withdrawal queue).
//!
//! # The contract convention
//!
//! Every byte counts under the 24,576-byte compressed limit, so a contract keeps alloy's
//! generic encoders and the SDK's generated router off its WASM:
//!
//! * **Entry.** Each contract declares `#[entrypoint] fn entry(..)` calling
//!   [`router::entry`] with its `router::route`, declared by [`routes!`] as one table: a line
//!   per function, `NAME = "signature" => reply`, decoding arguments positionally with
//!   [`router::Args`]; the constructor's line comes first ([`router::CONSTRUCTOR`]). On the host the same methods stay `#[public]`, so `export-abi` renders
//!   the checked-in `I*.sol` and tests run both routers side by side: they must answer alike,
//!   call every selector ([`router::unexercised`]) and route exactly the interface
//!   ([`router::declared_selectors`]).
//! * **Errors** are `sol!` errors with static fields, revert data built by
//!   [`abi::with_selector`]: an enum from [`sol_errors!`] (vault, queue; `; raw Callee` passes a
//!   callee's revert data on) or, where it is smaller, encoded where raised (the hub).
//! * **Events** are `sol!` events logged through [`abi::Event`], implemented by [`events!`]
//!   from one line per event (`Name { indexed: [..], text: field?, data: [..] }`), or by
//!   [`abi::emit`] with the same words; tests decode each with alloy ([`abi::check_event`]).
//! * **No formatting on chain:** no `unwrap`/`expect` on a `Result` whose error is `Debug`,
//!   no `format!`; each links `core::fmt` (std's panic handler already costs its share).
//! * **No panic locations in hot code:** a `copy_from_slice`, a range index or ruint's
//!   `from_be_bytes` keeps a check whose `Location` (16 bytes plus the file name) lands in the
//!   data segment, and Nitro charges every call into a program 0.75 gas per data byte
//!   (`cachedCost`, see docs/gas.md). Words are built as `[[u8; 32]; N]` and read with
//!   [`abi::uint_in`] / [`abi::address_in`]; what is left comes from the SDK's storage code.
//!
//! # Modules
//!
//! * [`roles::Roles`]: admin with two-step transfer plus many pausers. Embed it in the
//!   entrypoint struct, call [`roles::Roles::init`] from the constructor, and start every
//!   admin-only entry point with `self.roles.only_admin()?`.
//! * [`pause::Pausable`]: per-function pause bits ([`pause::DEPOSIT`], [`pause::REQUEST`],
//!   [`pause::CLAIM`], [`pause::DELEGATE`]). Guard an entry point with
//!   `self.pausable.when_not_paused(DEPOSIT)?`; expose `pause`/`unpause` by forwarding to
//!   [`pause::Pausable::pause`] / [`pause::Pausable::unpause`] with the roles.
//! * [`errors`]: the custom Solidity errors and events of these components and
//!   [`errors::AccessError`]; [`impl_from_access_error!`] converts it for `?`.
//! * [`abi`]: the lean encoder: [`abi::Word`], [`abi::emit`], [`events!`], [`sol_errors!`].
//! * [`math::mul_div`]: the one full-precision `a * b / d` with explicit [`math::Rounding`].
//! * [`router`]: the hand router's entry, [`routes!`] table, calldata decoding and return-data
//!   encoding.
//! * [`test_host!`]: the SDK's `Host` over `TestVM` for unit tests, with calls answered by
//!   the test's own fake contracts.
//! * [`packed_field!`]: a storage field narrower than a slot ([`pause::Pausable`], the vault's
//!   128-bit amounts).
//! * [`plan::Plan`]: a value whose change applies at a set time (the hub's fractions and
//!   delays, the queue's copy of the hub's deallocation-delay plan).
//! * [`limits`]: hard limits every contract enforces (delays, fees, fan-out) and `WAD`.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod abi;
pub mod errors;
pub mod limits;
pub mod math;
pub mod pause;
pub mod plan;
pub mod roles;
pub mod router;
pub mod storage;
pub mod test_host;

/// Paths used by the exported macros, so callers need no extra imports.
#[doc(hidden)]
pub mod __private {
    pub use alloc::{format, vec, vec::Vec};

    pub use alloy_sol_types;
    pub use stylus_sdk;
}

/// Stops the call where an invariant the code maintains turns out broken: a bare trap on
/// chain (an `unreachable!` would leave its message and location in the data segment, see
/// the crate docs), a panic naming it on the host.
#[inline(always)]
pub fn broken_invariant() -> ! {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    unreachable!("a contract invariant is broken")
}
