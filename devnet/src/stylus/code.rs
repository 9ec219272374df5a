//! The on-chain form of a Stylus program, as `cargo stylus` writes it and Nitro reads it.

use std::io::{Read, Write};

use revm::primitives::U256;

/// Code of an account that holds a Stylus program: this prefix, then brotli(wasm).
/// The fourth byte names a brotli dictionary; only "no dictionary" (0) is used by the tools.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];
pub const DICTIONARY_EMPTY: u8 = 0x00;

/// Nitro's `MaxWasmSize`: the decompressed module may not exceed 128 KiB.
pub const MAX_WASM_SIZE: usize = 128 * 1024;

/// Quality 11 and a 4 MiB window are what `cargo stylus` compresses with.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

/// Why account code could not be turned back into a WASM module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    NotStylus,
    UnknownDictionary(u8),
    Decompression,
    TooLarge,
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotStylus => write!(f, "code is not a Stylus program (missing EF F0 00 prefix)"),
            Self::UnknownDictionary(d) => write!(f, "unknown brotli dictionary {d}"),
            Self::Decompression => write!(f, "program code is not valid brotli"),
            Self::TooLarge => write!(f, "decompressed wasm exceeds {MAX_WASM_SIZE} bytes"),
        }
    }
}

impl std::error::Error for CodeError {}

/// True for code that Nitro would hand to the Stylus runtime instead of the EVM.
pub fn is_stylus_program(code: &[u8]) -> bool {
    code.len() > STYLUS_PREFIX.len() && code.starts_with(&STYLUS_PREFIX)
}

/// Account code for `wasm`: the Stylus prefix plus brotli-compressed module.
pub fn compress(wasm: &[u8]) -> Vec<u8> {
    let mut code = Vec::with_capacity(wasm.len() / 2 + 4);
    code.extend_from_slice(&STYLUS_PREFIX);
    code.push(DICTIONARY_EMPTY);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut code, 4096, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(wasm);
    }
    code
}

/// The WASM module held in Stylus account code.
pub fn decompress(code: &[u8]) -> Result<Vec<u8>, CodeError> {
    if !is_stylus_program(code) {
        return Err(CodeError::NotStylus);
    }
    let dictionary = code[STYLUS_PREFIX.len()];
    if dictionary != DICTIONARY_EMPTY {
        return Err(CodeError::UnknownDictionary(dictionary));
    }
    let body = &code[STYLUS_PREFIX.len() + 1..];
    let mut wasm = Vec::new();
    // Reading one byte past the limit tells "exactly at the limit" from "over it".
    brotli::Decompressor::new(body, 4096)
        .take(MAX_WASM_SIZE as u64 + 1)
        .read_to_end(&mut wasm)
        .map_err(|_| CodeError::Decompression)?;
    if wasm.len() > MAX_WASM_SIZE {
        return Err(CodeError::TooLarge);
    }
    Ok(wasm)
}

/// Length of the EVM prelude `cargo stylus` puts before the program code,
/// including its one version byte.
const PRELUDE_LEN: u8 = 43;

/// Init code that deploys `program_code` as-is, byte for byte the prelude
/// `cargo stylus deploy` sends: PUSH32 len, DUP1, PUSH1 43, PUSH1 0, CODECOPY,
/// PUSH1 0, RETURN, then a version byte (0) and the code.
pub fn deploy_initcode(program_code: &[u8]) -> Vec<u8> {
    let mut init = Vec::with_capacity(PRELUDE_LEN as usize + program_code.len());
    init.push(0x7f);
    init.extend_from_slice(&U256::from(program_code.len()).to_be_bytes::<32>());
    init.extend_from_slice(&[
        0x80,
        0x60,
        PRELUDE_LEN,
        0x60,
        0x00,
        0x39,
        0x60,
        0x00,
        0xf3,
        0x00,
    ]);
    init.extend_from_slice(program_code);
    init
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_code_round_trips_to_the_same_wasm() {
        let wasm = b"\0asm\x01\0\0\0 some module body".repeat(10);
        let code = compress(&wasm);
        assert!(code.starts_with(&[0xEF, 0xF0, 0x00, 0x00]));
        assert_eq!(decompress(&code).unwrap(), wasm);
    }

    #[test]
    fn decompression_refuses_modules_over_the_size_limit() {
        let code = compress(&vec![0u8; MAX_WASM_SIZE + 1]);
        assert_eq!(decompress(&code), Err(CodeError::TooLarge));
    }

    #[test]
    fn initcode_prelude_is_43_bytes_and_returns_the_code() {
        let init = deploy_initcode(&[0xEF, 0xF0, 0x00, 0x00, 0xAA]);
        assert_eq!(init.len(), 43 + 5);
        assert_eq!(
            init[33..43],
            [0x80, 0x60, 43, 0x60, 0, 0x39, 0x60, 0, 0xf3, 0]
        );
        assert_eq!(init[32], 5);
    }
}
