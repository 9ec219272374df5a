//! The hub's on-chain call router (see [`lrt_common::router`] for why it is hand-written).
//!
//! On WASM the SDK hands every call, the constructor's included, to [`route`] through
//! `#[fallback]`; on the host the SDK router stays so `export-abi` renders IHub.sol. The tests
//! prove both routers agree and that [`SELECTORS`] is exactly the interface. One line per
//! function ([`lrt_common::routes`]): its selector constant, signature, decoding and reply.

use alloc::vec::Vec;

use lrt_common::router::{addresses, done, words};
use stylus_sdk::{alloy_primitives::U256, stylus_core::host::ConstructorGuard};

use lrt_common::abi::Word;

use crate::Hub;

lrt_common::routes! {
    fn route(hub: &mut Hub, a);
    // constructor(address admin, uint64 deallocationDelay)
    constructor => {
        hub.check_constructor_slot()?;
        done(hub.init(a.address(0)?, a.u64(1)?))?
    };
    governance => (roles, pausable, lrt_common::pause::DELEGATE, crate::errors::HubError);
    DEALLOCATION_DELAY = "deallocationDelay()" => words(&[hub.deallocation_delay().word()]),
    DEALLOCATION_DELAY_PLAN = "deallocationDelayPlan()" => {
        let (before, after, effective_at) = hub.deallocation_delay_plan();
        words(&[before.word(), after.word(), effective_at.word()])
    },
    SET_DEALLOCATION_DELAY = "setDeallocationDelay(uint64)" =>
        done(hub.set_deallocation_delay(a.u64(0)?))?,
    ALLOCATION_DELAY = "allocationDelay()" => words(&[hub.allocation_delay().word()]),
    SET_ALLOCATION_DELAY = "setAllocationDelay(uint64)" =>
        done(hub.set_allocation_delay(a.u64(0)?))?,
    SLASH_SINK = "slashSink()" => words(&[hub.slash_sink().word()]),
    SET_SLASH_SINK = "setSlashSink(address)" => done(hub.set_slash_sink(a.address(0)?))?,
    REGISTER_VAULT = "registerVault(address)" => done(hub.register_vault(a.address(0)?))?,
    VAULTS = "vaults()" => addresses(hub.vaults()),
    REGISTER_OPERATOR = "registerOperator(string)" => done(hub.enrol_operator(a.bytes(0)?))?,
    SET_OPERATOR_METADATA = "setOperatorMetadata(string)" =>
        done(hub.store_operator_metadata(a.bytes(0)?))?,
    IS_OPERATOR = "isOperator(address)" => words(&[hub.is_operator(a.address(0)?).word()]),
    REGISTER_AVS = "registerAvs(string,address,address,bool)" => {
        done(hub.enrol_avs(a.bytes(0)?, a.address(1)?, a.address(2)?, a.bool(3)?))?
    },
    SET_AVS_ALLOWLIST = "setAvsAllowlist(address,bool)" =>
        done(hub.set_avs_allowlist(a.address(0)?, a.bool(1)?))?,
    SET_SLASH_CAP = "setSlashCap(address,uint256)" =>
        done(hub.set_slash_cap(a.address(0)?, a.uint(1)?))?,
    AVS_CONFIG = "avsConfig(address)" => {
        let (registered, slasher, recipient, allowlist_only, cap) =
            hub.avs_config(a.address(0)?);
        words(&[
            registered.word(),
            slasher.word(),
            recipient.word(),
            allowlist_only.word(),
            cap.word(),
        ])
    },
    SLASHED_IN_WINDOW = "slashedInWindow(address,address)" =>
        words(&[hub.slashed_in_window(a.address(0)?, a.address(1)?).word()]),
    SET_AVS_APPROVAL = "setAvsApproval(address,address,uint256,bool)" => {
        done(hub.set_avs_approval(a.address(0)?, a.address(1)?, a.uint(2)?, a.bool(3)?))?
    },
    AVS_APPROVAL = "avsApproval(address,address)" => {
        let (in_force, after, effective_at, redistribute) =
            hub.avs_approval(a.address(0)?, a.address(1)?);
        words(&[
            in_force.word(),
            after.word(),
            effective_at.word(),
            redistribute.word(),
        ])
    },
    OPT_IN = "optIn(address)" => done(hub.opt_in(a.address(0)?))?,
    ACCEPT_OPERATOR = "acceptOperator(address)" => done(hub.accept_operator(a.address(0)?))?,
    OPT_OUT = "optOut(address)" => done(hub.opt_out(a.address(0)?))?,
    EJECT_OPERATOR = "ejectOperator(address)" => done(hub.eject_operator(a.address(0)?))?,
    MEMBERSHIP = "membership(address,address)" => {
        let (status, until, allowlisted) = hub.membership(a.address(0)?, a.address(1)?);
        words(&[status.word(), until.word(), allowlisted.word()])
    },
    DELEGATE = "delegate(address,address,uint256)" =>
        done(hub.delegate(a.address(0)?, a.address(1)?, a.uint(2)?))?,
    ALLOCATE = "allocate(address,uint256)" => done(hub.allocate(a.address(0)?, a.uint(1)?))?,
    DELEGATION = "delegation(address,address)" =>
        fractions(hub.delegation(a.address(0)?, a.address(1)?)),
    ALLOCATION = "allocation(address,address)" =>
        fractions(hub.allocation(a.address(0)?, a.address(1)?)),
    VAULT_OPERATORS = "vaultOperators(address)" => addresses(hub.vault_operators(a.address(0)?)),
    OPERATOR_AVSS = "operatorAvss(address)" => addresses(hub.operator_avss(a.address(0)?)),
    SLASH = "slash(address,address,uint256,bytes32)" => {
        let moved = hub
            .slash(a.address(0)?, a.address(1)?, a.uint(2)?, a.b256(3)?)
            .map_err(Vec::from)?;
        words(&[moved.word()])
    },
    EXPOSURE = "exposure(address,address,address)" => {
        let (now, after) = hub
            .exposure(a.address(0)?, a.address(1)?, a.address(2)?)
            .map_err(Vec::from)?;
        words(&[now.word(), after.word()])
    },
}

fn fractions((in_force, after, effective_at): (U256, U256, u64)) -> Vec<u8> {
    words(&[in_force.word(), after.word(), effective_at.word()])
}
