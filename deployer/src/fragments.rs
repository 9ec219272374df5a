//! Programs whose compressed code exceeds one account (EIP-170's 24,576 bytes). From ArbOS
//! 60 Arbitrum stores them as fragments, plain accounts holding `EF F0 01` + a slice of the
//! compressed module, behind a root program (`EF F0 02`, dictionary byte, the module's
//! decompressed length as a big-endian u32, then each fragment's address) that is deployed
//! and activated like any program; activation joins the fragments. The split is the one
//! cargo-stylus 0.10 makes: slices as large as an account allows, in order.

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    rpc::types::TransactionRequest,
};

use crate::{
    abi::stylus::{ARB_SYS, ArbSys},
    chain::Wallet,
    error::{Error, Result},
    stylus,
};

/// EIP-170: no account holds more code.
pub const MAX_CODE_SIZE: usize = 24_576;
/// The first ArbOS that accepts fragments and roots.
pub const FRAGMENTS_FROM_ARBOS: u64 = 60;
/// Nitro's `MaxFragmentCount` since ArbOS 60: how many fragments one root may name.
pub const MAX_FRAGMENTS: usize = 2;
/// ArbSys reports the ArbOS version plus this (Nitro's offset).
const ARBOS_VERSION_OFFSET: u64 = 55;

const FRAGMENT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x01];
const ROOT_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x02];
/// `EF F0 00` + dictionary byte: what precedes the brotli stream in a one-account program.
const PROGRAM_HEADER_LEN: usize = 4;

/// The ArbOS version the chain runs, from `ArbSys.arbOSVersion` at `0x64`.
pub async fn arbos_version(wallet: &Wallet) -> Result<u64> {
    let reported = ArbSys::new(ARB_SYS, wallet.provider())
        .arbOSVersion()
        .call()
        .await
        .map_err(|e| Error::from(e).during("reading the chain's ArbOS version (ArbSys at 0x64)"))?;
    Ok(reported
        .saturating_to::<u64>()
        .saturating_sub(ARBOS_VERSION_OFFSET))
}

/// The fragments' account code for a program whose one-account code is `code`.
pub fn split(code: &[u8]) -> Vec<Vec<u8>> {
    code[PROGRAM_HEADER_LEN..]
        .chunks(MAX_CODE_SIZE - FRAGMENT_PREFIX.len())
        .map(|slice| [FRAGMENT_PREFIX.as_slice(), slice].concat())
        .collect()
}

/// The root program naming `fragments`, for a module of `wasm_len` bytes uncompressed.
pub fn root_code(dictionary: u8, wasm_len: u32, fragments: &[Address]) -> Vec<u8> {
    let mut code = Vec::with_capacity(ROOT_PREFIX.len() + 5 + 20 * fragments.len());
    code.extend(ROOT_PREFIX);
    code.push(dictionary);
    code.extend(wasm_len.to_be_bytes());
    for fragment in fragments {
        code.extend(fragment.as_slice());
    }
    code
}

/// The dictionary byte and fragment addresses a root names; `None` if `code` is no root.
pub fn parse_root(code: &[u8]) -> Option<(u8, Vec<Address>)> {
    let header = ROOT_PREFIX.len() + 5;
    if !code.starts_with(&ROOT_PREFIX)
        || code.len() < header
        || !(code.len() - header).is_multiple_of(20)
    {
        return None;
    }
    let addresses = code[header..].chunks(20).map(Address::from_slice).collect();
    Some((code[ROOT_PREFIX.len()], addresses))
}

/// The one-account program code that [`split`] cut into `fragments` (their account code).
pub fn join(dictionary: u8, fragments: &[Vec<u8>]) -> Vec<u8> {
    let mut code = vec![0xEF, 0xF0, 0x00, dictionary];
    for fragment in fragments {
        code.extend(fragment.strip_prefix(&FRAGMENT_PREFIX).unwrap_or(fragment));
    }
    code
}

/// A program's fragments, deployed, and the root that names them.
#[derive(Debug, Clone)]
pub struct Fragmented {
    /// The code to deploy (and activate) in the program's place.
    pub root: Vec<u8>,
    /// Each fragment's address and account code.
    pub fragments: Vec<(Address, Vec<u8>)>,
}

/// For `code` over one account: checks the chain takes fragments and the program fits in
/// [`MAX_FRAGMENTS`], deploys the fragments and returns the root to deploy in its place.
/// Refuses, before sending anything, naming the size and the chain's ArbOS version.
pub async fn deploy(wallet: &Wallet, wasm: &[u8], code: &[u8], action: &str) -> Result<Fragmented> {
    let arbos = arbos_version(wallet).await?;
    if arbos < FRAGMENTS_FROM_ARBOS {
        return Err(Error::input(
            format!(
                "{action}: the program is {} bytes compressed, over the {MAX_CODE_SIZE}-byte limit of one \
                 account, and this chain runs ArbOS {arbos}: programs that large deploy as fragments \
                 only from ArbOS {FRAGMENTS_FROM_ARBOS}",
                code.len()
            ),
            "shrink the program (`lrt build` shows sizes) or deploy to a chain on ArbOS 60 or later",
        ));
    }
    let fragments = split(code);
    if fragments.len() > MAX_FRAGMENTS {
        return Err(Error::input(
            format!(
                "{action}: the program is {} bytes compressed and needs {} fragments; Arbitrum \
                 allows {MAX_FRAGMENTS} (about {} bytes)",
                code.len(),
                fragments.len(),
                MAX_FRAGMENTS * (MAX_CODE_SIZE - FRAGMENT_PREFIX.len())
            ),
            "shrink the program (`lrt build` shows sizes)",
        ));
    }
    let wasm_len = u32::try_from(wasm.len())
        .map_err(|_| Error::input(format!("{action}: the module is over 4 GiB"), "rebuild it"))?;
    let count = fragments.len();
    let mut addresses = Vec::with_capacity(count);
    for (i, fragment) in fragments.iter().enumerate() {
        let initcode: Bytes = stylus::deploy_initcode(fragment).into();
        let tx = TransactionRequest::default().with_deploy_code(initcode);
        let sent = wallet
            .send_tx(tx, &format!("{action}: fragment {}/{count}", i + 1))
            .await?;
        let address = sent.contract_address.ok_or_else(|| {
            Error::Rpc(format!(
                "{action}: the fragment's receipt names no contract address"
            ))
        })?;
        addresses.push(address);
    }
    Ok(Fragmented {
        root: root_code(code[3], wasm_len, &addresses),
        fragments: addresses.into_iter().zip(fragments).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_fill_accounts_and_join_back_into_the_compressed_module() {
        let code: Vec<u8> = [0xEF, 0xF0, 0x00, 0x00]
            .into_iter()
            .chain((0..40_000u32).map(|i| i as u8))
            .collect();
        let fragments = split(&code);
        assert_eq!(fragments.len(), 2);
        assert_eq!(fragments[0].len(), MAX_CODE_SIZE);
        assert!(fragments.iter().all(|f| f.starts_with(&FRAGMENT_PREFIX)));
        assert_eq!(join(0x00, &fragments), code);
    }

    #[test]
    fn a_root_reads_back_its_dictionary_and_fragments() {
        let (a, b) = (Address::repeat_byte(0xaa), Address::repeat_byte(0xbb));
        assert_eq!(
            parse_root(&root_code(1, 70_000, &[a, b])),
            Some((1, vec![a, b]))
        );
        assert_eq!(parse_root(&[0xEF, 0xF0, 0x00, 0x00, 1, 2, 3]), None);
        assert_eq!(parse_root(&root_code(0, 1, &[a])[..20]), None);
    }

    #[test]
    fn a_root_names_its_length_and_fragments_in_order() {
        let a = Address::repeat_byte(0xaa);
        let b = Address::repeat_byte(0xbb);
        let root = root_code(0, 70_000, &[a, b]);
        assert_eq!(&root[..4], &[0xEF, 0xF0, 0x02, 0x00]);
        assert_eq!(&root[4..8], &70_000u32.to_be_bytes());
        assert_eq!(&root[8..28], a.as_slice());
        assert_eq!(&root[28..], b.as_slice());
    }
}
