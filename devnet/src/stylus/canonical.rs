//! What `cargo stylus` does to rustc's output before deploying it: a round trip
//! through the text format, which writes every instruction in its canonical
//! encoding. rustc (LLVM) pads `call_indirect`'s table index as a 5-byte LEB, an
//! encoding only the reference-types extension allows and Nitro refuses; the
//! round trip writes the one zero byte the MVP requires. Re-encoding with
//! `wasm-encoder` does the same without going through text.

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};

/// `wasm` with the same meaning, canonically encoded.
pub fn canonical_wasm(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let mut module = wasm_encoder::Module::new();
    RoundtripReencoder
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|e| format!("cannot re-encode the wasm: {e}"))?;
    Ok(module.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stylus::Rules;
    use crate::stylus::validate::check;
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, MemorySection,
        MemoryType, Module, RefType, TableSection, TableType, TypeSection, ValType,
    };

    /// An entrypoint doing `call_indirect` with rustc's padded table index (`80 00`).
    fn padded_module() -> Vec<u8> {
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
        body.raw([0x20, 0x00, 0x41, 0x00, 0x11, 0x00, 0x80, 0x00, 0x0b]);
        let mut code = CodeSection::new();
        code.function(&body);
        module.section(&code);
        module.finish()
    }

    #[test]
    fn a_padded_table_index_is_rewritten_as_the_single_zero_byte() {
        let padded = padded_module();
        let rules = Rules::default();
        assert!(check(&padded, &rules).is_err());

        let canonical = canonical_wasm(&padded).expect("re-encodes");

        assert!(check(&canonical, &rules).is_ok());
        assert_eq!(canonical.len(), padded.len() - 1);
    }
}
