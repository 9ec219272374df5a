//! Per-function pause switches: pausers set bits, only the admin clears them.
//!
//! Each contract passes the bits it enforces (`pause(roles, bits, DEPOSIT)` in the vault) and
//! any other bit is refused with `InvalidPauseBits`: a pause that a contract accepts always
//! stops what its name says there, so an incident responder is never told "paused" in vain.

use alloy_sol_types::SolEvent;
use stylus_sdk::{prelude::*, storage::StorageU8};

use crate::{
    abi::{emit, Word},
    errors::{AccessError, EnforcedPause, InvalidPauseBits, Paused, Unpaused},
    roles::Roles,
};

/// Deposits and mints into the vault.
pub const DEPOSIT: u8 = 1;
/// New withdrawal requests.
pub const REQUEST: u8 = 2;
/// Claims of matured withdrawal requests.
pub const CLAIM: u8 = 4;
/// Delegation and allocation changes in the hub (never slashing).
pub const DELEGATE: u8 = 8;
/// Every bit above (no single contract enforces all of them).
pub const ALL: u8 = DEPOSIT | REQUEST | CLAIM | DELEGATE;

/// The paused bits of one contract. Slashing must never consult it.
///
/// One byte of storage, laid out like a `u8` field rather than a nested `#[storage]` struct
/// (which would take a slot of its own): a contract places it next to the fields its guarded
/// functions read anyway, so the guard costs no extra cold slot.
pub struct Pausable {
    bits: StorageU8,
}

crate::packed_field!(Pausable { bits: StorageU8 }, 1);

impl Pausable {
    pub fn paused(&self) -> u8 {
        self.bits.get().byte(0)
    }

    /// Guard: the function guarded by `bit` is not paused.
    pub fn when_not_paused(&self, bit: u8) -> Result<(), AccessError> {
        if self.paused() & bit != 0 {
            return Err(EnforcedPause { bit }.into());
        }
        Ok(())
    }

    /// A pauser (or the admin) sets `bits`, all of which must be among `enforced`: the bits
    /// whose guard this contract calls.
    pub fn pause(&mut self, roles: &Roles, bits: u8, enforced: u8) -> Result<(), AccessError> {
        roles.only_pauser()?;
        check_bits(bits, enforced)?;
        self.bits
            .set(alloy_primitives::U8::from(self.paused() | bits));
        let vm = self.bits.vm();
        emit(
            vm,
            &[Paused::SIGNATURE_HASH, vm.msg_sender().word()],
            &[bits.word()],
        );
        Ok(())
    }

    /// The admin clears `bits` (among `enforced`, as for [`Self::pause`]).
    pub fn unpause(&mut self, roles: &Roles, bits: u8, enforced: u8) -> Result<(), AccessError> {
        roles.only_admin()?;
        check_bits(bits, enforced)?;
        self.bits
            .set(alloy_primitives::U8::from(self.paused() & !bits));
        let vm = self.bits.vm();
        emit(
            vm,
            &[Unpaused::SIGNATURE_HASH, vm.msg_sender().word()],
            &[bits.word()],
        );
        Ok(())
    }
}

fn check_bits(bits: u8, enforced: u8) -> Result<(), AccessError> {
    if bits == 0 || bits & !enforced != 0 {
        return Err(InvalidPauseBits { bits }.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, Address};
    use stylus_sdk::testing::TestVM;

    use super::*;

    const ADMIN: Address = address!("00000000000000000000000000000000000000a1");
    const PAUSER: Address = address!("00000000000000000000000000000000000000b1");
    const NOBODY: Address = address!("00000000000000000000000000000000000000c1");

    /// Roles and pause bits in distinct slots of one test VM.
    #[storage]
    struct Harness {
        roles: Roles,
        pausable: Pausable,
    }

    fn given_admin_and_pauser() -> (TestVM, Harness) {
        let vm = TestVM::new();
        let mut h = Harness::from(&vm);
        h.roles.init(ADMIN).ok();
        vm.set_sender(ADMIN);
        h.roles.set_pauser(PAUSER, true).ok();
        (vm, h)
    }

    /// The bits and an address declared after them, as a contract packs them.
    #[storage]
    struct Packed {
        roles: Roles,
        pausable: Pausable,
        neighbour: stylus_sdk::storage::StorageAddress,
    }

    #[test]
    fn the_bits_share_a_slot_with_the_next_small_field_without_clobbering_it() {
        let vm = TestVM::new();
        let mut packed = Packed::from(&vm);
        packed.roles.init(ADMIN).ok();
        packed.neighbour.set(NOBODY);
        vm.set_sender(ADMIN);
        assert!(packed.pausable.pause(&packed.roles, DEPOSIT, ALL).is_ok());

        assert_eq!(packed.neighbour.get(), NOBODY);
        assert_eq!(packed.pausable.paused(), DEPOSIT);
        assert_eq!(
            Packed::REQUIRED_SLOTS,
            3 + 1,
            "the roles' three, then one for both"
        );
    }

    #[test]
    fn pauser_pauses_and_the_guard_blocks_only_that_bit() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(PAUSER);
        assert!(h.pausable.pause(&h.roles, DEPOSIT | CLAIM, ALL).is_ok());
        assert_eq!(h.pausable.paused(), DEPOSIT | CLAIM);
        assert!(matches!(
            h.pausable.when_not_paused(DEPOSIT),
            Err(AccessError::EnforcedPause(EnforcedPause { bit: DEPOSIT }))
        ));
        assert!(h.pausable.when_not_paused(REQUEST).is_ok());
    }

    #[test]
    fn only_admin_unpauses() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(PAUSER);
        h.pausable.pause(&h.roles, ALL, ALL).ok();
        assert!(matches!(
            h.pausable.unpause(&h.roles, DEPOSIT, ALL),
            Err(AccessError::NotAdmin(_))
        ));

        vm.set_sender(ADMIN);
        assert!(h.pausable.unpause(&h.roles, DEPOSIT, ALL).is_ok());
        assert_eq!(h.pausable.paused(), REQUEST | CLAIM | DELEGATE);
        assert!(h.pausable.when_not_paused(DEPOSIT).is_ok());
    }

    #[test]
    fn strangers_cannot_pause() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(NOBODY);
        assert!(matches!(
            h.pausable.pause(&h.roles, DEPOSIT, ALL),
            Err(AccessError::NotPauser(_))
        ));
        assert_eq!(h.pausable.paused(), 0);
    }

    #[test]
    fn zero_or_unknown_bits_are_rejected() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(ADMIN);
        assert!(matches!(
            h.pausable.pause(&h.roles, 0, ALL),
            Err(AccessError::InvalidPauseBits(_))
        ));
        assert!(matches!(
            h.pausable.pause(&h.roles, 16, ALL),
            Err(AccessError::InvalidPauseBits(_))
        ));
        assert!(matches!(
            h.pausable.unpause(&h.roles, 0x80, ALL),
            Err(AccessError::InvalidPauseBits(_))
        ));
    }

    #[test]
    fn bits_the_contract_does_not_enforce_are_rejected_and_nothing_is_paused() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(PAUSER);
        assert_eq!(
            h.pausable.pause(&h.roles, DEPOSIT | REQUEST, DEPOSIT),
            Err(AccessError::InvalidPauseBits(InvalidPauseBits {
                bits: DEPOSIT | REQUEST
            }))
        );
        assert_eq!(h.pausable.paused(), 0, "no partial pause either");
        vm.set_sender(ADMIN);
        assert!(matches!(
            h.pausable.unpause(&h.roles, CLAIM, REQUEST | CLAIM),
            Ok(())
        ));
        assert!(matches!(
            h.pausable.unpause(&h.roles, DELEGATE, REQUEST | CLAIM),
            Err(AccessError::InvalidPauseBits(_))
        ));
    }
}
