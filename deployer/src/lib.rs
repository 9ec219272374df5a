//! The `lrt` deployer: builds, deploys, operates and inspects stylus-lrt.
//!
//! Every CLI command is a thin layer over the functions of this library, so the end-to-end
//! tests drive the same code paths a person does.

pub mod abi;
pub mod activation;
pub mod build;
pub mod chain;
pub mod cli;
pub mod config;
pub mod demo;
pub mod deploy;
pub mod dry_run;
pub mod error;
pub mod fees;
pub mod fragments;
pub mod manifest;
pub mod network;
pub mod ops;
pub mod output;
pub mod probe;
pub mod revert;
pub mod solidity;
pub mod status;
pub mod stylus;
pub mod units;

pub use error::{Error, Result};
