//! The `lrt` deployer: builds, deploys, operates and inspects stylus-lrt.
//!
//! Every CLI command is a thin layer over the functions of this library, so the end-to-end
//! tests drive the same code paths a person does.

pub mod build;
pub mod cli;
pub mod solidity;
