//! Integration tests of `hub`, one binary: each module is one concern.

mod abi;
mod attacks;
mod breaker;
mod invariants;
mod membership;
mod registry;
mod router;
mod slashing;
mod stake;
mod support;
