//! Activation-time checks of a WASM module, with the limits Nitro applies.

use wasmi::{Engine, ExternType, Module, ValType};

use super::hostio::import_signature;
use super::params::PAGE_LIMIT;

pub const ENTRYPOINT: &str = "user_entrypoint";

/// What activation records about a valid module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModuleInfo {
    /// Initial memory in 64 KiB pages.
    pub footprint: u16,
    /// Units (of 128 gas at scalar 100 %) charged on each uncached call.
    pub init_cost: u16,
    /// Units (of 32 gas at scalar 100 %) charged on every call.
    pub cached_cost: u16,
    /// Estimated size of the compiled module in bytes; the data fee is priced on it.
    pub asm_estimate: u32,
}

/// Why a module cannot be activated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    Parse(String),
    MissingEntrypoint,
    BadEntrypointSignature,
    MissingMemory,
    MemoryTooLarge { pages: u64 },
    ForbiddenImport { module: String, name: String },
    BadImportSignature { name: String },
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Parse(e) => write!(f, "invalid wasm: {e}"),
            Self::MissingEntrypoint => write!(f, "missing export {ENTRYPOINT}"),
            Self::BadEntrypointSignature => write!(f, "{ENTRYPOINT} must have type (i32) -> i32"),
            Self::MissingMemory => write!(f, "missing exported memory"),
            Self::MemoryTooLarge { pages } => {
                write!(
                    f,
                    "memory of {pages} pages exceeds the limit of {PAGE_LIMIT}"
                )
            }
            Self::ForbiddenImport { module, name } => {
                write!(f, "import {module}.{name} is not a Stylus host function")
            }
            Self::BadImportSignature { name } => write!(f, "import {name} has the wrong type"),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Parses and checks `wasm`, returning the module ready to instantiate.
pub fn validate(engine: &Engine, wasm: &[u8]) -> Result<(Module, ModuleInfo), ValidationError> {
    let module = Module::new(engine, wasm).map_err(|e| ValidationError::Parse(e.to_string()))?;

    for import in module.imports() {
        let forbidden = || ValidationError::ForbiddenImport {
            module: import.module().to_owned(),
            name: import.name().to_owned(),
        };
        let (params, results) =
            import_signature(import.module(), import.name()).ok_or_else(forbidden)?;
        let ExternType::Func(ty) = import.ty() else {
            return Err(forbidden());
        };
        if ty.params() != params || ty.results() != results {
            return Err(ValidationError::BadImportSignature {
                name: import.name().to_owned(),
            });
        }
    }

    let mut entrypoint = None;
    let mut memory_pages = None;
    for export in module.exports() {
        match (export.name(), export.ty()) {
            (ENTRYPOINT, ExternType::Func(ty)) => entrypoint = Some(ty.clone()),
            ("memory", ExternType::Memory(ty)) => memory_pages = Some(ty.minimum()),
            _ => {}
        }
    }
    let entrypoint = entrypoint.ok_or(ValidationError::MissingEntrypoint)?;
    if entrypoint.params() != [ValType::I32] || entrypoint.results() != [ValType::I32] {
        return Err(ValidationError::BadEntrypointSignature);
    }
    let pages = memory_pages.ok_or(ValidationError::MissingMemory)?;
    if pages > PAGE_LIMIT as u64 {
        return Err(ValidationError::MemoryTooLarge { pages });
    }

    Ok((module, estimate_costs(wasm.len(), pages as u16)))
}

/// Nitro derives these from its compiled module; the interpreter has none, so
/// they are estimated from the module size with ratios observed on Nitro for
/// SDK-built programs (machine code about 2.5 times the WASM size, init cost
/// growing with code size).
fn estimate_costs(wasm_len: usize, footprint: u16) -> ModuleInfo {
    let asm_estimate = (wasm_len as u64 * 5 / 2).min(u32::MAX as u64) as u32;
    let init_cost = (wasm_len / 64).min(u16::MAX as usize) as u16;
    let cached_cost = (wasm_len / 1024).min(u16::MAX as usize) as u16;
    ModuleInfo {
        footprint,
        init_cost,
        cached_cost,
        asm_estimate,
    }
}
