//! Strings of at most 31 bytes packed in one word, like Solidity's short strings: the bytes
//! left-aligned, the length in the last byte.

use alloc::{string::String, vec::Vec};

use alloy_primitives::{B256, U256};

use crate::errors::{StringTooLong, VaultError};

pub(crate) fn encode(bytes: &[u8]) -> Result<B256, VaultError> {
    if bytes.len() > 31 {
        return Err(StringTooLong {
            length: U256::from(bytes.len()),
        }
        .into());
    }
    let mut word = B256::ZERO;
    // Byte by byte: a slice copy keeps a length check and its panic location in the program.
    for (to, from) in word.0.iter_mut().zip(bytes) {
        *to = *from;
    }
    word[31] = bytes.len() as u8;
    Ok(word)
}

pub(crate) fn bytes(word: &B256) -> &[u8] {
    let (text, _) = word.0.split_at(usize::from(word[31]).min(31));
    text
}

/// The deployer passes text; bytes that are not UTF-8 read as an empty name off chain.
pub(crate) fn decode(word: B256) -> String {
    String::from_utf8(Vec::from(bytes(&word))).unwrap_or_default()
}
