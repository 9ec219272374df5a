//! Integration tests of `devnet`, one binary: each module is one concern.

mod anvil_differential;
mod arbitrum_block_context;
mod arbitrum_l1_gas;
mod estimate_gas_covers_use;
mod multicall3;
mod rpc_basics;
mod rpc_cast;
mod rpc_contracts;
mod rpc_dev;
mod rpc_transactions;
mod state_persistence;
mod state_signal;
mod stylus_activation_rules;
mod stylus_arbos_precompiles;
mod stylus_delegatecall;
mod stylus_deployer;
mod stylus_execution;
mod stylus_failure_modes;
mod stylus_fragments;
mod stylus_rpc_deploy;
mod stylus_sdk_programs;
mod stylus_support;
mod support;
