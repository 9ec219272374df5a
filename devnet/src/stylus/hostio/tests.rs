//! The import table (what activation accepts) against the linker (what instantiation
//! provides), and both against the hostios the stylus-sdk declares.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use wasmi::{Engine, Linker, Module, Store, ValType};

use super::register::NONE;
use super::{FAMILIES, Family, HostState, Import, LinkError, args, import_signature, link};

/// Hostios Nitro provides that the stylus-sdk 0.10 does not declare: programs built with
/// other toolchains (or by hand) import them.
const NITRO_ONLY: [(&str, &str); 12] = [
    ("vm_hooks", "exit_early"),
    ("vm_hooks", "transient_load_bytes32"),
    ("vm_hooks", "transient_store_bytes32"),
    ("vm_hooks", "math_div"),
    ("vm_hooks", "math_mod"),
    ("vm_hooks", "math_pow"),
    ("vm_hooks", "math_add_mod"),
    ("vm_hooks", "math_mul_mod"),
    ("console", "tee_i32"),
    ("console", "tee_i64"),
    ("console", "tee_f32"),
    ("console", "tee_f64"),
];

fn linked() -> (Engine, Linker<HostState>) {
    let engine = Engine::default();
    let mut linker = Linker::new(&engine);
    link(&mut linker).expect("every family links what its table lists");
    (engine, linker)
}

fn all_imports() -> impl Iterator<Item = &'static Import> {
    FAMILIES.iter().flat_map(|family| family.imports)
}

fn encoded(ty: &ValType) -> wasm_encoder::ValType {
    match ty {
        ValType::I32 => wasm_encoder::ValType::I32,
        ValType::I64 => wasm_encoder::ValType::I64,
        ValType::F32 => wasm_encoder::ValType::F32,
        ValType::F64 => wasm_encoder::ValType::F64,
        other => panic!("no hostio takes or returns {other:?}"),
    }
}

/// Instantiates a module that imports `imports`, each with the type it gives: wasmi
/// refuses an import the linker lacks or provides with another type.
fn instantiate(
    engine: &Engine,
    linker: &Linker<HostState>,
    imports: &[Import],
) -> Result<(), String> {
    let mut types = wasm_encoder::TypeSection::new();
    let mut section = wasm_encoder::ImportSection::new();
    for (index, import) in imports.iter().enumerate() {
        let params = import.params.iter().map(encoded);
        let results = import.results.iter().map(encoded);
        types.ty().function(params, results);
        section.import(
            import.module,
            import.name,
            wasm_encoder::EntityType::Function(index as u32),
        );
    }
    let mut wasm = wasm_encoder::Module::new();
    wasm.section(&types).section(&section);
    let module = Module::new(engine, wasm.finish()).map_err(|e| e.to_string())?;
    let mut store = Store::new(engine, HostState::default());
    linker
        .instantiate_and_start(&mut store, &module)
        .map(drop)
        .map_err(|e| e.to_string())
}

#[test]
fn every_import_activation_accepts_is_linked_with_the_same_type() {
    let (engine, linker) = linked();
    for import in all_imports() {
        let accepted = import_signature(import.module, import.name);
        assert_eq!(
            accepted,
            Some((import.params, import.results)),
            "{import:?}"
        );
        if let Err(error) = instantiate(&engine, &linker, &[*import]) {
            panic!(
                "{}::{} is accepted but not provided: {error}",
                import.module, import.name
            );
        }
    }
}

#[test]
fn an_import_typed_otherwise_than_the_linked_hostio_does_not_instantiate() {
    let (engine, linker) = linked();
    let wrong = Import::vm_hooks("read_args", &[ValType::I64], NONE);
    assert!(instantiate(&engine, &linker, &[wrong]).is_err());
    let unknown = Import::vm_hooks("read_everything", &[ValType::I32], NONE);
    assert!(instantiate(&engine, &linker, &[unknown]).is_err());
}

#[test]
fn every_linked_hostio_is_listed_once_in_its_familys_table() {
    // `link` holds each family's linked functions against its table...
    linked();
    // ...and the linker refuses a name defined twice, so no two families link the same one;
    // nor may two tables list it.
    let mut seen = BTreeSet::new();
    for import in all_imports() {
        assert!(
            seen.insert((import.module, import.name)),
            "{import:?} listed twice"
        );
    }
}

#[test]
fn a_family_linking_a_hostio_its_table_omits_is_refused() {
    let family = Family {
        name: "args",
        imports: &args::IMPORTS[..2],
        register: args::link,
    };
    let mut linker = Linker::new(&Engine::default());
    match family.link(&mut linker) {
        Err(LinkError::Unlisted { name, .. }) => assert_eq!(name, args::IMPORTS[2].name),
        other => panic!("linked a hostio its table omits: {other:?}"),
    }
}

#[test]
fn a_family_listing_a_hostio_it_does_not_link_is_refused() {
    static LISTED: [Import; 4] = [
        args::IMPORTS[0],
        args::IMPORTS[1],
        args::IMPORTS[2],
        Import::vm_hooks("math_div", &[ValType::I32, ValType::I32], NONE),
    ];
    let family = Family {
        name: "args",
        imports: &LISTED,
        register: args::link,
    };
    let mut linker = Linker::new(&Engine::default());
    match family.link(&mut linker) {
        Err(LinkError::Unlinked { name, .. }) => assert_eq!(name, "math_div"),
        other => panic!("listed a hostio it does not link: {other:?}"),
    }
}

#[test]
fn every_hostio_the_stylus_sdk_declares_is_accepted_and_provided_with_its_type() {
    let sdk = sdk_hostios();
    let missing: Vec<_> = sdk
        .iter()
        .filter(|import| {
            import_signature(import.module, import.name) != Some((import.params, import.results))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "the SDK may import these, typed so, and the devnet refuses them: {missing:#?}"
    );
    let (engine, linker) = linked();
    instantiate(&engine, &linker, &sdk)
        .expect("the linker provides every SDK hostio with its type");
}

#[test]
fn the_hostios_beyond_the_stylus_sdks_are_nitros() {
    let sdk: BTreeSet<_> = sdk_hostios().iter().map(|i| (i.module, i.name)).collect();
    let ours: BTreeSet<_> = all_imports().map(|i| (i.module, i.name)).collect();
    let beyond: BTreeSet<_> = ours.difference(&sdk).copied().collect();
    assert_eq!(beyond, BTreeSet::from(NITRO_ONLY));
}

/// The hostios the workspace's stylus-sdk 0.10 declares in its `vm_hooks!` blocks
/// (`src/hostio.rs`), typed as they import on wasm32.
fn sdk_hostios() -> Vec<Import> {
    let source = sdk_hostio_source();
    let mut imports = Vec::new();
    for block in source.split("vm_hooks! {").skip(1) {
        let block = &block[..block.find("\n}").expect("a vm_hooks! block ends")];
        let module = block
            .split("module(\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a vm_hooks! block names its module");
        let declarations: String = block
            .lines()
            .filter(|line| {
                !line.trim_start().starts_with("//") && !line.trim_start().starts_with('#')
            })
            .collect::<Vec<_>>()
            .join(" ");
        for declaration in declarations.split(" fn ").skip(1) {
            let (name, rest) = declaration.split_once('(').expect("fn name(");
            let (params, rest) = rest.split_once(')').expect("fn name(..)");
            let results = rest.split(';').next().unwrap_or("").trim();
            let params = params
                .split(',')
                .filter_map(|p| p.split_once(':'))
                .map(|(_, ty)| wasm32(ty));
            let results = results.strip_prefix("->").map(wasm32);
            imports.push(Import {
                module: leak(module),
                name: leak(name.trim()),
                params: params.collect::<Vec<_>>().leak(),
                results: results.into_iter().collect::<Vec<_>>().leak(),
            });
        }
    }
    let count = |module: &str| imports.iter().filter(|i| i.module == module).count();
    assert!(
        count("vm_hooks") >= 30 && count("console") >= 5,
        "parsed too few hostios: {imports:?}"
    );
    imports
}

fn leak(text: &str) -> &'static str {
    text.to_owned().leak()
}

/// The wasm32 type of a Rust parameter or result in the SDK's `extern "C"` declarations.
fn wasm32(rust: &str) -> ValType {
    match rust.trim() {
        "u8" | "u16" | "u32" | "i32" | "bool" | "usize" | "*const u8" | "*mut u8"
        | "*mut usize" => ValType::I32,
        "u64" | "i64" => ValType::I64,
        "f32" => ValType::F32,
        "f64" => ValType::F64,
        other => panic!("the SDK declares a hostio with a type this test does not map: {other}"),
    }
}

/// `src/hostio.rs` of the stylus-sdk the workspace locks, from cargo's registry sources
/// (the SDK test programs are built from them, so they are there).
fn sdk_hostio_source() -> String {
    let lock_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let lock = std::fs::read_to_string(&lock_file).expect("the workspace has a Cargo.lock");
    let version = lock
        .split("name = \"stylus-sdk\"\nversion = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the workspace locks stylus-sdk");
    assert!(
        version.starts_with("0.10."),
        "stylus-sdk {version}: check its hostios anew"
    );
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let registries = cargo_home.join("registry/src");
    let path = std::fs::read_dir(&registries)
        .unwrap_or_else(|e| panic!("{}: {e}", registries.display()))
        .filter_map(Result::ok)
        .map(|registry| {
            registry
                .path()
                .join(format!("stylus-sdk-{version}/src/hostio.rs"))
        })
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("stylus-sdk {version} is not in {}", registries.display()));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
