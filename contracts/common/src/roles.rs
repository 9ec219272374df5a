//! Admin (two-step transfer) and pausers, as a storage component.

use alloc::{vec, vec::Vec};
use alloy_primitives::{Address, B256};
use alloy_sol_types::SolEvent;

use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageMap},
};

use crate::abi::{emit, Word};
use crate::errors::{
    AccessError, AdminTransferStarted, AdminTransferred, NotAdmin, NotPauser, NotPendingAdmin,
    PauserSet, ZeroAddress,
};

/// Who may govern and who may pause. Embed in the entrypoint struct; call [`Roles::init`] from
/// the constructor (it runs in the deploy transaction, so nobody can front-run it).
#[storage]
pub struct Roles {
    admin: StorageAddress,
    pending_admin: StorageAddress,
    pausers: StorageMap<Address, StorageBool>,
}

impl Roles {
    /// Sets the first admin; emits `AdminTransferred(0, admin)`.
    pub fn init(&mut self, admin: Address) -> Result<(), AccessError> {
        if admin.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.admin.set(admin);
        emit(
            self.vm(),
            &[AdminTransferred::SIGNATURE_HASH, B256::ZERO, admin.word()],
            &[],
        );
        Ok(())
    }

    pub fn admin(&self) -> Address {
        self.admin.get()
    }

    pub fn pending_admin(&self) -> Address {
        self.pending_admin.get()
    }

    pub fn is_pauser(&self, account: Address) -> bool {
        self.pausers.get(account)
    }

    /// Guard: the caller is the admin.
    pub fn only_admin(&self) -> Result<(), AccessError> {
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() {
            return Err(NotAdmin { caller }.into());
        }
        Ok(())
    }

    /// Guard: the caller is a pauser or the admin.
    pub fn only_pauser(&self) -> Result<(), AccessError> {
        let caller = self.vm().msg_sender();
        if caller != self.admin.get() && !self.pausers.get(caller) {
            return Err(NotPauser { caller }.into());
        }
        Ok(())
    }

    /// Admin proposes `new_admin`; zero cancels a pending transfer. Nothing changes until
    /// the new admin accepts, so a typo cannot lock governance out.
    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), AccessError> {
        self.only_admin()?;
        self.pending_admin.set(new_admin);
        let topics = [
            AdminTransferStarted::SIGNATURE_HASH,
            self.admin.get().word(),
            new_admin.word(),
        ];
        emit(self.vm(), &topics, &[]);
        Ok(())
    }

    /// The pending admin takes over.
    pub fn accept_admin(&mut self) -> Result<(), AccessError> {
        let caller = self.vm().msg_sender();
        if caller.is_zero() || caller != self.pending_admin.get() {
            return Err(NotPendingAdmin { caller }.into());
        }
        let previous = self.admin.get();
        self.admin.set(caller);
        self.pending_admin.set(Address::ZERO);
        emit(
            self.vm(),
            &[
                AdminTransferred::SIGNATURE_HASH,
                previous.word(),
                caller.word(),
            ],
            &[],
        );
        Ok(())
    }

    /// Admin adds or removes a pauser.
    pub fn set_pauser(&mut self, account: Address, allowed: bool) -> Result<(), AccessError> {
        self.only_admin()?;
        if account.is_zero() {
            return Err(ZeroAddress {}.into());
        }
        self.pausers.setter(account).set(allowed);
        emit(
            self.vm(),
            &[PauserSet::SIGNATURE_HASH, account.word()],
            &[allowed.word()],
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::address;
    use alloy_sol_types::SolEvent;
    use stylus_sdk::testing::TestVM;

    use super::*;

    const ADMIN: Address = address!("00000000000000000000000000000000000000a1");
    const NEXT: Address = address!("00000000000000000000000000000000000000a2");
    const PAUSER: Address = address!("00000000000000000000000000000000000000b1");

    fn given_roles() -> (TestVM, Roles) {
        let vm = TestVM::new();
        let mut roles = Roles::from(&vm);
        roles.init(ADMIN).ok();
        (vm, roles)
    }

    #[test]
    fn init_rejects_zero_admin() {
        let vm = TestVM::new();
        let mut roles = Roles::from(&vm);
        assert!(matches!(
            roles.init(Address::ZERO),
            Err(AccessError::ZeroAddress(_))
        ));
    }

    #[test]
    fn init_sets_admin_and_logs_it() {
        let (vm, roles) = given_roles();
        assert_eq!(roles.admin(), ADMIN);
        let logs = vm.get_emitted_logs();
        assert_eq!(logs.len(), 1);
        assert_eq!(logs[0].0[0], AdminTransferred::SIGNATURE_HASH);
    }

    #[test]
    fn admin_transfer_needs_acceptance_by_the_new_admin() {
        let (vm, mut roles) = given_roles();
        vm.set_sender(ADMIN);
        roles.transfer_admin(NEXT).ok();
        assert_eq!(roles.admin(), ADMIN, "nothing changes before acceptance");
        assert_eq!(roles.pending_admin(), NEXT);

        vm.set_sender(PAUSER);
        assert!(matches!(
            roles.accept_admin(),
            Err(AccessError::NotPendingAdmin(_))
        ));

        vm.set_sender(NEXT);
        assert!(roles.accept_admin().is_ok());
        assert_eq!(roles.admin(), NEXT);
        assert_eq!(roles.pending_admin(), Address::ZERO);
        assert_eq!(
            vm.get_emitted_logs().last().map(|l| l.0[0]),
            Some(AdminTransferred::SIGNATURE_HASH)
        );
    }

    #[test]
    fn only_admin_may_start_a_transfer() {
        let (vm, mut roles) = given_roles();
        vm.set_sender(NEXT);
        assert!(matches!(
            roles.transfer_admin(NEXT),
            Err(AccessError::NotAdmin(_))
        ));
    }

    #[test]
    fn nobody_accepts_when_no_transfer_is_pending() {
        let (vm, mut roles) = given_roles();
        vm.set_sender(Address::ZERO);
        assert!(matches!(
            roles.accept_admin(),
            Err(AccessError::NotPendingAdmin(_))
        ));
    }

    #[test]
    fn pausers_are_set_by_admin_only() {
        let (vm, mut roles) = given_roles();
        vm.set_sender(PAUSER);
        assert!(matches!(
            roles.set_pauser(PAUSER, true),
            Err(AccessError::NotAdmin(_))
        ));
        assert!(matches!(
            roles.only_pauser(),
            Err(AccessError::NotPauser(_))
        ));

        vm.set_sender(ADMIN);
        assert!(matches!(
            roles.set_pauser(Address::ZERO, true),
            Err(AccessError::ZeroAddress(_))
        ));
        assert!(roles.set_pauser(PAUSER, true).is_ok());
        assert!(roles.is_pauser(PAUSER));
        assert!(roles.only_pauser().is_ok(), "admin counts as pauser");

        vm.set_sender(PAUSER);
        assert!(roles.only_pauser().is_ok());
        assert!(matches!(roles.only_admin(), Err(AccessError::NotAdmin(_))));
    }
}
