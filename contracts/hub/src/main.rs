//! Prints the hub's Solidity interface (the checked-in `IHub.sol`).

fn main() {
    hub::print_from_args();
}
