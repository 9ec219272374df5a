//! Activation refuses exactly what Nitro's activation refuses (its prover's
//! `WasmBinary::parse_user`): reference types, start functions, more than one
//! memory, the count and name limits, reserved names, multi-value from ArbOS 60.
//! Each limit is checked on both sides: at the limit activates, one past it not.

use crate::stylus_support::{TestChain, wat};
use devnet::evm::ExecutionResult;
use devnet::stylus::Rules;
use devnet::stylus::validate::{ValidationError, check};

/// A valid program with `extra` spliced into the module body.
fn program(extra: &str) -> Vec<u8> {
    wat(&format!(
        r#"(module
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0))
  {extra})"#
    ))
}

fn verdict(wasm: &[u8]) -> Result<(), ValidationError> {
    check(wasm, &Rules::default()).map(|_| ())
}

fn too_many(what: &'static str, count: u64, limit: u64) -> Result<(), ValidationError> {
    Err(ValidationError::TooMany { what, count, limit })
}

#[test]
fn a_plain_program_passes() {
    assert_eq!(verdict(&program("")), Ok(()));
}

#[test]
fn activation_halts_on_a_reference_type_instruction() {
    let mut chain = TestChain::new();
    let wasm = program("(func (drop (ref.null func)))");
    let deployed = chain.deploy_program(&wasm);

    let result = chain.activate(deployed);

    assert!(matches!(result, ExecutionResult::Halt { .. }), "{result:?}");
    assert!(matches!(verdict(&wasm), Err(ValidationError::Invalid(_))));
}

/// rustc 1.95 encodes `call_indirect`'s table index as a padded LEB (`80 00`), a
/// reference-types encoding Nitro refuses; the one-byte `00` is accepted.
#[test]
fn a_padded_call_indirect_table_index_is_refused() {
    let plain = call_indirect_module(&[0x00]);
    let padded = call_indirect_module(&[0x80, 0x00]);

    assert_eq!(verdict(&plain), Ok(()));
    assert!(
        matches!(verdict(&padded), Err(ValidationError::Invalid(ref e)) if e.contains("zero byte")),
        "{:?}",
        verdict(&padded)
    );
}

/// A module whose entrypoint does `call_indirect (type 0) (i32.const 0)` with the
/// table immediate encoded as `table_immediate`.
fn call_indirect_module(table_immediate: &[u8]) -> Vec<u8> {
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, MemorySection,
        MemoryType, Module, RefType, TableSection, TableType, TypeSection, ValType,
    };
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    module.section(&types);
    let mut functions = FunctionSection::new();
    functions.function(0);
    module.section(&functions);
    let mut tables = TableSection::new();
    tables.table(TableType {
        element_type: RefType::FUNCREF,
        minimum: 1,
        maximum: Some(1),
        table64: false,
        shared: false,
    });
    module.section(&tables);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 1,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    module.section(&memories);
    let mut exports = ExportSection::new();
    exports.export("user_entrypoint", ExportKind::Func, 0);
    exports.export("memory", ExportKind::Memory, 0);
    module.section(&exports);
    let mut body = Function::new([]);
    // local.get 0 ; i32.const 0 ; call_indirect type 0, table <immediate>
    let mut raw = vec![0x20, 0x00, 0x41, 0x00, 0x11, 0x00];
    raw.extend_from_slice(table_immediate);
    raw.push(0x0b);
    body.raw(raw);
    let mut code = CodeSection::new();
    code.function(&body);
    module.section(&code);
    module.finish()
}

#[test]
fn a_start_function_is_refused() {
    let wasm = program("(func $init) (start $init)");
    assert_eq!(verdict(&wasm), Err(ValidationError::StartFunction));
}

#[test]
fn a_second_memory_is_refused() {
    let wasm = program("(memory 1)");
    assert!(verdict(&wasm).is_err());
}

#[test]
fn at_most_4096_functions() {
    let funcs = |n: usize| "(func)".repeat(n);

    assert_eq!(verdict(&program(&funcs(4095))), Ok(()));
    assert_eq!(
        verdict(&program(&funcs(4096))),
        too_many("functions", 4097, 4096)
    );
}

#[test]
fn at_most_348_locals_in_a_function() {
    let with_locals = |n: usize| format!("(func (local {}))", "i32 ".repeat(n));

    assert_eq!(verdict(&program(&with_locals(348))), Ok(()));
    assert_eq!(
        verdict(&program(&with_locals(349))),
        too_many("locals", 349, 348)
    );
}

#[test]
fn at_most_128_data_segments() {
    let segments = |n: usize| {
        (0..n)
            .map(|i| format!("(data (i32.const {i}) \"x\")"))
            .collect::<String>()
    };

    assert_eq!(verdict(&program(&segments(128))), Ok(()));
    assert_eq!(
        verdict(&program(&segments(129))),
        too_many("datas", 129, 128)
    );
}

#[test]
fn export_names_are_at_most_512_bytes() {
    let export = |len: usize| format!("(func (export \"{}\"))", "a".repeat(len));

    assert_eq!(verdict(&program(&export(512))), Ok(()));
    assert_eq!(
        verdict(&program(&export(513))),
        Err(ValidationError::NameTooLong { len: 513 })
    );
}

#[test]
fn exports_with_the_reserved_stylus_prefix_are_refused() {
    let wasm = program("(func (export \"stylus_ink_left\"))");

    assert_eq!(
        verdict(&wasm),
        Err(ValidationError::ReservedName("stylus_ink_left".into()))
    );
}

#[test]
fn multi_value_is_refused_from_arbos_60_and_accepted_before() {
    let wasm = program("(func (result i32 i32) (i32.const 1) (i32.const 2))");
    let arbos_51 = Rules::new(51, false).expect("supported");

    assert!(matches!(verdict(&wasm), Err(ValidationError::Invalid(_))));
    assert_eq!(check(&wasm, &arbos_51).map(|_| ()), Ok(()));
}

#[test]
fn console_imports_activate_only_on_a_debug_chain() {
    let wasm = wat(r#"(module
  (import "console" "log_i32" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32) (call $log (i32.const 1)) (i32.const 0)))"#);
    let debug = Rules::new(61, true).expect("supported");

    assert_eq!(
        verdict(&wasm),
        Err(ValidationError::DebugOnlyImport {
            name: "log_i32".into()
        })
    );
    assert_eq!(check(&wasm, &debug).map(|_| ()), Ok(()));
    let mut chain = TestChain::new();
    let program = chain.deploy_program(&wasm);
    assert!(matches!(
        chain.activate(program),
        ExecutionResult::Halt { .. }
    ));
}
