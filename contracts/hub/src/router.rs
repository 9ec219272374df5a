//! The on-chain call router.
//!
//! The SDK's generated router decodes and encodes every public function through alloy's generic
//! ABI machinery, which cost the hub about 4 KB of its 24 KB limit. On WASM the hub therefore
//! lets the SDK route only the constructor and hands every other call to [`route`] through
//! `#[fallback]`. On the host the SDK router stays, so `export-abi` still renders IHub.sol; the
//! tests prove both routers agree and that [`SELECTORS`] is exactly the interface.
//!
//! Malformed calldata (short, dirty high bytes, bad bool, string out of bounds or not UTF-8)
//! reverts with empty data, as the SDK's router does.

use alloc::{string::String, vec::Vec};

use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    ArbResult,
};

use crate::{encoding::Word, errors::HubError, Hub};

macro_rules! selectors {
    ($($name:ident = $value:literal,)*) => {
        $(const $name: u32 = $value;)*
        /// Every selector [`route`] answers.
        pub const SELECTORS: &[u32] = &[$($name),*];
    };
}

selectors! {
    ADMIN = 0xf851a440,
    PENDING_ADMIN = 0x26782247,
    IS_PAUSER = 0x46fbf68e,
    PAUSED = 0x5c975abb,
    TRANSFER_ADMIN = 0x75829def,
    ACCEPT_ADMIN = 0x0e18b681,
    SET_PAUSER = 0x7180c8ca,
    PAUSE = 0xedf07f15,
    UNPAUSE = 0x301c7e5d,
    DEALLOCATION_DELAY = 0x28ab2442,
    SET_DEALLOCATION_DELAY = 0xeb0171ed,
    REGISTER_VAULT = 0x67ccd1cb,
    VAULTS = 0x8220ef5b,
    REGISTER_OPERATOR = 0x097c4af1,
    SET_OPERATOR_METADATA = 0x0c8912a5,
    IS_OPERATOR = 0x6d70f7ae,
    REGISTER_AVS = 0xa2c6d341,
    SET_AVS_ALLOWLIST = 0x17dfaa8d,
    SET_SLASH_CAP = 0xd5980c89,
    AVS_CONFIG = 0x4a0f3cdc,
    OPT_IN = 0xb1138ad1,
    ACCEPT_OPERATOR = 0xdddcd627,
    OPT_OUT = 0xd4610483,
    EJECT_OPERATOR = 0xe5d98f94,
    MEMBERSHIP = 0x83142503,
    DELEGATE = 0xc26f3acf,
    ALLOCATE = 0xb78b52df,
    DELEGATION = 0x046d3307,
    ALLOCATION = 0x82eefb4b,
    VAULT_OPERATORS = 0x8fe43571,
    OPERATOR_AVSS = 0x224acbad,
    SLASH = 0xa527f1dc,
    EXPOSURE = 0xe3a1e239,
}

/// Answers `calldata` (selector and arguments) with the ABI-encoded result or revert data.
pub fn route(hub: &mut Hub, calldata: &[u8]) -> ArbResult {
    let Some((selector, args)) = calldata.split_first_chunk::<4>() else {
        return Err(Vec::new());
    };
    let a = Args(args);
    Ok(match u32::from_be_bytes(*selector) {
        ADMIN => words(&[hub.admin().word()]),
        PENDING_ADMIN => words(&[hub.pending_admin().word()]),
        IS_PAUSER => words(&[hub.is_pauser(a.address(0)?).word()]),
        PAUSED => words(&[hub.paused().word()]),
        TRANSFER_ADMIN => done(hub.transfer_admin(a.address(0)?))?,
        ACCEPT_ADMIN => done(hub.accept_admin())?,
        SET_PAUSER => done(hub.set_pauser(a.address(0)?, a.bool(1)?))?,
        PAUSE => done(hub.pause(a.u8(0)?))?,
        UNPAUSE => done(hub.unpause(a.u8(0)?))?,
        DEALLOCATION_DELAY => words(&[hub.deallocation_delay().word()]),
        SET_DEALLOCATION_DELAY => done(hub.set_deallocation_delay(a.u64(0)?))?,
        REGISTER_VAULT => done(hub.register_vault(a.address(0)?))?,
        VAULTS => addresses(hub.vaults()),
        REGISTER_OPERATOR => done(hub.register_operator(a.string(0)?))?,
        SET_OPERATOR_METADATA => done(hub.set_operator_metadata(a.string(0)?))?,
        IS_OPERATOR => words(&[hub.is_operator(a.address(0)?).word()]),
        REGISTER_AVS => {
            done(hub.register_avs(a.string(0)?, a.address(1)?, a.address(2)?, a.bool(3)?))?
        }
        SET_AVS_ALLOWLIST => done(hub.set_avs_allowlist(a.address(0)?, a.bool(1)?))?,
        SET_SLASH_CAP => done(hub.set_slash_cap(a.address(0)?, a.uint(1)?))?,
        AVS_CONFIG => {
            let (registered, slasher, burn, allowlist_only, cap, slashed) =
                hub.avs_config(a.address(0)?);
            words(&[
                registered.word(),
                slasher.word(),
                burn.word(),
                allowlist_only.word(),
                cap.word(),
                slashed.word(),
            ])
        }
        OPT_IN => done(hub.opt_in(a.address(0)?))?,
        ACCEPT_OPERATOR => done(hub.accept_operator(a.address(0)?))?,
        OPT_OUT => done(hub.opt_out(a.address(0)?))?,
        EJECT_OPERATOR => done(hub.eject_operator(a.address(0)?))?,
        MEMBERSHIP => {
            let (status, until, allowlisted) = hub.membership(a.address(0)?, a.address(1)?);
            words(&[status.word(), until.word(), allowlisted.word()])
        }
        DELEGATE => done(hub.delegate(a.address(0)?, a.address(1)?, a.uint(2)?))?,
        ALLOCATE => done(hub.allocate(a.address(0)?, a.uint(1)?))?,
        DELEGATION => fractions(hub.delegation(a.address(0)?, a.address(1)?)),
        ALLOCATION => fractions(hub.allocation(a.address(0)?, a.address(1)?)),
        VAULT_OPERATORS => addresses(hub.vault_operators(a.address(0)?)),
        OPERATOR_AVSS => addresses(hub.operator_avss(a.address(0)?)),
        SLASH => {
            let moved = hub
                .slash(a.address(0)?, a.address(1)?, a.uint(2)?, a.b256(3)?)
                .map_err(Vec::from)?;
            words(&[moved.word()])
        }
        EXPOSURE => {
            let (now, after) = hub
                .exposure(a.address(0)?, a.address(1)?, a.address(2)?)
                .map_err(Vec::from)?;
            words(&[now.word(), after.word()])
        }
        _ => return Err(Vec::new()),
    })
}

/// Calldata after the selector, read as ABI words.
struct Args<'a>(&'a [u8]);

type Decoded<T> = Result<T, Vec<u8>>;

impl Args<'_> {
    /// The word at byte `offset` whose first `zeros` bytes must be zero.
    fn word_at(&self, offset: usize, zeros: usize) -> Decoded<&[u8; 32]> {
        match self.0.get(offset..).and_then(<[u8]>::first_chunk::<32>) {
            Some(word) if word[..zeros].iter().all(|&b| b == 0) => Ok(word),
            _ => Err(Vec::new()),
        }
    }

    fn word(&self, index: usize, zeros: usize) -> Decoded<&[u8; 32]> {
        self.word_at(index * 32, zeros)
    }

    fn address(&self, index: usize) -> Decoded<Address> {
        Ok(Address::from_slice(&self.word(index, 12)?[12..]))
    }

    fn uint(&self, index: usize) -> Decoded<U256> {
        Ok(U256::from_be_bytes(*self.word(index, 0)?))
    }

    fn b256(&self, index: usize) -> Decoded<B256> {
        Ok(B256::from(*self.word(index, 0)?))
    }

    fn u64(&self, index: usize) -> Decoded<u64> {
        Ok(low_u64(self.word(index, 24)?))
    }

    fn u8(&self, index: usize) -> Decoded<u8> {
        Ok(self.word(index, 31)?[31])
    }

    fn bool(&self, index: usize) -> Decoded<bool> {
        match self.u8(index)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Vec::new()),
        }
    }

    /// A `string` whose head word at `index` holds the offset of its length and bytes.
    fn string(&self, index: usize) -> Decoded<String> {
        let offset = low_u64(self.word(index, 24)?) as usize;
        let len = low_u64(self.word_at(offset, 24)?) as usize;
        let bytes = offset
            .checked_add(32)
            .and_then(|start| self.0.get(start..)?.get(..len))
            .ok_or_else(Vec::new)?;
        core::str::from_utf8(bytes)
            .map(String::from)
            .map_err(|_| Vec::new())
    }
}

fn low_u64(word: &[u8; 32]) -> u64 {
    word[24..]
        .iter()
        .fold(0, |value, &byte| (value << 8) | u64::from(byte))
}

fn done(result: Result<(), HubError>) -> Decoded<Vec<u8>> {
    result.map(|()| Vec::new()).map_err(Vec::from)
}

fn words(list: &[B256]) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * list.len());
    for word in list {
        out.extend_from_slice(word.as_slice());
    }
    out
}

/// An `address[]` return value: offset, length, elements.
fn addresses(list: Vec<Address>) -> Vec<u8> {
    let mut out = words(&[32u64.word(), (list.len() as u64).word()]);
    for address in list {
        out.extend_from_slice(address.word().as_slice());
    }
    out
}

fn fractions((in_force, after, effective_at): (U256, U256, u64)) -> Vec<u8> {
    words(&[in_force.word(), after.word(), effective_at.word()])
}
