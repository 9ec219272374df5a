//! Activation-time checks of a WASM module, exactly the ones Nitro applies
//! (`WasmBinary::parse_user` in Nitro's prover and its instrumentation): the
//! same WASM features, the same counts and name limits, the same frame bounds.

use wasmi::{Engine, Module};
use wasmparser::{
    CompositeInnerType, ExternalKind, FuncType, Parser, Payload, TypeRef, Validator, WasmFeatures,
};

use super::arbos::Rules;
use super::depth::{self, FrameError, Signatures};
use super::hostio::import_signature;

pub const ENTRYPOINT: &str = "user_entrypoint";

/// Nitro's anti-DoS limits on what a module may declare.
const MAX_MEMORIES: usize = 1;
const MAX_DATA_SEGMENTS: usize = 128;
const MAX_ELEMENT_SEGMENTS: usize = 128;
const MAX_EXPORTS: usize = 1024;
const MAX_FUNCTIONS: usize = 4096;
const MAX_GLOBALS: usize = 32768;
const MAX_LOCALS: usize = 348;
const MAX_OPCODES: usize = 65536;
const MAX_IMPORTS: usize = 513;
const MAX_TABLE_ENTRIES: u64 = 4096;
const MAX_ELEMENT_ENTRIES: u64 = 4096;
const MAX_NAME_LEN: usize = 512;
/// Names Nitro keeps for its own instrumentation (`stylus_ink_left`, ...).
const RESERVED_PREFIX: &str = "stylus";

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
    /// Not WASM the chain's ArbOS accepts (reference types, SIMD, multi-value on
    /// ArbOS 60+, a malformed module...).
    Invalid(String),
    TooMany {
        what: &'static str,
        count: u64,
        limit: u64,
    },
    NameTooLong {
        len: usize,
    },
    ReservedName(String),
    ReexportedImport(String),
    StartFunction,
    UnsupportedImportKind,
    Frame(FrameError),
    MissingEntrypoint,
    BadEntrypointSignature,
    MissingMemory,
    MemoryTooLarge {
        pages: u64,
        limit: u16,
    },
    ForbiddenImport {
        module: String,
        name: String,
    },
    BadImportSignature {
        name: String,
    },
    /// `console` host functions exist only on debug chains.
    DebugOnlyImport {
        name: String,
    },
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(e) => write!(f, "invalid wasm: {e}"),
            Self::TooMany { what, count, limit } => {
                write!(f, "too many wasm {what}: {count} > {limit}")
            }
            Self::NameTooLong { len } => {
                write!(f, "wasm name too long: {len} > {MAX_NAME_LEN}")
            }
            Self::ReservedName(name) => write!(f, "wasm uses reserved name {name}"),
            Self::ReexportedImport(name) => {
                write!(f, "wasm exports an import with the same name {name}")
            }
            Self::StartFunction => write!(f, "wasm start functions not allowed"),
            Self::UnsupportedImportKind => write!(f, "only functions may be imported"),
            Self::Frame(e) => write!(f, "{e}"),
            Self::MissingEntrypoint => write!(f, "missing export {ENTRYPOINT}"),
            Self::BadEntrypointSignature => write!(f, "{ENTRYPOINT} must have type (i32) -> i32"),
            Self::MissingMemory => write!(f, "missing memory with export name \"memory\""),
            Self::MemoryTooLarge { pages, limit } => {
                write!(f, "memory exceeds limit: {pages} > {limit}")
            }
            Self::ForbiddenImport { module, name } => {
                write!(f, "import {module}.{name} is not a Stylus host function")
            }
            Self::BadImportSignature { name } => write!(f, "import {name} has the wrong type"),
            Self::DebugOnlyImport { name } => {
                write!(
                    f,
                    "import console.{name} is only available on a debug chain"
                )
            }
        }
    }
}

impl std::error::Error for ValidationError {}

impl From<wasmparser::BinaryReaderError> for ValidationError {
    fn from(error: wasmparser::BinaryReaderError) -> Self {
        Self::Invalid(error.to_string())
    }
}

/// The WASM features Nitro's parser enables: MVP plus mutable globals,
/// saturating conversions, sign extension and bulk memory; no reference types
/// (which also refuses the padded `call_indirect` table immediate), and no
/// multi-value from ArbOS 60 on.
pub fn nitro_features(rules: &Rules) -> WasmFeatures {
    let mut features = WasmFeatures::empty();
    for feature in [
        WasmFeatures::MUTABLE_GLOBAL,
        WasmFeatures::SATURATING_FLOAT_TO_INT,
        WasmFeatures::SIGN_EXTENSION,
        WasmFeatures::BULK_MEMORY,
        WasmFeatures::FLOATS,
        WasmFeatures::GC_TYPES,
    ] {
        features.insert(feature);
    }
    features.set(WasmFeatures::MULTI_VALUE, rules.multi_value());
    features
}

fn limit(what: &'static str, count: impl TryInto<u64>, limit: u64) -> Result<(), ValidationError> {
    let count = count.try_into().unwrap_or(u64::MAX);
    match count > limit {
        true => Err(ValidationError::TooMany { what, count, limit }),
        false => Ok(()),
    }
}

/// Everything about a module the checks need, read in one pass.
#[derive(Default)]
struct Parsed<'a> {
    types: Vec<FuncType>,
    imports: Vec<(&'a str, &'a str, u32)>,
    functions: Vec<u32>,
    exports: Vec<(&'a str, ExternalKind, u32)>,
    memories: Vec<u64>,
    globals: usize,
    table_entries: u64,
    elements: usize,
    element_entries: u64,
    datas: usize,
    start: bool,
    module_name_len: usize,
    bodies: Vec<wasmparser::FunctionBody<'a>>,
}

fn parse(wasm: &[u8]) -> Result<Parsed<'_>, ValidationError> {
    let mut parsed = Parsed::default();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload? {
            Payload::TypeSection(section) => {
                for group in section {
                    for ty in group?.into_types() {
                        match ty.composite_type.inner {
                            CompositeInnerType::Func(func) => parsed.types.push(func),
                            _ => return Err(ValidationError::Invalid("non-function type".into())),
                        }
                    }
                }
            }
            Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import?;
                    let TypeRef::Func(ty) = import.ty else {
                        return Err(ValidationError::UnsupportedImportKind);
                    };
                    parsed.imports.push((import.module, import.name, ty));
                }
            }
            Payload::FunctionSection(section) => {
                for ty in section {
                    parsed.functions.push(ty?);
                }
            }
            Payload::TableSection(section) => {
                for table in section {
                    parsed.table_entries = parsed.table_entries.saturating_add(table?.ty.initial);
                }
            }
            Payload::MemorySection(section) => {
                for memory in section {
                    parsed.memories.push(memory?.initial);
                }
            }
            Payload::GlobalSection(section) => parsed.globals += section.count() as usize,
            Payload::ExportSection(section) => {
                for export in section {
                    let export = export?;
                    parsed
                        .exports
                        .push((export.name, export.kind, export.index));
                }
            }
            Payload::StartSection { .. } => parsed.start = true,
            Payload::ElementSection(section) => {
                for element in section {
                    parsed.elements += 1;
                    let count = match element?.items {
                        wasmparser::ElementItems::Functions(f) => f.count(),
                        wasmparser::ElementItems::Expressions(_, e) => e.count(),
                    };
                    parsed.element_entries = parsed.element_entries.saturating_add(count as u64);
                }
            }
            Payload::DataSection(section) => parsed.datas += section.count() as usize,
            Payload::CodeSectionEntry(body) => parsed.bodies.push(body),
            Payload::CustomSection(reader) if reader.name() == "name" => {
                let names = wasmparser::NameSectionReader::new(reader.data_reader());
                for name in names {
                    if let Ok(wasmparser::Name::Module { name, .. }) = name {
                        parsed.module_name_len = name.len();
                    }
                }
            }
            _ => {}
        }
    }
    Ok(parsed)
}

/// Checks `wasm` as Nitro's activation does and returns it instrumented for
/// Nitro's stack-depth accounting, with what activation records about it.
pub fn check(wasm: &[u8], rules: &Rules) -> Result<(Vec<u8>, ModuleInfo), ValidationError> {
    Validator::new_with_features(nitro_features(rules))
        .validate_all(wasm)
        .map_err(|e| ValidationError::Invalid(e.to_string()))?;
    let parsed = parse(wasm)?;

    check_imports(&parsed, rules)?;
    check_names(&parsed)?;

    // Nitro counts the first memory's pages against the limit, then the counts.
    let pages = *parsed
        .memories
        .first()
        .ok_or(ValidationError::MissingMemory)?;
    if pages > rules.page_limit() as u64 {
        return Err(ValidationError::MemoryTooLarge {
            pages,
            limit: rules.page_limit(),
        });
    }
    limit("memories", parsed.memories.len(), MAX_MEMORIES as u64)?;
    limit("datas", parsed.datas, MAX_DATA_SEGMENTS as u64)?;
    limit("elements", parsed.elements, MAX_ELEMENT_SEGMENTS as u64)?;
    limit("exports", parsed.exports.len(), MAX_EXPORTS as u64)?;
    limit("functions", parsed.bodies.len(), MAX_FUNCTIONS as u64)?;
    limit("globals", parsed.globals, MAX_GLOBALS as u64)?;
    limit("imports", parsed.imports.len(), MAX_IMPORTS as u64)?;
    limit("table entries", parsed.table_entries, MAX_TABLE_ENTRIES)?;
    limit(
        "element entries",
        parsed.element_entries,
        MAX_ELEMENT_ENTRIES,
    )?;
    if parsed.start {
        return Err(ValidationError::StartFunction);
    }

    let signatures = Signatures::new(&parsed.types, &parsed.imports, &parsed.functions);
    let mut frames = Vec::with_capacity(parsed.bodies.len());
    for (index, body) in parsed.bodies.iter().enumerate() {
        let locals = body
            .get_locals_reader()?
            .into_iter()
            .try_fold(0u64, |sum, local| local.map(|(n, _)| sum + n as u64))?;
        limit("locals", locals, MAX_LOCALS as u64)?;
        let opcodes = body.get_operators_reader()?.into_iter().count();
        limit("opcodes in func body", opcodes, MAX_OPCODES as u64)?;
        let frame = depth::frame_size(index, body, locals as u32, &signatures)
            .map_err(ValidationError::Frame)?;
        frames.push(frame);
    }

    check_entrypoint(&parsed)?;
    let instrumented = depth::instrument(wasm, &frames)
        .map_err(|e| ValidationError::Invalid(format!("instrumentation: {e}")))?;
    Ok((instrumented, estimate_costs(wasm.len(), pages as u16)))
}

fn check_imports(parsed: &Parsed<'_>, rules: &Rules) -> Result<(), ValidationError> {
    for &(module, name, ty) in &parsed.imports {
        let forbidden = || ValidationError::ForbiddenImport {
            module: module.to_owned(),
            name: name.to_owned(),
        };
        let (params, results) = import_signature(module, name).ok_or_else(forbidden)?;
        if module == "console" && !rules.debug {
            return Err(ValidationError::DebugOnlyImport {
                name: name.to_owned(),
            });
        }
        let ty = parsed.types.get(ty as usize).ok_or_else(forbidden)?;
        let same = |ours: &[wasmi::ValType], theirs: &[wasmparser::ValType]| {
            ours.len() == theirs.len()
                && ours.iter().zip(theirs).all(|(a, b)| {
                    matches!(
                        (a, b),
                        (wasmi::ValType::I32, wasmparser::ValType::I32)
                            | (wasmi::ValType::I64, wasmparser::ValType::I64)
                            | (wasmi::ValType::F32, wasmparser::ValType::F32)
                            | (wasmi::ValType::F64, wasmparser::ValType::F64)
                    )
                })
        };
        if !same(params, ty.params()) || !same(results, ty.results()) {
            return Err(ValidationError::BadImportSignature {
                name: name.to_owned(),
            });
        }
    }
    Ok(())
}

/// Nitro's name rules: no export may shadow an import's name (after the last
/// `__`), none may use the reserved prefix, and names are at most 512 bytes.
fn check_names(parsed: &Parsed<'_>) -> Result<(), ValidationError> {
    let reserved = |name: &str| name.starts_with(RESERVED_PREFIX);
    for &(name, _, _) in &parsed.exports {
        let base = name.rsplit("__").next().unwrap_or(name);
        if parsed.imports.iter().any(|&(_, import, _)| import == base) {
            return Err(ValidationError::ReexportedImport(base.to_owned()));
        }
        if reserved(base) {
            return Err(ValidationError::ReservedName(base.to_owned()));
        }
    }
    if let Some(&(_, name, _)) = parsed.imports.iter().find(|&&(_, name, _)| reserved(name)) {
        return Err(ValidationError::ReservedName(name.to_owned()));
    }
    let longest = parsed
        .exports
        .iter()
        .map(|&(name, _, _)| name.len())
        .chain([parsed.module_name_len])
        .max()
        .unwrap_or(0);
    if longest > MAX_NAME_LEN {
        return Err(ValidationError::NameTooLong { len: longest });
    }
    Ok(())
}

fn check_entrypoint(parsed: &Parsed<'_>) -> Result<(), ValidationError> {
    let export = |wanted: &str, kind: ExternalKind| {
        parsed
            .exports
            .iter()
            .find(|&&(name, k, _)| name == wanted && k == kind)
            .map(|&(_, _, index)| index)
    };
    export("memory", ExternalKind::Memory).ok_or(ValidationError::MissingMemory)?;
    let func = export(ENTRYPOINT, ExternalKind::Func).ok_or(ValidationError::MissingEntrypoint)?;
    let imported = parsed.imports.len() as u32;
    let ty = func
        .checked_sub(imported)
        .and_then(|local| parsed.functions.get(local as usize))
        .and_then(|&ty| parsed.types.get(ty as usize))
        .ok_or(ValidationError::BadEntrypointSignature)?;
    let i32_only = |types: &[wasmparser::ValType]| types == [wasmparser::ValType::I32];
    if !i32_only(ty.params()) || !i32_only(ty.results()) {
        return Err(ValidationError::BadEntrypointSignature);
    }
    Ok(())
}

/// Checks `wasm` and compiles its instrumented form for `engine`.
pub fn validate(
    engine: &Engine,
    wasm: &[u8],
    rules: &Rules,
) -> Result<(Module, ModuleInfo), ValidationError> {
    let (instrumented, info) = check(wasm, rules)?;
    let module =
        Module::new(engine, &instrumented).map_err(|e| ValidationError::Invalid(e.to_string()))?;
    Ok((module, info))
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
