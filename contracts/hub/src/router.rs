//! The hub's on-chain call router (see [`lrt_common::router`] for why it is hand-written).
//!
//! On WASM the SDK hands every call, the constructor's included, to [`route`] through
//! `#[fallback]`; on the host the SDK router stays so `export-abi` renders IHub.sol. The tests
//! prove both routers agree and that [`SELECTORS`] is exactly the interface.

use alloc::vec::Vec;

use lrt_common::router::{self, addresses, done, words, CONSTRUCTOR};
use stylus_sdk::{alloy_primitives::U256, stylus_core::host::ConstructorGuard, ArbResult};

use lrt_common::abi::Word;

use crate::Hub;

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
    ALLOCATION_DELAY = 0x544d84c0,
    SET_ALLOCATION_DELAY = 0x96478446,
    SLASH_SINK = 0xd93319be,
    SET_SLASH_SINK = 0xeaa963ee,
    REGISTER_VAULT = 0x67ccd1cb,
    VAULTS = 0x8220ef5b,
    REGISTER_OPERATOR = 0x097c4af1,
    SET_OPERATOR_METADATA = 0x0c8912a5,
    IS_OPERATOR = 0x6d70f7ae,
    REGISTER_AVS = 0xa2c6d341,
    SET_AVS_ALLOWLIST = 0x17dfaa8d,
    SET_SLASH_CAP = 0xd5980c89,
    AVS_CONFIG = 0x4a0f3cdc,
    SLASHED_IN_WINDOW = 0x562b63f2,
    SET_AVS_APPROVAL = 0xad76b697,
    AVS_APPROVAL = 0x594ea884,
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
    let Some((selector, a)) = router::split(calldata) else {
        return Err(Vec::new());
    };
    Ok(match selector {
        // constructor(address admin, uint64 deallocationDelay)
        CONSTRUCTOR => {
            hub.check_constructor_slot()?;
            done(hub.init(a.address(0)?, a.u64(1)?))?
        }
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
        ALLOCATION_DELAY => words(&[hub.allocation_delay().word()]),
        SET_ALLOCATION_DELAY => done(hub.set_allocation_delay(a.u64(0)?))?,
        SLASH_SINK => words(&[hub.slash_sink().word()]),
        SET_SLASH_SINK => done(hub.set_slash_sink(a.address(0)?))?,
        REGISTER_VAULT => done(hub.register_vault(a.address(0)?))?,
        VAULTS => addresses(hub.vaults()),
        REGISTER_OPERATOR => done(hub.do_register_operator(a.bytes(0)?))?,
        SET_OPERATOR_METADATA => done(hub.do_set_operator_metadata(a.bytes(0)?))?,
        IS_OPERATOR => words(&[hub.is_operator(a.address(0)?).word()]),
        REGISTER_AVS => {
            done(hub.do_register_avs(a.bytes(0)?, a.address(1)?, a.address(2)?, a.bool(3)?))?
        }
        SET_AVS_ALLOWLIST => done(hub.set_avs_allowlist(a.address(0)?, a.bool(1)?))?,
        SET_SLASH_CAP => done(hub.set_slash_cap(a.address(0)?, a.uint(1)?))?,
        AVS_CONFIG => {
            let (registered, slasher, recipient, allowlist_only, cap) =
                hub.avs_config(a.address(0)?);
            words(&[
                registered.word(),
                slasher.word(),
                recipient.word(),
                allowlist_only.word(),
                cap.word(),
            ])
        }
        SLASHED_IN_WINDOW => words(&[hub.slashed_in_window(a.address(0)?, a.address(1)?).word()]),
        SET_AVS_APPROVAL => {
            done(hub.set_avs_approval(a.address(0)?, a.address(1)?, a.uint(2)?, a.bool(3)?))?
        }
        AVS_APPROVAL => {
            let (in_force, after, effective_at, redistribute) =
                hub.avs_approval(a.address(0)?, a.address(1)?);
            words(&[
                in_force.word(),
                after.word(),
                effective_at.word(),
                redistribute.word(),
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

fn fractions((in_force, after, effective_at): (U256, U256, u64)) -> Vec<u8> {
    words(&[in_force.word(), after.word(), effective_at.word()])
}
