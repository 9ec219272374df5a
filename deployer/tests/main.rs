//! Integration tests of `deployer`, one binary: each module is one concern. The `cli`
//! modules run the built `lrt` binary as a person or a script would; `slashing` replays the
//! slashing attacks end to end on devnets of its own.

mod arbitrum;
mod cli;
mod contract_sizes;
mod nitro_validation;
mod slashing;
mod solidity;
