//! Emits `sol!` events with indexed, static and dynamic fields, for log decoding tests.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

extern crate alloc;

use alloc::string::String;

use alloy_primitives::{B256, U256};
use alloy_sol_types::sol;
use stylus_sdk::prelude::*;
use stylus_sdk::storage::StorageU256;

sol! {
    event Logged(address indexed sender, uint256 indexed id, string message);
    event Tagged(bytes32 tag, uint256[] values);
}

#[storage]
#[entrypoint]
pub struct Logger {
    next_id: StorageU256,
}

#[public]
impl Logger {
    /// Emits `Logged` with the next id and returns that id.
    pub fn log(&mut self, message: String) -> U256 {
        let id = self.next_id.get();
        self.next_id.set(id + U256::from(1));
        self.vm().log(Logged {
            sender: self.vm().msg_sender(),
            id,
            message,
        });
        id
    }

    /// Emits one `Tagged` carrying `0..count`.
    pub fn tag(&mut self, tag: B256, count: u8) {
        let values = (0..count).map(U256::from).collect();
        self.vm().log(Tagged { tag, values });
    }
}
