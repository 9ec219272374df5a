//! Integration tests of `deployer`, one binary: each module is one concern.

mod contract_sizes;
mod nitro_validation;
mod solidity;
