//! Prints the vault's Solidity interface (the checked-in `IVault.sol`).

fn main() {
    vault::print_from_args();
}
