//! Storage fields narrower than a slot, so adjacent ones pack as Solidity packs them.

/// Implements the SDK's `StorageType` for `$name { $field: $inner }`, a wrapper around one
/// storage primitive taking `$bytes` of a slot (a nested `#[storage]` struct would take a slot
/// of its own). The wrapper's methods then read and write `$field`.
#[macro_export]
macro_rules! packed_field {
    ($name:ident { $field:ident: $inner:ty }, $bytes:expr) => {
        impl $crate::__private::stylus_sdk::storage::StorageType for $name {
            type Wraps<'a> = $crate::__private::stylus_sdk::storage::StorageGuard<'a, Self>;
            type WrapsMut<'a> = $crate::__private::stylus_sdk::storage::StorageGuardMut<'a, Self>;

            const SLOT_BYTES: usize = $bytes;

            unsafe fn new(
                slot: $crate::__private::stylus_sdk::alloy_primitives::U256,
                offset: u8,
                host: $crate::__private::stylus_sdk::host::VM,
            ) -> Self {
                Self {
                    $field: <$inner as $crate::__private::stylus_sdk::storage::StorageType>::new(
                        slot, offset, host,
                    ),
                }
            }

            fn load<'s>(self) -> Self::Wraps<'s> {
                $crate::__private::stylus_sdk::storage::StorageGuard::new(self)
            }

            fn load_mut<'s>(self) -> Self::WrapsMut<'s> {
                $crate::__private::stylus_sdk::storage::StorageGuardMut::new(self)
            }
        }
    };
}
