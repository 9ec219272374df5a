//! Prints the counter's Solidity interface; `cargo stylus deploy` runs it to find the constructor.

fn main() {
    test_counter::print_from_args();
}
