//! Typed bindings (alloy `sol!`) of every contract the deployer talks to: the three Stylus
//! contracts, the Arbitrum precompile and factory that deploy them, and the Solidity fixtures.

pub mod fixtures;
pub mod lrt;
pub mod stylus;
