//! Per-function pause switches: pausers set bits, only the admin clears them.

use alloc::{vec, vec::Vec};

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
/// Every bit above.
pub const ALL: u8 = DEPOSIT | REQUEST | CLAIM | DELEGATE;

/// The paused bits of one contract. Slashing must never consult it.
#[storage]
pub struct Pausable {
    bits: StorageU8,
}

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

    /// A pauser (or the admin) sets `bits`.
    pub fn pause(&mut self, roles: &Roles, bits: u8) -> Result<(), AccessError> {
        roles.only_pauser()?;
        check_bits(bits)?;
        self.bits
            .set(alloy_primitives::U8::from(self.paused() | bits));
        emit(
            self.vm(),
            &[Paused::SIGNATURE_HASH, self.vm().msg_sender().word()],
            &[bits.word()],
        );
        Ok(())
    }

    /// The admin clears `bits`.
    pub fn unpause(&mut self, roles: &Roles, bits: u8) -> Result<(), AccessError> {
        roles.only_admin()?;
        check_bits(bits)?;
        self.bits
            .set(alloy_primitives::U8::from(self.paused() & !bits));
        let topics = [Unpaused::SIGNATURE_HASH, self.vm().msg_sender().word()];
        emit(self.vm(), &topics, &[bits.word()]);
        Ok(())
    }
}

fn check_bits(bits: u8) -> Result<(), AccessError> {
    if bits == 0 || bits & !ALL != 0 {
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

    #[test]
    fn pauser_pauses_and_the_guard_blocks_only_that_bit() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(PAUSER);
        assert!(h.pausable.pause(&h.roles, DEPOSIT | CLAIM).is_ok());
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
        h.pausable.pause(&h.roles, ALL).ok();
        assert!(matches!(
            h.pausable.unpause(&h.roles, DEPOSIT),
            Err(AccessError::NotAdmin(_))
        ));

        vm.set_sender(ADMIN);
        assert!(h.pausable.unpause(&h.roles, DEPOSIT).is_ok());
        assert_eq!(h.pausable.paused(), REQUEST | CLAIM | DELEGATE);
        assert!(h.pausable.when_not_paused(DEPOSIT).is_ok());
    }

    #[test]
    fn strangers_cannot_pause() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(NOBODY);
        assert!(matches!(
            h.pausable.pause(&h.roles, DEPOSIT),
            Err(AccessError::NotPauser(_))
        ));
        assert_eq!(h.pausable.paused(), 0);
    }

    #[test]
    fn zero_or_unknown_bits_are_rejected() {
        let (vm, mut h) = given_admin_and_pauser();
        vm.set_sender(ADMIN);
        assert!(matches!(
            h.pausable.pause(&h.roles, 0),
            Err(AccessError::InvalidPauseBits(_))
        ));
        assert!(matches!(
            h.pausable.pause(&h.roles, 16),
            Err(AccessError::InvalidPauseBits(_))
        ));
        assert!(matches!(
            h.pausable.unpause(&h.roles, 0x80),
            Err(AccessError::InvalidPauseBits(_))
        ));
    }
}
