//! Construction, roles, pause, and registration of vaults, operators and AVSs.

use crate::support::*;
use hub::{
    errors::{
        AvsNotRegistered, DelayTooLong, InvalidFraction, OperatorAlreadyRegistered,
        OperatorNotRegistered, VaultAlreadyRegistered,
    },
    events::{
        AvsAllowlistSet, AvsConfigured, DeallocationDelaySet, OperatorMetadataUpdated,
        OperatorRegistered, SlashCapSet, VaultRegistered,
    },
    Hub, DEALLOCATION_RAISE_NOTICE,
};
use lrt_common::errors::{InvalidPauseBits, NotAdmin, NotPauser, NotPendingAdmin, ZeroAddress};
use stylus_sdk::alloy_primitives::{Address, U256};

#[test]
fn constructor_sets_admin_and_delay_and_refuses_a_delay_above_30_days() {
    let w = World::new();
    assert_eq!((w.hub.admin(), w.hub.deallocation_delay()), (ADMIN, WEEK));

    let chain = Chain::default();
    let mut fresh = Hub::from(&chain);
    assert_reverts(
        fresh.constructor(ADMIN, 30 * DAY + 1),
        DelayTooLong {
            delay: 30 * DAY + 1,
        },
    );
    assert_reverts(fresh.constructor(Address::ZERO, WEEK), ZeroAddress {});
}

#[test]
fn admin_sets_the_deallocation_delay_within_30_days() {
    let mut w = World::new();
    w.by(STRANGER);
    assert_reverts(
        w.hub.set_deallocation_delay(DAY),
        NotAdmin { caller: STRANGER },
    );
    w.by(ADMIN);
    assert_reverts(
        w.hub.set_deallocation_delay(30 * DAY + 1),
        DelayTooLong {
            delay: 30 * DAY + 1,
        },
    );
    assert!(w.hub.set_deallocation_delay(30 * DAY).is_ok());
    assert_logged(
        &w.chain.take_logs(),
        DeallocationDelaySet {
            delay: 30 * DAY,
            effectiveAt: w.chain.now() + DEALLOCATION_RAISE_NOTICE,
        },
    );
}

#[test]
fn a_longer_deallocation_delay_applies_only_after_30_days_notice() {
    let mut w = World::new();
    let set_at = w.chain.now();
    w.by(ADMIN);
    w.hub.set_deallocation_delay(2 * WEEK).ok().unwrap();
    assert_eq!(DEALLOCATION_RAISE_NOTICE, 30 * DAY);
    assert_eq!(
        w.hub.deallocation_delay_plan(),
        (WEEK, 2 * WEEK, set_at + 30 * DAY)
    );
    w.chain.advance(30 * DAY - 1);
    assert_eq!(w.hub.deallocation_delay(), WEEK, "still the old delay");
    w.chain.advance(1);
    assert_eq!(w.hub.deallocation_delay(), 2 * WEEK);
}

#[test]
fn setting_the_delay_in_force_again_drops_a_pending_change_at_once() {
    let mut w = World::new();
    w.by(ADMIN);
    w.hub.set_deallocation_delay(2 * WEEK).ok().unwrap();
    w.hub.set_deallocation_delay(WEEK).ok().unwrap();
    assert_eq!(w.hub.deallocation_delay_plan(), (WEEK, WEEK, 0));
    assert_logged(
        &w.chain.take_logs(),
        DeallocationDelaySet {
            delay: WEEK,
            effectiveAt: w.chain.now(),
        },
    );
    w.chain.advance(30 * DAY);
    assert_eq!(w.hub.deallocation_delay(), WEEK);
}

#[test]
fn a_raise_set_while_a_cut_is_pending_waits_the_notice_from_the_value_in_force() {
    let mut w = World::new();
    let set_at = w.chain.now();
    w.by(ADMIN);
    w.hub.set_deallocation_delay(DAY).ok().unwrap();
    assert_eq!(
        w.hub.deallocation_delay_plan(),
        (WEEK, DAY, set_at + WEEK),
        "a cut waits the delay in force"
    );
    w.hub.set_deallocation_delay(3 * WEEK).ok().unwrap();
    assert_eq!(
        w.hub.deallocation_delay_plan(),
        (WEEK, 3 * WEEK, set_at + 30 * DAY)
    );
    w.chain.advance(WEEK);
    assert_eq!(w.hub.deallocation_delay(), WEEK, "the cut was dropped");
}

#[test]
fn admin_role_moves_in_two_steps() {
    let mut w = World::new();
    w.by(STRANGER);
    assert_reverts(
        w.hub.transfer_admin(STRANGER),
        NotAdmin { caller: STRANGER },
    );
    w.by(ADMIN);
    w.hub.transfer_admin(CURATOR).ok().unwrap();
    assert_eq!((w.hub.admin(), w.hub.pending_admin()), (ADMIN, CURATOR));
    w.by(STRANGER);
    assert_reverts(w.hub.accept_admin(), NotPendingAdmin { caller: STRANGER });
    w.by(CURATOR);
    w.hub.accept_admin().ok().unwrap();
    assert_eq!(w.hub.admin(), CURATOR);
}

#[test]
fn pausers_pause_and_only_the_admin_unpauses() {
    let mut w = World::new();
    w.by(STRANGER);
    assert_reverts(w.hub.pause(8), NotPauser { caller: STRANGER });
    assert_reverts(
        w.hub.set_pauser(PAUSER, true),
        NotAdmin { caller: STRANGER },
    );
    w.by(ADMIN);
    w.hub.set_pauser(PAUSER, true).ok().unwrap();
    assert!(w.hub.is_pauser(PAUSER));
    w.by(PAUSER);
    assert_reverts(w.hub.pause(16), InvalidPauseBits { bits: 16 });
    w.hub.pause(8).ok().unwrap();
    assert_eq!(w.hub.paused(), 8);
    assert_reverts(w.hub.unpause(8), NotAdmin { caller: PAUSER });
    w.by(ADMIN);
    w.hub.unpause(8).ok().unwrap();
    assert_eq!(w.hub.paused(), 0);
}

#[test]
fn admin_registers_each_vault_once() {
    let mut w = World::new();
    let vault = Address::repeat_byte(0x77);
    w.by(STRANGER);
    assert_reverts(w.hub.register_vault(vault), NotAdmin { caller: STRANGER });
    w.by(ADMIN);
    assert_reverts(w.hub.register_vault(Address::ZERO), ZeroAddress {});
    assert_reverts(
        w.hub.register_vault(VAULT_A),
        VaultAlreadyRegistered { vault: VAULT_A },
    );
    w.hub.register_vault(vault).ok().unwrap();
    assert_eq!(w.hub.vaults(), vec![VAULT_A, VAULT_B, vault]);
    assert_logged(&w.chain.take_logs(), VaultRegistered { vault });
}

#[test]
fn operator_registers_once_and_then_updates_its_metadata() {
    let mut w = World::new();
    let newcomer = Address::repeat_byte(0x13);
    w.by(newcomer);
    assert_reverts(
        w.hub.set_operator_metadata("x".into()),
        OperatorNotRegistered { operator: newcomer },
    );
    w.hub
        .register_operator("ipfs://a very long metadata uri that spans more than one word".into())
        .ok()
        .unwrap();
    assert!(w.hub.is_operator(newcomer));
    assert_reverts(
        w.hub.register_operator("again".into()),
        OperatorAlreadyRegistered { operator: newcomer },
    );
    w.hub
        .set_operator_metadata("ipfs://new".into())
        .ok()
        .unwrap();
    let logs = w.chain.take_logs();
    assert_logged(
        &logs,
        OperatorRegistered {
            operator: newcomer,
            metadataUri: "ipfs://a very long metadata uri that spans more than one word".into(),
        },
    );
    assert_logged(
        &logs,
        OperatorMetadataUpdated {
            operator: newcomer,
            metadataUri: "ipfs://new".into(),
        },
    );
}

#[test]
fn avs_registers_itself_and_may_update_its_settings() {
    let mut w = World::new();
    let avs = Address::repeat_byte(0x23);
    w.by(avs);
    assert_reverts(
        w.hub.register_avs("m".into(), Address::ZERO, BURN, false),
        ZeroAddress {},
    );
    assert_reverts(
        w.hub
            .register_avs("m".into(), SLASHER, Address::ZERO, false),
        ZeroAddress {},
    );
    w.hub
        .register_avs("ipfs://avs".into(), SLASHER, BURN, true)
        .ok()
        .unwrap();
    assert_eq!(w.hub.avs_config(avs), (true, SLASHER, BURN, true, pct(50)));
    w.hub
        .register_avs("".into(), SLASHER_2, STRANGER, false)
        .ok()
        .unwrap();
    assert_eq!(
        w.hub.avs_config(avs),
        (true, SLASHER_2, STRANGER, false, pct(50))
    );
    let logs = w.chain.take_logs();
    assert_logged(
        &logs,
        AvsConfigured {
            avs,
            metadataUri: "ipfs://avs".into(),
            slasher: SLASHER,
            recipient: BURN,
            allowlistOnly: true,
        },
    );
    assert_logged(
        &logs,
        AvsConfigured {
            avs,
            metadataUri: "".into(),
            slasher: SLASHER_2,
            recipient: STRANGER,
            allowlistOnly: false,
        },
    );
}

#[test]
fn only_a_registered_avs_keeps_an_allow_list() {
    let mut w = World::new();
    w.by(STRANGER);
    assert_reverts(
        w.hub.set_avs_allowlist(OPERATOR, true),
        AvsNotRegistered { avs: STRANGER },
    );
    w.by(AVS);
    w.hub.set_avs_allowlist(OPERATOR, true).ok().unwrap();
    assert!(w.hub.membership(OPERATOR, AVS).2);
    assert_logged(
        &w.chain.take_logs(),
        AvsAllowlistSet {
            avs: AVS,
            operator: OPERATOR,
            allowed: true,
        },
    );
}

#[test]
fn only_the_admin_sets_an_avs_circuit_breaker_even_before_it_registers() {
    let mut w = World::new();
    let future_avs = Address::repeat_byte(0x77);
    w.by(AVS);
    assert_reverts(w.hub.set_slash_cap(AVS, pct(10)), NotAdmin { caller: AVS });
    w.by(ADMIN);
    assert_reverts(
        w.hub.set_slash_cap(AVS, pct(101)),
        InvalidFraction {
            fractionWad: pct(101),
        },
    );
    w.hub.set_slash_cap(future_avs, pct(10)).ok().unwrap();
    assert_eq!(w.hub.avs_config(future_avs).4, pct(10));
    assert_logged(
        &w.chain.take_logs(),
        SlashCapSet {
            avs: future_avs,
            maxFractionPerDayWad: pct(10),
        },
    );
    w.hub.set_slash_cap(future_avs, U256::ZERO).ok().unwrap();
    assert_eq!(
        w.hub.avs_config(future_avs).4,
        pct(50),
        "zero restores the default"
    );
}
