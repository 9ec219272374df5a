//! Harness of the end-to-end tests: an in-process devnet per test, the contracts built once
//! per test binary, a deployment through the deployer library (the code `lrt` runs), actors
//! with their own keys, and the DESIGN.md §2 invariants checked after each step.

pub mod invariants;
pub mod setup;
pub mod world;

pub use world::World;
