//! Tests of the `lrt` binary: exit codes, messages, output shape, colour, assets with other
//! decimals, and where it finds the contracts. The chain tests share one in-process devnet
//! and one deployment made by `lrt deploy` itself; each test that sends transactions signs
//! with its own devnet account so they can run in parallel.

mod artifacts;
mod colour;
mod decimals;
mod exit_codes;
mod json_output;
mod parse_errors;
mod refusals;
mod rewire;
pub mod support;
