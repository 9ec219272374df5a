//! `lrt` against Arbitrum as it is: network profiles, fees with their L1 part, dry runs,
//! activation lifetimes and programs over one account. Tests that move the clock or depend
//! on an untouched account run their own devnet.

mod activation;
mod dry_run;
mod fragments;
mod l1_fees;
mod network_profiles;
mod support;
