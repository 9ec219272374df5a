//! Pieces of a hand-written call router: calldata decoding and return-data encoding.
//!
//! The SDK's generated router decodes and encodes every public function through alloy's
//! generic ABI machinery, about 4 KB of WASM per contract under a 24 KB limit. The contracts
//! therefore declare no `#[constructor]` and no `#[public]` function on chain, only an entry
//! (see `entry`) that matches the selector and uses these helpers. That entry gets every call,
//! the deploy transaction's [`CONSTRUCTOR`] call included, so
//! the constructor's arguments skip alloy's decoder too (≈1.7 KB for the vault's strings). On
//! the host the SDK router stays, so `export-abi` still renders the interface, and each
//! contract's tests prove both routers give the same answers.
//!
//! Malformed calldata (short, dirty high bytes, bad bool, string out of bounds or not UTF-8)
//! reverts with empty data, as the SDK's router does.

use alloc::{string::String, vec::Vec};

use alloy_primitives::{Address, B256, U256};

use crate::{abi::Word, errors::AccessError, pause::Pausable, roles::Roles};

/// The selector of the call that runs a constructor in the deploy transaction (through
/// StylusDeployer), followed by the constructor's ABI-encoded arguments. A router answering it
/// must first call `ConstructorGuard::check_constructor_slot` (it reverts on a second call),
/// as the SDK's generated constructor does.
pub const CONSTRUCTOR: u32 = stylus_sdk::abi::CONSTRUCTOR_SELECTOR;

/// The whole on-chain entry of a hand-routed contract, for an `#[entrypoint]` function (the
/// contract's struct then carries `#[storage]` only and implements `TopLevelStorage` itself):
///
/// ```ignore
/// #[cfg(target_arch = "wasm32")]
/// #[entrypoint]
/// fn entry(input: Vec<u8>, host: VM) -> ArbResult {
///     lrt_common::router::entry::<Vault>(&input, host, router::route)
/// }
/// ```
///
/// It answers as the SDK's `router_entrypoint` does for a contract whose only public function
/// is a non-payable `#[fallback]`: value is refused, then `route` gets the whole calldata. Going
/// around `router_entrypoint` drops its selector `unwrap`, which alone linked `Debug`
/// formatting (≈0.5 KB compressed).
#[cfg(target_arch = "wasm32")]
pub fn entry<S>(
    input: &[u8],
    host: stylus_sdk::host::VM,
    route: fn(&mut S, &[u8]) -> Reply,
) -> Reply
where
    S: stylus_sdk::storage::StorageType + stylus_sdk::stylus_core::ValueDenier,
{
    // SAFETY: the contract's one top-level storage struct at slot 0, as the SDK lays it out.
    let mut storage = unsafe { S::new(U256::ZERO, 0, host) };
    storage.deny_value("fallback")?;
    route(&mut storage, input)
}

/// A contract's router as one table: a line per public function, `NAME = "signature" =>
/// answer,`, where `answer` builds the return data from the decoded arguments (`args.address(0)?`
/// and so on) and `?` turns a revert into the reply. From that one line come the selector
/// constant `NAME`, its place in `SELECTORS` (what the tests hold against the `.sol`
/// interface) and its arm in `route`. The constructor's line comes first: it must call
/// `check_constructor_slot` (see [`CONSTRUCTOR`]). Then the fields holding the contract's
/// [`Roles`] and [`Pausable`], the pause bits it enforces and its error type: the nine role
/// and pause functions are answered by [`governance`], the same for every contract.
///
/// ```ignore
/// lrt_common::routes! {
///     fn route(vault: &mut Vault, args);
///     constructor => {
///         vault.check_constructor_slot()?;
///         done(vault.init(args.address(0)?))?
///     };
///     governance => (roles, pausable, DEPOSIT, VaultError);
///     DECIMALS = "decimals()" => word(vault.decimals()),
///     TRANSFER = "transfer(address,uint256)" =>
///         answer(vault.transfer(args.address(0)?, args.uint(1)?))?,
/// }
/// ```
#[macro_export]
macro_rules! routes {
    (
        fn route($this:ident: &mut $contract:ty, $args:ident);
        constructor => $constructor:expr;
        governance => ($roles:ident, $pausable:ident, $enforced:expr, $error:ty);
        $($name:ident = $signature:literal => $answer:expr,)*
    ) => {
        $(const $name: u32 = u32::from_be_bytes($crate::abi::selector($signature));)*
        const OWN: &[u32] = &[$($name),*];

        /// Every selector [`route`] answers (the constructor's aside): the table's, then
        /// [`lrt_common::router::GOVERNANCE`]'s.
        pub const SELECTORS: &[u32] = &$crate::router::concat::<
            { OWN.len() + $crate::router::GOVERNANCE.len() },
        >(OWN, $crate::router::GOVERNANCE);

        #[cfg(test)]
        #[test]
        fn selectors_are_distinct() {
            for (i, a) in SELECTORS.iter().enumerate() {
                assert!(!SELECTORS[i + 1..].contains(a), "{a:08x} twice");
            }
        }

        /// Answers `calldata` (selector and arguments) with the ABI-encoded result or revert
        /// data; an unknown selector or malformed arguments revert with no data.
        pub fn route($this: &mut $contract, calldata: &[u8]) -> $crate::router::Reply {
            let Some((selector, $args)) = $crate::router::split(calldata) else {
                return Err($crate::__private::Vec::new());
            };
            Ok(match selector {
                $crate::router::CONSTRUCTOR => $constructor,
                $($name => $answer,)*
                _ => {
                    return $crate::router::governance::<$error>(
                        &mut $this.$roles,
                        &mut $this.$pausable,
                        $enforced,
                        selector,
                        &$args,
                    )
                }
            })
        }
    };
}

/// The role and pause functions, the same in every contract: `admin()`, `pendingAdmin()`,
/// `isPauser(address)`, `paused()`, `transferAdmin(address)`, `acceptAdmin()`,
/// `setPauser(address,bool)`, `pause(uint8)`, `unpause(uint8)`.
pub const GOVERNANCE: &[u32] = &[
    ADMIN,
    PENDING_ADMIN,
    IS_PAUSER,
    PAUSED,
    TRANSFER_ADMIN,
    ACCEPT_ADMIN,
    SET_PAUSER,
    PAUSE,
    UNPAUSE,
];

const fn selector_u32(signature: &str) -> u32 {
    u32::from_be_bytes(crate::abi::selector(signature))
}
const ADMIN: u32 = selector_u32("admin()");
const PENDING_ADMIN: u32 = selector_u32("pendingAdmin()");
const IS_PAUSER: u32 = selector_u32("isPauser(address)");
const PAUSED: u32 = selector_u32("paused()");
const TRANSFER_ADMIN: u32 = selector_u32("transferAdmin(address)");
const ACCEPT_ADMIN: u32 = selector_u32("acceptAdmin()");
const SET_PAUSER: u32 = selector_u32("setPauser(address,bool)");
const PAUSE: u32 = selector_u32("pause(uint8)");
const UNPAUSE: u32 = selector_u32("unpause(uint8)");

/// Answers one of the [`GOVERNANCE`] functions for a contract whose roles and pause bits are
/// `roles` and `pausable`, honouring the pause bits `enforced` (others are refused with
/// `InvalidPauseBits`); any other selector reverts with no data, as an unknown function does.
/// Errors go out through the contract's own error type `E`, so its one encoder serves them.
#[inline(always)]
pub fn governance<E: From<AccessError> + Into<Vec<u8>>>(
    roles: &mut Roles,
    pausable: &mut Pausable,
    enforced: u8,
    selector: u32,
    a: &Args,
) -> Reply {
    let done = |result: Result<(), AccessError>| {
        result.map(|()| Vec::new()).map_err(|e| E::from(e).into())
    };
    match selector {
        ADMIN => Ok(words(&[roles.admin().word()])),
        PENDING_ADMIN => Ok(words(&[roles.pending_admin().word()])),
        IS_PAUSER => Ok(words(&[roles.is_pauser(a.address(0)?).word()])),
        PAUSED => Ok(words(&[pausable.paused().word()])),
        TRANSFER_ADMIN => done(roles.transfer_admin(a.address(0)?)),
        ACCEPT_ADMIN => done(roles.accept_admin()),
        SET_PAUSER => done(roles.set_pauser(a.address(0)?, a.bool(1)?)),
        PAUSE => done(pausable.pause(roles, a.u8(0)?, enforced)),
        UNPAUSE => done(pausable.unpause(roles, a.u8(0)?, enforced)),
        _ => Err(Vec::new()),
    }
}

/// `a` then `b` as one array, for a `SELECTORS` constant built from two lists.
pub const fn concat<const N: usize>(a: &[u32], b: &[u32]) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}

/// Return data or revert data, as a router answers.
pub type Reply = Result<Vec<u8>, Vec<u8>>;

/// A decoded argument, or the empty revert of malformed calldata.
pub type Decoded<T> = Result<T, Vec<u8>>;

/// Splits calldata into its selector and arguments; calldata shorter than a selector is `None`.
pub fn split(calldata: &[u8]) -> Option<(u32, Args<'_>)> {
    let (selector, args) = calldata.split_first_chunk::<4>()?;
    Some((u32::from_be_bytes(*selector), Args(args)))
}

/// Calldata after the selector, read as ABI words.
pub struct Args<'a>(pub &'a [u8]);

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

    pub fn address(&self, index: usize) -> Decoded<Address> {
        Ok(crate::abi::address_in(self.word(index, 12)?))
    }

    pub fn uint(&self, index: usize) -> Decoded<U256> {
        Ok(crate::abi::uint_in(self.word(index, 0)?))
    }

    pub fn b256(&self, index: usize) -> Decoded<B256> {
        Ok(B256::from(*self.word(index, 0)?))
    }

    pub fn u64(&self, index: usize) -> Decoded<u64> {
        Ok(low_u64(self.word(index, 24)?))
    }

    pub fn u8(&self, index: usize) -> Decoded<u8> {
        Ok(self.word(index, 31)?[31])
    }

    pub fn bool(&self, index: usize) -> Decoded<bool> {
        match self.u8(index)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Vec::new()),
        }
    }

    /// A `string` whose head word at `index` holds the offset of its length and bytes.
    pub fn string(&self, index: usize) -> Decoded<String> {
        core::str::from_utf8(self.bytes(index)?)
            .map(String::from)
            .map_err(|_| Vec::new())
    }

    /// A `string` or `bytes` argument's bytes, unchecked: for text the contract only logs
    /// (UTF-8 validation costs about a kilobyte of WASM; indexers check what they read).
    pub fn bytes(&self, index: usize) -> Decoded<&[u8]> {
        let offset = low_u64(self.word(index, 24)?) as usize;
        let len = low_u64(self.word_at(offset, 24)?) as usize;
        offset
            .checked_add(32)
            .and_then(|start| self.0.get(start..)?.get(..len))
            .ok_or_else(Vec::new)
    }
}

fn low_u64(word: &[u8; 32]) -> u64 {
    word.iter()
        .skip(24)
        .fold(0, |value, &byte| (value << 8) | u64::from(byte))
}

/// The answer of a function that returns nothing: empty return data, or its error's revert.
pub fn done<E: Into<Vec<u8>>>(result: Result<(), E>) -> Reply {
    result.map(|()| Vec::new()).map_err(Into::into)
}

/// One static return value.
pub fn word(value: impl Word) -> Vec<u8> {
    words(&[value.word()])
}

/// One static return value of a function that may revert, in the contract's error type.
pub fn answer<T: Word, E: Into<Vec<u8>>>(result: Result<T, E>) -> Reply {
    result.map(word).map_err(Into::into)
}

/// Static return values, one word each.
pub fn words(list: &[B256]) -> Vec<u8> {
    let mut out = Vec::with_capacity(32 * list.len());
    for word in list {
        out.extend_from_slice(word.as_slice());
    }
    out
}

/// An `address[]` return value: offset, length, elements.
pub fn addresses(list: Vec<Address>) -> Vec<u8> {
    let mut out = words(&[32u64.word(), (list.len() as u64).word()]);
    for address in list {
        out.extend_from_slice(address.word().as_slice());
    }
    out
}

/// A `string` (or `bytes`) return value: offset, length, bytes padded to a word. Takes bytes
/// so a contract that stored valid UTF-8 need not check it again on every read.
pub fn string(text: &[u8]) -> Vec<u8> {
    let mut out = words(&[32u64.word(), (text.len() as u64).word()]);
    out.extend_from_slice(text);
    out.resize(out.len().next_multiple_of(32), 0);
    out
}

/// The selectors of every `function` in a Solidity interface file as `export-abi` prints it:
/// what a contract's router must answer, no more and no less (its tests compare the two).
#[cfg(not(target_arch = "wasm32"))]
pub fn declared_selectors(interface: &str) -> Vec<u32> {
    let mut declared: Vec<u32> = interface
        .lines()
        .filter_map(|line| line.trim().strip_prefix("function "))
        .map(|declaration| {
            let (name, rest) = declaration.split_once('(').unwrap_or_default();
            let params = rest.split_once(')').unwrap_or_default().0;
            let types: Vec<&str> = params
                .split(',')
                .filter_map(|param| param.split_whitespace().next())
                .collect();
            let signature = alloc::format!("{name}({})", types.join(","));
            u32::from_be_bytes(crate::abi::selector_of(&signature))
        })
        .collect();
    declared.sort_unstable();
    declared
}

/// The selectors in `routed` that none of `calls` (calldata) uses, as hex: what a differential
/// router test left unexercised.
#[cfg(not(target_arch = "wasm32"))]
pub fn unexercised<'a>(
    routed: &[u32],
    calls: impl IntoIterator<Item = &'a [u8]>,
) -> Vec<alloc::string::String> {
    let used: Vec<u32> = calls
        .into_iter()
        .filter_map(|c| Some(split(c)?.0))
        .collect();
    routed
        .iter()
        .filter(|selector| !used.contains(selector))
        .map(|selector| alloc::format!("{selector:08x}"))
        .collect()
}

/// What the SDK's generated router answers for `calldata`, for tests that hold a hand router
/// against it; a selector it does not know reverts with no data, as on chain.
#[cfg(not(target_arch = "wasm32"))]
pub fn sdk_route<S>(storage: &mut S, calldata: &[u8]) -> Reply
where
    S: stylus_sdk::abi::Router<S>
        + stylus_sdk::prelude::TopLevelStorage
        + core::borrow::BorrowMut<<S as stylus_sdk::abi::Router<S>>::Storage>
        + stylus_sdk::stylus_core::ValueDenier,
{
    let Some((selector, args)) = calldata.split_first_chunk::<4>() else {
        return Err(Vec::new());
    };
    S::route(storage, u32::from_be_bytes(*selector), args).unwrap_or(Err(Vec::new()))
}

#[cfg(test)]
mod tests {
    use alloy_sol_types::{sol_data, SolType};

    use super::*;

    #[test]
    fn governance_selectors_are_the_role_and_pause_functions() {
        assert_eq!(GOVERNANCE.len(), 9);
        assert_eq!(ADMIN, 0xf851a440);
        assert_eq!(PAUSED, 0x5c975abb);
        assert_eq!(PAUSE, 0xedf07f15);
        assert_eq!(UNPAUSE, 0x301c7e5d);
    }

    #[test]
    fn concat_puts_the_second_list_after_the_first() {
        assert_eq!(concat::<5>(&[1, 2], &[3, 4, 5]), [1, 2, 3, 4, 5]);
        assert_eq!(concat::<2>(&[], &[7, 8]), [7, 8]);
    }

    #[test]
    fn string_reply_is_the_abi_encoding() {
        for text in ["", "Restaked ETH", &"x".repeat(40)] {
            let expected = <(sol_data::String,)>::abi_encode_params(&(text.to_owned(),));
            assert_eq!(string(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn address_list_reply_is_the_abi_encoding() {
        let list = vec![Address::repeat_byte(1), Address::repeat_byte(2)];
        let expected = <(sol_data::Array<sol_data::Address>,)>::abi_encode_params(&(list.clone(),));
        assert_eq!(addresses(list), expected);
    }

    #[test]
    fn declared_selectors_reads_an_exported_interface() {
        let interface = "interface I {\n    function transfer(address to, uint256 value) external returns (bool);\n\n    function decimals() external view returns (uint8);\n\n    error ZeroAddress();\n}";
        assert_eq!(declared_selectors(interface), vec![0x313ce567, 0xa9059cbb]);
    }

    proptest::proptest! {
        /// Address and u64 arguments decode as alloy decodes them, at any argument index.
        #[test]
        fn address_and_u64_arguments_decode_as_alloy_decodes_them(
            bytes in proptest::array::uniform20(proptest::num::u8::ANY),
            n in proptest::num::u64::ANY,
        ) {
            let address = Address::from(bytes);
            let calldata = <(sol_data::Uint<64>, sol_data::Address, sol_data::Uint<64>)>::abi_encode_params(
                &(n, address, n),
            );
            let args = Args(&calldata);
            proptest::prop_assert_eq!(args.address(1), Ok(address));
            proptest::prop_assert_eq!(args.u64(0), Ok(n));
            proptest::prop_assert_eq!(args.u64(2), Ok(n));
        }
    }

    #[test]
    fn malformed_arguments_revert_empty() {
        let mut dirty = [0u8; 32];
        dirty[0] = 1;
        let args = Args(&dirty);
        assert_eq!(args.address(0), Err(Vec::new()));
        assert_eq!(args.u64(0), Err(Vec::new()));
        assert_eq!(args.u8(0), Err(Vec::new()));
        assert_eq!(Args(&[0u8; 31]).uint(0), Err(Vec::new()));
        let mut two = [0u8; 32];
        two[31] = 2;
        assert_eq!(Args(&two).bool(0), Err(Vec::new()));
        assert_eq!(Args(&two).u8(0), Ok(2));
    }

    #[test]
    fn string_argument_out_of_bounds_reverts_empty() {
        let mut calldata = words(&[32u64.word(), 100u64.word()]);
        calldata.extend_from_slice(b"short");
        assert_eq!(Args(&calldata).string(0), Err(Vec::new()));
        let ok = string(b"ok");
        assert_eq!(Args(&ok).string(0).as_deref(), Ok("ok"));
    }
}
