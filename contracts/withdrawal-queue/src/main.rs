//! Prints the withdrawal queue's Solidity interface (the checked-in `IWithdrawalQueue.sol`).

fn main() {
    withdrawal_queue::print_from_args();
}
