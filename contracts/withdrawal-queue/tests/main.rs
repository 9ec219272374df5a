//! Integration tests of `withdrawal-queue`, one binary: each module is one concern.

mod abi;
mod hub_delay;
mod invariants;
mod queue;
mod router;
mod support;
