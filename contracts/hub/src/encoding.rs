//! Hand-laid ABI encoding for the hub's errors and events.
//!
//! Encoding a `sol!` error or event through alloy instantiates the generic encoder once per
//! type (about half a kilobyte of WASM each); the hub declares forty of them under a 24 KB
//! limit. Their arguments are all static words (three events add one leading string), so a
//! single encoder serves them all. Selectors and topics still come from the `sol!`
//! declarations, and the tests decode every error and event with alloy to prove the layout.

use alloc::vec::Vec;

use stylus_sdk::{
    alloy_primitives::{Address, B256, U256},
    host::VM,
    prelude::*,
};

/// One 32-byte ABI word.
pub trait Word {
    fn word(self) -> B256;
}

impl Word for Address {
    #[inline(never)]
    fn word(self) -> B256 {
        self.into_word()
    }
}

impl Word for U256 {
    #[inline(never)]
    fn word(self) -> B256 {
        self.into()
    }
}

impl Word for B256 {
    fn word(self) -> B256 {
        self
    }
}

impl Word for u64 {
    #[inline(never)]
    fn word(self) -> B256 {
        U256::from(self).into()
    }
}

impl Word for u8 {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

impl Word for bool {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

/// `selector ++ words`: the revert data of an error whose arguments are static.
pub fn error_data(selector: [u8; 4], words: &[B256]) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 + 32 * words.len());
    data.extend_from_slice(&selector);
    for word in words {
        data.extend_from_slice(word.as_slice());
    }
    data
}

/// Emits a log whose non-indexed arguments are static words, optionally preceded by one
/// string or bytes (the first non-indexed argument, encoded as offset, then length and padded
/// bytes after the static words).
pub fn emit(vm: &VM, topics: &[B256], text: Option<&[u8]>, words: &[B256]) {
    let mut data = Vec::new();
    if text.is_some() {
        data.extend_from_slice(U256::from(32 * (words.len() + 1)).word().as_slice());
    }
    for word in words {
        data.extend_from_slice(word.as_slice());
    }
    if let Some(text) = text {
        data.extend_from_slice(U256::from(text.len()).word().as_slice());
        data.extend_from_slice(text);
        data.resize(data.len().next_multiple_of(32), 0);
    }
    // Only fails for more than four topics, which no event here has.
    let _ = vm.raw_log(topics, &data);
}

/// Something the hub logs.
pub trait Event {
    fn emit(self, vm: &VM);
}

/// `impl Event` for `sol!` events: `Name { indexed: [fields], text: field?, data: [fields] }`.
#[macro_export]
macro_rules! hand_encoded_events {
    ($($name:ident { indexed: [$($topic:ident),*] $(, text: $text:ident)? , data: [$($field:ident),*] })*) => {$(
        impl $crate::encoding::Event for $name {
            fn emit(self, vm: &stylus_sdk::host::VM) {
                use stylus_sdk::alloy_sol_types::SolEvent;
                #[allow(unused_imports)]
                use $crate::encoding::Word;
                $crate::encoding::emit(
                    vm,
                    &[Self::SIGNATURE_HASH $(, self.$topic.word())*],
                    $crate::hand_encoded_events!(@text self $($text)?),
                    &[$(self.$field.word()),*],
                );
            }
        }
    )*};
    (@text $self:ident) => { None };
    (@text $self:ident $text:ident) => { Some(AsRef::<[u8]>::as_ref(&$self.$text)) };
}

/// `From<Error> for $target` for `sol!` errors: `Name { fields }`.
#[macro_export]
macro_rules! hand_encoded_errors {
    ($target:ident: $($name:ident { $($field:ident),* })*) => {$(
        impl From<$name> for $target {
            fn from(error: $name) -> Self {
                use stylus_sdk::alloy_sol_types::SolError;
                #[allow(unused_imports)]
                use $crate::encoding::Word;
                let _ = &error;
                Self($crate::encoding::error_data($name::SELECTOR, &[$(error.$field.word()),*]))
            }
        }
    )*};
}
