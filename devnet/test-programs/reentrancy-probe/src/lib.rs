//! Built without the SDK's `reentrant` feature, so its entrypoint refuses any call made
//! while the probe is already running (Nitro's `msg_reentrant`). `enter` asks a relay to
//! call `poke` back and reports whether that inner call got through.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

extern crate alloc;

use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::SolCall;
use stylus_sdk::prelude::*;
use stylus_sdk::storage::StorageU256;

sol_interface! {
    interface IRelay {
        function forward(address target, bytes data) external returns (bytes);
    }
}

alloy_sol_types::sol! {
    function poke() external returns (uint256);
}

#[storage]
#[entrypoint]
pub struct Probe {
    pokes: StorageU256,
}

#[public]
impl Probe {
    pub fn poke(&mut self) -> U256 {
        let pokes = self.pokes.get() + U256::from(1);
        self.pokes.set(pokes);
        pokes
    }

    /// Has `relay` call `poke` on `target`; true when that call succeeded.
    pub fn enter(&mut self, relay: Address, target: Address) -> bool {
        let call = Call::new_mutating(self);
        let data = Bytes::from(pokeCall {}.abi_encode());
        IRelay::new(relay)
            .forward(self.vm(), call, target, data)
            .is_ok()
    }

    pub fn pokes(&self) -> U256 {
        self.pokes.get()
    }
}
