//! How a hostio leaves the WASM: a [`Request`] the frame serves with the chain, or an
//! [`Exit`] that ends the program. Both travel as a resumable wasmi host trap.

use revm::primitives::{Address, B256, Bytes, U256};
use wasmi::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Call,
    Delegate,
    Static,
}

/// Why a program stopped before returning from its entrypoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `exit_early(status)`: 0 returns the written result, anything else reverts with it.
    Early(u32),
    OutOfInk,
    /// A hostio was misused (bad pointer, bad topic count...); Nitro reverts the call.
    Failure(String),
}

/// A hostio that needs the chain; carried out of the WASM by a host trap.
#[derive(Clone, Debug)]
pub enum Request {
    StorageLoad {
        key: B256,
        dest: u32,
    },
    StorageFlush {
        clear: bool,
    },
    TransientLoad {
        key: B256,
        dest: u32,
    },
    TransientStore {
        key: B256,
        value: B256,
    },
    Call {
        kind: CallKind,
        to: Address,
        input: Bytes,
        value: U256,
        gas: u64,
        ret_len: u32,
    },
    Create {
        code: Bytes,
        value: U256,
        salt: Option<B256>,
        address_out: u32,
        ret_len: u32,
    },
    Log {
        topics: Vec<B256>,
        data: Bytes,
    },
    Balance {
        address: Address,
        dest: u32,
    },
    Code {
        address: Address,
        offset: u32,
        size: u32,
        dest: u32,
    },
    CodeSize {
        address: Address,
    },
    CodeHash {
        address: Address,
        dest: u32,
    },
    Exit(Exit),
}

impl std::fmt::Display for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stylus host request {self:?}")
    }
}

impl wasmi::errors::HostError for Request {}

pub(super) fn stop(exit: Exit) -> Error {
    Error::host(Request::Exit(exit))
}

pub(super) fn request(req: Request) -> Error {
    Error::host(req)
}
