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
use super::meter;

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
    /// Encoded bytes of the data and element segments (wasmparser's `range` of each).
    segment_bytes: u64,
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
                    let element = element?;
                    parsed.elements += 1;
                    parsed.segment_bytes += element.range.end - element.range.start;
                    let count = match element.items {
                        wasmparser::ElementItems::Functions(f) => f.count(),
                        wasmparser::ElementItems::Expressions(_, e) => e.count(),
                    };
                    parsed.element_entries = parsed.element_entries.saturating_add(count as u64);
                }
            }
            Payload::DataSection(section) => {
                for data in section {
                    let data = data?;
                    parsed.datas += 1;
                    parsed.segment_bytes += data.range.end - data.range.start;
                }
            }
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
    // In Nitro's order: the ink meter, then the depth accounting.
    let params: Vec<u32> = parsed
        .types
        .iter()
        .map(|ty| ty.params().len() as u32)
        .collect();
    let instrumented = meter::instrument(wasm, &params)
        .and_then(|metered| depth::instrument(&metered, &frames))
        .map_err(|e| ValidationError::Invalid(format!("instrumentation: {e}")))?;
    let info = module_costs(&parsed, wasm.len(), pages as u16)?;
    Ok((instrumented, info))
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

/// Globals Nitro's instrumentation adds before it predicts costs: the ink
/// left and its status (`meter.rs`), the dynamic meter's scratch (`dynamic.rs`)
/// and the stack budget (`depth.rs`).
const INSTRUMENTATION_GLOBALS: u64 = 4;

/// What activation records, computed from the module as Nitro's
/// `WasmBinary::instrument` (crates/prover/src/binary.rs) predicts it from the
/// counts of the parsed module: own functions, the parameter and result
/// counts of their types, the WASM length, globals (with the four above), the
/// encoded bytes of data and element segments, and the initial pages. Each
/// term is an integer division, summed in Nitro's order; the constants are Nitro's.
fn module_costs(
    parsed: &Parsed<'_>,
    wasm_len: usize,
    footprint: u16,
) -> Result<ModuleInfo, ValidationError> {
    let funcs = parsed.bodies.len() as u64;
    let globals = parsed.globals as u64 + INSTRUMENTATION_GLOBALS;
    let wasm_len = wasm_len as u64;
    let type_len: u64 = parsed
        .functions
        .iter()
        .filter_map(|&ty| parsed.types.get(ty as usize))
        .map(|ty| (ty.params().len() + ty.results().len()) as u64)
        .sum();
    let data_len = parsed.segment_bytes;

    let asm_estimate = 512_000u64
        .saturating_add(funcs.saturating_mul(996_829) / 1000)
        .saturating_add(type_len.saturating_mul(11_416) / 1000)
        .saturating_add(wasm_len.saturating_mul(62_628) / 10_000);

    let cached_cost = (funcs.saturating_mul(13_420) / 100_000)
        .saturating_add(type_len.saturating_mul(89) / 100_000)
        .saturating_add(wasm_len.saturating_mul(122) / 100_000)
        .saturating_add(globals.saturating_mul(1628) / 1000)
        .saturating_add(data_len.saturating_mul(75_244) / 100_000)
        .saturating_add(footprint as u64 * 5);

    // Stylus version 2: the cached cost is charged on its own, not folded in here.
    let init_cost = (funcs.saturating_mul(8252) / 1000)
        .saturating_add(type_len.saturating_mul(1059) / 1000)
        .saturating_add(wasm_len.saturating_mul(1286) / 10_000);

    let too_high = |what: &'static str, count: u64, limit: u64| ValidationError::TooMany {
        what,
        count,
        limit,
    };
    Ok(ModuleInfo {
        footprint,
        init_cost: u16::try_from(init_cost)
            .map_err(|_| too_high("init cost units", init_cost, u16::MAX as u64))?,
        cached_cost: u16::try_from(cached_cost)
            .map_err(|_| too_high("cached cost units", cached_cost, u16::MAX as u64))?,
        asm_estimate: u32::try_from(asm_estimate)
            .map_err(|_| too_high("asm estimate bytes", asm_estimate, u32::MAX as u64))?,
    })
}
