//! The `vm_hooks` and `console` host functions, priced in ink as Nitro prices them
//! (arbutil/src/pricing.rs, wasm-libraries/user-host-trait).
//!
//! Hostios that only touch the program's own data run inline. Those that need
//! the chain (storage misses, flushes, calls, logs, other accounts) stop the
//! WASM with a [`Request`] as a resumable host trap; the frame serves it with
//! revm's journal and resumes, so sub-calls run in revm's frame loop instead of
//! native recursion.
//!
//! One file per family, each with its import table (what activation accepts) right above
//! the `link` that registers its host functions (what instantiation provides):
//!
//! | family | hostios |
//! | --- | --- |
//! | [`args`] | `read_args`, `write_result`, `exit_early` |
//! | [`storage`] | `storage_load_bytes32`, `storage_cache_bytes32`, `storage_flush_cache`, |
//! | | `transient_load_bytes32`, `transient_store_bytes32` |
//! | [`calls`] | `call_contract`, `delegate_call_contract`, `static_call_contract`, |
//! | | `create1`, `create2`, `read_return_data`, `return_data_size` |
//! | [`logs`] | `emit_log` |
//! | [`accounts`] | `account_balance`, `account_code`, `account_code_size`, `account_codehash` |
//! | [`context`] | `block_basefee`, `block_coinbase`, `block_gas_limit`, `block_number`, |
//! | | `block_timestamp`, `chainid`, `contract_address`, `msg_reentrant`, `msg_sender`, |
//! | | `msg_value`, `tx_gas_price`, `tx_origin` |
//! | [`meter`] | `evm_gas_left`, `evm_ink_left`, `tx_ink_price`, `pay_for_memory_grow` |
//! | [`math`] | `math_div`, `math_mod`, `math_pow`, `math_add_mod`, `math_mul_mod`, |
//! | | `native_keccak256` |
//! | [`console`] | `log_txt`, `log_i32`, `log_i64`, `log_f32`, `log_f64`, `tee_i32`, `tee_i64`, |
//! | | `tee_f32`, `tee_f64` (debug chains only) |
//!
//! Below the families, each file depending only on those above it in this list:
//! [`register`] (an [`Import`] line, the [`HostLinker`], the `hostio!` macro that traces
//! a call), `ink` (the ink prices and `buy_ink`), `memory` (reading and writing the
//! program's memory), [`state`] (the store data: [`HostState`], [`Env`], the per-call
//! [`StorageCache`]) and [`request`] (the [`Request`]s and [`Exit`]s a hostio leaves the
//! WASM with). [`link`] refuses a family whose table and linked functions name different
//! hostios; `tests` holds both against each other and against the stylus-sdk's imports.

use wasmi::{Linker, ValType};

pub mod accounts;
pub mod args;
pub mod calls;
pub mod console;
pub mod context;
mod ink;
pub mod logs;
pub mod math;
mod memory;
pub mod meter;
pub mod register;
pub mod request;
pub mod state;
pub mod storage;
#[cfg(test)]
mod tests;

pub use register::{HostLinker, Import};
pub use request::{CallKind, Exit, Request};
pub use state::{CachedSlot, Env, HostState, StorageCache};

/// The hostios of one family: its import table and the function that links them.
#[derive(Clone, Copy)]
pub struct Family {
    pub name: &'static str,
    pub imports: &'static [Import],
    register: fn(&mut HostLinker<'_>) -> Result<(), wasmi::Error>,
}

/// Every family, which together are all the host functions a program may import.
pub const FAMILIES: [Family; 9] = [
    family("args", args::IMPORTS, args::link),
    family("storage", storage::IMPORTS, storage::link),
    family("calls", calls::IMPORTS, calls::link),
    family("logs", logs::IMPORTS, logs::link),
    family("accounts", accounts::IMPORTS, accounts::link),
    family("context", context::IMPORTS, context::link),
    family("meter", meter::IMPORTS, meter::link),
    family("math", math::IMPORTS, math::link),
    family("console", console::IMPORTS, console::link),
];

const fn family(
    name: &'static str,
    imports: &'static [Import],
    register: fn(&mut HostLinker<'_>) -> Result<(), wasmi::Error>,
) -> Family {
    Family {
        name,
        imports,
        register,
    }
}

/// A family's import table and its linked host functions disagree, or wasmi refused one.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("linking the {family} hostios: {source}")]
    Linker {
        family: &'static str,
        source: wasmi::Error,
    },
    #[error("the {family} hostios link {module}::{name}, which their import table does not list")]
    Unlisted {
        family: &'static str,
        module: &'static str,
        name: &'static str,
    },
    #[error("the {family} hostios list {module}::{name} in their import table but do not link it")]
    Unlinked {
        family: &'static str,
        module: &'static str,
        name: &'static str,
    },
}

impl Family {
    /// Registers the family's host functions in `linker`, checking they are exactly the
    /// ones its import table lists.
    pub fn link(&self, linker: &mut Linker<HostState>) -> Result<(), LinkError> {
        let mut host = HostLinker::new(linker);
        (self.register)(&mut host).map_err(|source| LinkError::Linker {
            family: self.name,
            source,
        })?;
        let listed = |module: &str, name: &str| {
            self.imports
                .iter()
                .any(|import| (import.module, import.name) == (module, name))
        };
        if let Some(&(module, name)) = host.linked.iter().find(|&&(m, n)| !listed(m, n)) {
            return Err(LinkError::Unlisted {
                family: self.name,
                module,
                name,
            });
        }
        let linked = |import: &&Import| host.linked.contains(&(import.module, import.name));
        if let Some(import) = self.imports.iter().find(|import| !linked(import)) {
            return Err(LinkError::Unlinked {
                family: self.name,
                module: import.module,
                name: import.name,
            });
        }
        Ok(())
    }
}

/// Type of every host function a program may import, by module and name.
pub fn import_signature(
    module: &str,
    name: &str,
) -> Option<(&'static [ValType], &'static [ValType])> {
    FAMILIES
        .iter()
        .flat_map(|family| family.imports)
        .find(|import| import.module == module && import.name == name)
        .map(|import| (import.params, import.results))
}

/// Registers every host function in `linker`.
pub fn link(linker: &mut Linker<HostState>) -> Result<(), LinkError> {
    FAMILIES.iter().try_for_each(|family| family.link(linker))
}
