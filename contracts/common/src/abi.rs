//! Lean ABI encoding for events and custom errors whose fields are all static words.
//!
//! The typed `vm().log(Event { .. })` and `#[derive(SolidityError)]` monomorphise alloy's
//! encoder once per event and error type (~0.6 KB of WASM each); these helpers share one copy,
//! which is what keeps each contract under the 24 KB Stylus limit. Declare events and errors
//! with `sol!` as usual (their selectors, hashes and the tests' decoding come from there).

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{keccak_const, stylus_core::RawLogAccess};

/// A value that ABI-encodes as one 32-byte word.
pub trait Word {
    fn word(self) -> B256;
}

impl Word for B256 {
    fn word(self) -> B256 {
        self
    }
}

impl Word for Address {
    #[inline(never)]
    fn word(self) -> B256 {
        right_aligned(self.as_slice())
    }
}

impl Word for U256 {
    /// Out of line: the byte swap is ~40 bytes of WASM at every event and error field.
    #[inline(never)]
    fn word(self) -> B256 {
        B256::from(self)
    }
}

impl Word for u64 {
    fn word(self) -> B256 {
        right_aligned(&self.to_be_bytes())
    }
}

/// The address in the low-order 20 bytes of an ABI word (the high 12 are not checked).
pub fn address_in(word: &[u8; 32]) -> Address {
    let mut address = Address::ZERO;
    for (to, from) in address.0.iter_mut().zip(word.iter().skip(12)) {
        *to = *from;
    }
    address
}

/// The big-endian number in an ABI word, without ruint's `from_be_bytes`, whose "value too
/// large" check (and panic location) the size-optimised build keeps.
pub fn uint_in(word: &[u8; 32]) -> U256 {
    let mut limbs = [0u64; 4];
    for (limb, bytes) in limbs.iter_mut().rev().zip(word.chunks_exact(8)) {
        *limb = bytes
            .iter()
            .fold(0, |value, &byte| (value << 8) | u64::from(byte));
    }
    U256::from_limbs(limbs)
}

/// `bytes` (at most 32) in the low-order end of a zero word. Copied byte by byte: a
/// `copy_from_slice` keeps its length check and the panic location it names, and every
/// byte of a program's data segment costs gas on each call into it (Nitro's `cachedCost`).
fn right_aligned(bytes: &[u8]) -> B256 {
    let mut word = B256::ZERO;
    for (to, from) in word.0.iter_mut().rev().zip(bytes.iter().rev()) {
        *to = *from;
    }
    word
}

impl Word for u8 {
    fn word(self) -> B256 {
        let mut word = B256::ZERO;
        word[31] = self;
        word
    }
}

impl Word for bool {
    fn word(self) -> B256 {
        u8::from(self).word()
    }
}

/// The 4-byte selector of a Solidity signature such as `"transfer(address,uint256)"`.
pub const fn selector(signature: &str) -> [u8; 4] {
    let hash = keccak_const::Keccak256::new()
        .update(signature.as_bytes())
        .finalize();
    [hash[0], hash[1], hash[2], hash[3]]
}

/// [`selector`] of a signature built at run time (tests, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn selector_of(signature: &str) -> [u8; 4] {
    let hash = alloy_primitives::keccak256(signature);
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Emits a log: `topics[0]` is the event's `SIGNATURE_HASH`, then the indexed fields; `data`
/// holds the non-indexed fields in declaration order.
pub fn emit(host: &impl RawLogAccess, topics: &[B256], data: &[B256]) {
    let mut bytes = Vec::with_capacity(32 * (topics.len() + data.len()));
    for word in topics.iter().chain(data) {
        bytes.extend_from_slice(word.as_slice());
    }
    host.emit_log(&bytes, topics.len());
}

/// Emits a log whose first non-indexed field is a `string` or `bytes` and the rest static
/// words: in the data, the text's offset, the words, then its length and padded bytes.
pub fn emit_with_text(host: &impl RawLogAccess, topics: &[B256], text: &[u8], data: &[B256]) {
    let mut bytes = Vec::with_capacity(32 * (topics.len() + data.len() + 2) + text.len());
    for word in topics {
        bytes.extend_from_slice(word.as_slice());
    }
    bytes.extend_from_slice((32 * (data.len() as u64 + 1)).word().as_slice());
    for word in data {
        bytes.extend_from_slice(word.as_slice());
    }
    bytes.extend_from_slice((text.len() as u64).word().as_slice());
    bytes.extend_from_slice(text);
    bytes.resize(bytes.len().next_multiple_of(32), 0);
    host.emit_log(&bytes, topics.len());
}

/// Something a contract logs with the lean encoding; implemented by [`events!`](crate::events).
pub trait Event {
    fn emit(self, host: &impl RawLogAccess);
}

/// Implements [`Event`] for `sol!` events, one line each naming the indexed fields, an
/// optional leading `string`/`bytes` field, and the other non-indexed fields in order:
///
/// ```ignore
/// lrt_common::events! {
///     OperatorSet { indexed: [controller, operator], data: [approved] }
///     OperatorRegistered { indexed: [operator], text: metadataURI, data: [] }
/// }
/// ```
#[macro_export]
macro_rules! events {
    ($($name:ident { indexed: [$($topic:ident),* $(,)?] $(, text: $text:ident)?, data: [$($field:ident),* $(,)?] $(,)? })*) => {$(
        impl $crate::abi::Event for $name {
            fn emit(self, host: &impl $crate::__private::stylus_sdk::stylus_core::RawLogAccess) {
                use $crate::__private::alloy_sol_types::SolEvent;
                #[allow(unused_imports)]
                use $crate::abi::Word;
                let topics = [Self::SIGNATURE_HASH $(, self.$topic.word())*];
                let data = [$(self.$field.word()),*];
                $crate::events!(@emit host, topics, data, self $(, $text)?);
            }
        }
    )*};
    (@emit $host:ident, $topics:ident, $data:ident, $self:ident) => {
        $crate::abi::emit($host, &$topics, &$data)
    };
    (@emit $host:ident, $topics:ident, $data:ident, $self:ident, $text:ident) => {
        $crate::abi::emit_with_text($host, &$topics, AsRef::<[u8]>::as_ref(&$self.$text), &$data)
    };
}

/// The names of the events a Solidity interface file declares (as `export-abi` prints them).
#[cfg(not(target_arch = "wasm32"))]
pub fn declared_events(interface: &str) -> Vec<alloc::string::String> {
    let mut names: Vec<_> = interface
        .lines()
        .filter_map(|line| line.trim().strip_prefix("event ")?.split_once('('))
        .map(|(name, _)| name.into())
        .collect();
    names.sort();
    names
}

/// Logs `event` through its lean [`Event`] encoding and checks that alloy decodes the log back
/// to `event`; returns the event's name, so a test can compare the names it checked with
/// [`declared_events`].
#[cfg(not(target_arch = "wasm32"))]
pub fn check_event<E>(event: E) -> alloc::string::String
where
    E: Event + alloy_sol_types::SolEvent + Clone + PartialEq + core::fmt::Debug,
{
    struct Recorder(core::cell::RefCell<Vec<(Vec<B256>, Vec<u8>)>>);
    impl RawLogAccess for Recorder {
        fn emit_log(&self, input: &[u8], num_topics: usize) {
            let (topics, data) = input.split_at(32 * num_topics);
            let topics = topics.chunks(32).map(B256::from_slice).collect();
            self.0.borrow_mut().push((topics, data.to_vec()));
        }
        fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
            self.0.borrow_mut().push((topics.to_vec(), data.to_vec()));
            Ok(())
        }
    }
    let recorder = Recorder(Default::default());
    event.clone().emit(&recorder);
    let (topics, data) = recorder.0.into_inner().pop().expect("one log");
    let decoded = E::decode_raw_log(topics, &data).expect("the log decodes");
    assert_eq!(decoded, event, "{} round trip", E::SIGNATURE);
    E::SIGNATURE.split('(').next().unwrap_or_default().into()
}

/// Revert data of a custom error, or calldata of a call: the 4-byte selector, then the
/// static arguments.
pub fn with_selector(selector: [u8; 4], args: &[B256]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(4 + 32 * args.len());
    bytes.extend_from_slice(&selector);
    for word in args {
        bytes.extend_from_slice(word.as_slice());
    }
    bytes
}

/// Declares a contract's error enum over `sol!` error types with static fields:
/// `From` for each variant (so `?` works), the lean revert encoding, and (with the crate's
/// `export-abi` feature) the error list of the exported Solidity interface.
///
/// An optional last `; raw Name` adds a variant holding revert data passed on verbatim (e.g. a
/// callee's own named error).
///
/// ```ignore
/// lrt_common::sol_errors! {
///     /// Revert reasons of the hub.
///     pub enum HubError {
///         NotAdmin { caller },
///         ZeroAddress {},
///         SlashTooLarge { fraction, max };
///         raw Callee
///     }
/// }
/// ```
#[macro_export]
macro_rules! sol_errors {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($variant:ident { $($field:ident),* $(,)? }),* $(,)?
        $(; raw $raw:ident)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq, Eq)]
        $vis enum $name {
            $($variant($variant),)*
            $($raw($crate::__private::Vec<u8>),)?
        }

        $(
            impl From<$variant> for $name {
                fn from(e: $variant) -> Self {
                    Self::$variant(e)
                }
            }
        )*

        impl From<$name> for $crate::__private::Vec<u8> {
            fn from(e: $name) -> Self {
                match e {
                    $(
                        #[allow(unused_variables)]
                        $name::$variant(e) => $crate::abi::with_selector(
                            <$variant as $crate::__private::alloy_sol_types::SolError>::SELECTOR,
                            &[$($crate::abi::Word::word(e.$field)),*],
                        ),
                    )*
                    $($name::$raw(data) => data,)?
                }
            }
        }

        #[cfg(feature = "export-abi")]
        impl $crate::__private::stylus_sdk::abi::export::internal::InnerTypes for $name {
            fn inner_types() -> $crate::__private::Vec<$crate::__private::stylus_sdk::abi::export::internal::InnerType> {
                use $crate::__private::alloy_sol_types::SolError;
                $crate::__private::vec![$(
                    $crate::__private::stylus_sdk::abi::export::internal::InnerType {
                        name: $crate::__private::format!("error {};", <$variant>::SIGNATURE.replace(',', ", ")),
                        id: ::core::any::TypeId::of::<$variant>(),
                    },
                )*]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::{SolError, SolEvent};
    use stylus_sdk::testing::TestVM;

    use super::*;
    use crate::errors::{
        AccessError, AdminTransferred, EnforcedPause, NotAdmin, Paused, ZeroAddress,
    };

    #[test]
    fn lean_error_encoding_matches_alloy() {
        let caller = address!("00000000000000000000000000000000000000a1");
        let cases = [
            (
                AccessError::from(NotAdmin { caller }),
                NotAdmin { caller }.abi_encode(),
            ),
            (
                AccessError::from(ZeroAddress {}),
                ZeroAddress {}.abi_encode(),
            ),
            (
                AccessError::from(EnforcedPause { bit: 4 }),
                EnforcedPause { bit: 4 }.abi_encode(),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(Vec::<u8>::from(error), expected);
        }
    }

    #[test]
    fn small_integers_encode_as_right_aligned_uint_words() {
        assert_eq!(0xabu8.word(), B256::from(U256::from(0xabu8)));
        assert_eq!(u64::MAX.word(), B256::from(U256::from(u64::MAX)));
        assert_eq!(true.word(), B256::from(U256::from(1u8)));
        assert_eq!(false.word(), B256::ZERO);
    }

    proptest::proptest! {
        /// The byte-by-byte encoders agree with alloy's for every value.
        #[test]
        fn addresses_and_u64s_encode_as_alloy_encodes_them(
            bytes in proptest::array::uniform20(proptest::num::u8::ANY),
            n in proptest::num::u64::ANY,
        ) {
            let address = Address::from(bytes);
            proptest::prop_assert_eq!(address.word(), address.into_word());
            proptest::prop_assert_eq!(address_in(&address.into_word().0), address);
            let big: U256 = (U256::from(n) << 150_usize) | U256::from(n);
            proptest::prop_assert_eq!(uint_in(&big.to_be_bytes::<32>()), big);
            proptest::prop_assert_eq!(n.word(), B256::from(U256::from(n)));
        }
    }

    #[test]
    fn selector_matches_the_erc20_one() {
        assert_eq!(
            selector("transfer(address,uint256)"),
            [0xa9, 0x05, 0x9c, 0xbb]
        );
    }

    alloy_sol_types::sol! {
        #[derive(Debug, PartialEq)]
        event Registered(address indexed who, string uri, uint64 at, bool flag);
        #[derive(Debug, PartialEq)]
        event Counted(uint256 indexed id, uint256 amount);
    }

    crate::events! {
        Registered { indexed: [who], text: uri, data: [at, flag] }
        Counted { indexed: [id], data: [amount] }
    }

    #[test]
    fn events_macro_encodes_as_alloy_with_and_without_text() {
        let vm = TestVM::new();
        let who = address!("00000000000000000000000000000000000000c1");
        let registered = |uri: &str| Registered {
            who,
            uri: uri.into(),
            at: 7,
            flag: true,
        };
        for uri in ["", "ipfs://x", &"u".repeat(33)] {
            registered(uri).emit(&vm);
        }
        Counted {
            id: U256::from(3),
            amount: U256::MAX,
        }
        .emit(&vm);
        let logs = vm.get_emitted_logs();
        for (log, uri) in logs.iter().zip(["", "ipfs://x", &"u".repeat(33)]) {
            let expected = registered(uri).encode_log_data();
            assert_eq!(
                (&log.0[..], &log.1[..]),
                (expected.topics(), &expected.data[..])
            );
        }
        let counted = Counted::decode_raw_log(logs[3].0.iter().copied(), &logs[3].1).unwrap();
        assert_eq!((counted.id, counted.amount), (U256::from(3), U256::MAX));
    }

    #[test]
    fn lean_log_decodes_as_the_sol_event() {
        let vm = TestVM::new();
        let account = address!("00000000000000000000000000000000000000b1");
        emit(
            &vm,
            &[Paused::SIGNATURE_HASH, account.word()],
            &[5u8.word()],
        );
        emit(
            &vm,
            &[AdminTransferred::SIGNATURE_HASH, B256::ZERO, account.word()],
            &[],
        );
        let logs = vm.get_emitted_logs();
        let paused = Paused::decode_raw_log(logs[0].0.iter().copied(), &logs[0].1).unwrap();
        assert_eq!((paused.account, paused.bits), (account, 5));
        let moved =
            AdminTransferred::decode_raw_log(logs[1].0.iter().copied(), &logs[1].1).unwrap();
        assert_eq!(
            (moved.previousAdmin, moved.newAdmin),
            (Address::ZERO, account)
        );
    }
}
