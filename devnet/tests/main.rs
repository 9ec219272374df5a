//! Integration tests of `devnet`, one binary: each module is one concern.

mod anvil_differential;
mod rpc_basics;
mod rpc_cast;
mod rpc_concurrency;
mod rpc_contracts;
mod rpc_dev;
mod rpc_edge_cases;
mod rpc_filters;
mod rpc_mining;
mod rpc_node_methods;
mod rpc_proofs;
mod rpc_signing;
mod rpc_traces;
mod rpc_transactions;
mod state_persistence;
mod state_signal;
mod stylus_arbos_precompiles;
mod stylus_deployer;
mod stylus_execution;
mod stylus_rpc_deploy;
mod stylus_sdk_programs;
mod stylus_support;
mod support;
