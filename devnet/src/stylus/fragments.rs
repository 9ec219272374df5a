//! Programs larger than one account (ArbOS 60+, Nitro's `StylusContractLimit`):
//! the brotli-compressed module is split over fragment accounts, each holding
//! `EF F0 01` + a slice, and a root program names them in order:
//! `EF F0 02`, a dictionary byte, the decompressed length (u32, big-endian),
//! then 20 bytes per fragment address. Activation reads the fragments (paying
//! for each account and its words, as EXTCODECOPY would), joins and
//! decompresses them; calls run the root.

use std::io::Read;

use revm::context::JournalTr;
use revm::primitives::Address;

use super::arbos::Rules;
use super::code::{DICTIONARY_EMPTY, MAX_WASM_SIZE, STYLUS_PREFIX, decompress};

pub const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];
pub const ROOT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x02];
const ROOT_HEADER_LEN: usize = 3 + 1 + 4;

/// Gas to read one fragment's code: account access plus copying its words.
const COLD_ACCOUNT_GAS: u64 = 2_600;
const WARM_ACCOUNT_GAS: u64 = 100;
const COPY_GAS_PER_WORD: u64 = 3;

/// Why a program's WASM cannot be obtained from its code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProgramCodeError {
    /// Neither a program nor a root: ArbWasm's `ProgramNotWasm()`.
    #[error("code is not a Stylus program")]
    NotWasm,
    /// Before ArbOS 60 anything but a classic program is refused this way.
    #[error("specified bytecode is not a Stylus program")]
    NotClassic,
    #[error(
        "fragmented stylus programs cannot be activated directly; activate the root program instead"
    )]
    Fragment,
    #[error("invalid root program: {0}")]
    BadRoot(&'static str),
    #[error("invalid wasm: fragment count {count} exceeds limit of {limit}")]
    TooManyFragments { count: usize, limit: u8 },
    #[error("fragment {0} is not a Stylus fragment")]
    NotAFragment(Address),
    #[error("{0}")]
    Code(#[from] super::CodeError),
    #[error("decompressed length {have} does not match the root's {want}")]
    LengthMismatch { have: usize, want: u32 },
    #[error("out of gas reading fragments")]
    OutOfGas,
}

/// A root program's header and fragment list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub dictionary: u8,
    pub decompressed_len: u32,
    pub fragments: Vec<Address>,
}

pub fn is_root(code: &[u8]) -> bool {
    code.starts_with(&ROOT_PREFIX)
}

pub fn is_fragment(code: &[u8]) -> bool {
    code.starts_with(&FRAGMENT_PREFIX)
}

impl Root {
    pub fn parse(code: &[u8]) -> Result<Self, ProgramCodeError> {
        if !is_root(code) || code.len() < ROOT_HEADER_LEN {
            return Err(ProgramCodeError::BadRoot("too short"));
        }
        let addresses = &code[ROOT_HEADER_LEN..];
        if !addresses.len().is_multiple_of(20) {
            return Err(ProgramCodeError::BadRoot("addresses are 20 bytes each"));
        }
        let len = u32::from_be_bytes(code[4..8].try_into().expect("4 bytes"));
        Ok(Self {
            dictionary: code[3],
            decompressed_len: len,
            fragments: addresses.chunks(20).map(Address::from_slice).collect(),
        })
    }

    /// The root's account code.
    pub fn code(&self) -> Vec<u8> {
        let mut code = ROOT_PREFIX.to_vec();
        code.push(self.dictionary);
        code.extend_from_slice(&self.decompressed_len.to_be_bytes());
        for fragment in &self.fragments {
            code.extend_from_slice(fragment.as_slice());
        }
        code
    }
}

/// Fragment account codes for `wasm`, compressed and cut into `count` slices
/// of equal size (the last one shorter), as `cargo stylus` splits it.
pub fn split(wasm: &[u8], count: usize) -> Vec<Vec<u8>> {
    let compressed = &super::compress(wasm)[STYLUS_PREFIX.len() + 1..];
    let chunk = compressed.len().div_ceil(count.max(1)).max(1);
    compressed
        .chunks(chunk)
        .map(|slice| [FRAGMENT_PREFIX.as_slice(), slice].concat())
        .collect()
}

/// Charges gas for each fragment read; false when the caller cannot pay.
pub trait FragmentMeter {
    fn charge(&mut self, gas: u64) -> bool;
}

/// The WASM of the program whose code is `code`, reading fragments through
/// `journal` for a root. `meter` pays for the reads at activation (calls of an
/// already-activated root pass `None`).
pub fn program_wasm<J: JournalTr>(
    journal: &mut J,
    code: &[u8],
    rules: &Rules,
    mut meter: Option<&mut dyn FragmentMeter>,
) -> Result<Vec<u8>, ProgramCodeError> {
    if code.is_empty() {
        return Err(ProgramCodeError::NotWasm);
    }
    if code.starts_with(&STYLUS_PREFIX) {
        return Ok(decompress(code)?);
    }
    if rules.max_fragments() == 0 {
        return Err(ProgramCodeError::NotClassic);
    }
    if is_fragment(code) {
        return Err(ProgramCodeError::Fragment);
    }
    if !is_root(code) {
        return Err(ProgramCodeError::NotWasm);
    }
    let root = Root::parse(code)?;
    if meter.is_some() {
        if root.decompressed_len as usize > MAX_WASM_SIZE {
            return Err(ProgramCodeError::Code(super::CodeError::TooLarge));
        }
        if root.fragments.len() > rules.max_fragments() as usize {
            return Err(ProgramCodeError::TooManyFragments {
                count: root.fragments.len(),
                limit: rules.max_fragments(),
            });
        }
    }
    if root.fragments.is_empty() {
        return Err(ProgramCodeError::BadRoot("fragment count cannot be zero"));
    }
    if root.dictionary != DICTIONARY_EMPTY {
        return Err(ProgramCodeError::Code(super::CodeError::UnknownDictionary(
            root.dictionary,
        )));
    }
    let mut compressed = Vec::new();
    for &address in &root.fragments {
        let code = journal
            .code(address)
            .map_err(|_| ProgramCodeError::NotAFragment(address))?;
        if let Some(meter) = meter.as_deref_mut() {
            let access = match code.is_cold {
                true => COLD_ACCOUNT_GAS,
                false => WARM_ACCOUNT_GAS,
            };
            let copy = COPY_GAS_PER_WORD * (code.data.len() as u64).div_ceil(32);
            if !meter.charge(access + copy) {
                return Err(ProgramCodeError::OutOfGas);
            }
        }
        if !is_fragment(&code.data) {
            return Err(ProgramCodeError::NotAFragment(address));
        }
        compressed.extend_from_slice(&code.data[FRAGMENT_PREFIX.len()..]);
    }
    let mut wasm = Vec::new();
    brotli::Decompressor::new(compressed.as_slice(), 4096)
        .take(root.decompressed_len as u64 + 1)
        .read_to_end(&mut wasm)
        .map_err(|_| ProgramCodeError::Code(super::CodeError::Decompression))?;
    if wasm.len() != root.decompressed_len as usize {
        return Err(ProgramCodeError::LengthMismatch {
            have: wasm.len(),
            want: root.decompressed_len,
        });
    }
    Ok(wasm)
}

/// Account code the chain runs as a Stylus program under `rules`.
pub fn runs_as_program(code: &[u8], rules: &Rules) -> bool {
    super::is_stylus_program(code) || (rules.max_fragments() > 0 && is_root(code))
}

/// Code a CREATE may leave despite EIP-3541's ban on a leading 0xEF.
pub fn deployable(code: &[u8], rules: &Rules) -> bool {
    code.starts_with(&STYLUS_PREFIX)
        || (rules.max_fragments() > 0 && (is_root(code) || is_fragment(code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_round_trips_through_its_code() {
        let root = Root {
            dictionary: 0,
            decompressed_len: 70_000,
            fragments: vec![Address::repeat_byte(1), Address::repeat_byte(2)],
        };
        assert_eq!(Root::parse(&root.code()), Ok(root));
    }

    #[test]
    fn split_fragments_join_back_into_the_compressed_program() {
        let wasm: Vec<u8> = (0..20_000u32)
            .flat_map(|i| (i * 7919).to_le_bytes())
            .collect();
        let fragments = split(&wasm, 2);
        assert_eq!(fragments.len(), 2);
        let joined: Vec<u8> = fragments.iter().flat_map(|f| f[3..].to_vec()).collect();
        let mut classic = vec![0xEF, 0xF0, 0x00, 0x00];
        classic.extend_from_slice(&joined);
        assert_eq!(decompress(&classic).expect("decompresses"), wasm);
    }
}
