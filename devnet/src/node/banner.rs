//! The start-up text, laid out like anvil's so people know where to look.

use std::fmt::Write as _;

use alloy::primitives::utils::format_ether;

use super::DevnetHandle;
use crate::config::BASE_FEE;

impl DevnetHandle {
    pub fn banner(&self) -> String {
        let chain = self.context.chain();
        let signers = chain.accounts().signers();
        let mut out = String::new();
        let _ = writeln!(out, "\nstylus-lrt devnet v{}\n", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(out, "Available Accounts\n==================");
        for (i, signer) in signers.iter().enumerate() {
            let balance = chain.balance(signer.address(), None).unwrap_or_default();
            let _ = writeln!(
                out,
                "({i}) {} ({} ETH)",
                signer.address(),
                format_ether(balance)
            );
        }
        let _ = writeln!(out, "\nPrivate Keys\n==================");
        for (i, signer) in signers.iter().enumerate() {
            let _ = writeln!(out, "({i}) {}", signer.to_bytes());
        }
        let spec = chain.spec();
        let _ = writeln!(out, "\nChain ID\n==================\n{}", spec.chain_id);
        let _ = writeln!(out, "\nBase Fee\n==================\n{BASE_FEE}");
        let _ = writeln!(out, "\nGas Limit\n==================\n{}", spec.gas_limit);
        let head = chain.head();
        let _ = writeln!(
            out,
            "\nHead\n==================\n#{} {}",
            head.number(),
            head.hash()
        );
        match (&self.loaded_from, self.context.state_file()) {
            (Some(path), _) => {
                let _ = writeln!(
                    out,
                    "\nState loaded from {}, saved there on exit",
                    path.display()
                );
            }
            (None, Some(path)) => {
                let _ = writeln!(out, "\nState will be saved to {} on exit", path.display());
            }
            (None, None) => {}
        }
        let _ = write!(out, "\nListening on {}", self.endpoint());
        out
    }
}
