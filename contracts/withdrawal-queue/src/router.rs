//! The queue's on-chain call router (see [`lrt_common::router`] for why it is hand-written).
//!
//! On WASM every call, the constructor's included, reaches [`route`] through the contract's
//! own entry point; on the host the SDK router stays so `export-abi` renders
//! IWithdrawalQueue.sol. The tests prove both routers agree and that [`SELECTORS`] is exactly
//! the interface. One line per function ([`lrt_common::routes`]): its selector constant,
//! signature, decoding and reply.

use alloc::vec::Vec;

use lrt_common::{
    abi::Word,
    pause,
    router::{answer, done, word, words},
};
use stylus_sdk::{alloy_primitives::U256, stylus_core::host::ConstructorGuard};

use crate::{errors::QueueError, WithdrawalQueue};

lrt_common::routes! {
    fn route(queue: &mut WithdrawalQueue, a);
    // constructor(address vault, address hub, address admin, uint64 withdrawalDelay)
    constructor => {
        queue.check_constructor_slot()?;
        done(queue.init(a.address(0)?, a.address(1)?, a.address(2)?, a.u64(3)?))?
    };
    governance => (roles, pausable, pause::REQUEST | pause::CLAIM, QueueError);
    VAULT = "vault()" => word(queue.vault()),
    HUB = "hub()" => word(queue.hub()),
    WITHDRAWAL_DELAY = "withdrawalDelay()" => word(queue.withdrawal_delay()),
    PENDING_WITHDRAWAL_DELAY = "pendingWithdrawalDelay()" => {
        let (delay, effective_at) = queue.pending_withdrawal_delay();
        words(&[delay.word(), effective_at.word()])
    },
    SET_WITHDRAWAL_DELAY = "setWithdrawalDelay(uint64)" =>
        done(queue.set_withdrawal_delay(a.u64(0)?))?,
    SET_OPERATOR = "setOperator(address,bool)" =>
        word(queue.set_operator(a.address(0)?, a.bool(1)?)),
    IS_OPERATOR = "isOperator(address,address)" =>
        word(queue.is_operator(a.address(0)?, a.address(1)?)),
    REQUEST_REDEEM = "requestRedeem(uint256,address,address)" =>
        answer(queue.request_redeem(a.uint(0)?, a.address(1)?, a.address(2)?))?,
    CLAIM = "claim(uint256)" => answer(queue.claim(a.uint(0)?))?,
    CLAIM_TO = "claimTo(uint256,address)" => answer(queue.claim_to(a.uint(0)?, a.address(1)?))?,
    REQUEST = "request(uint256)" => {
        let (controller, shares, assets, requested_at, claimable_at, claimed) =
            queue.request(a.uint(0)?)?;
        words(&[
            controller.word(),
            shares.word(),
            assets.word(),
            requested_at.word(),
            claimable_at.word(),
            claimed.word(),
        ])
    },
    REQUESTS_OF = "requestsOf(address)" => uints(queue.requests_of(a.address(0)?)),
    PENDING_REDEEM_REQUEST = "pendingRedeemRequest(uint256,address)" =>
        answer(queue.pending_redeem_request(a.uint(0)?, a.address(1)?))?,
    CLAIMABLE_REDEEM_REQUEST = "claimableRedeemRequest(uint256,address)" =>
        answer(queue.claimable_redeem_request(a.uint(0)?, a.address(1)?))?,
    BACKLOG = "backlog()" => {
        let (count, shares, assets, next_unlock) = queue.backlog()?;
        words(&[
            count.word(),
            shares.word(),
            assets.word(),
            next_unlock.word(),
        ])
    },
}

/// A `uint256[]` return value: offset, length, elements.
fn uints(list: Vec<U256>) -> Vec<u8> {
    let mut out = words(&[32u64.word(), (list.len() as u64).word()]);
    for value in list {
        out.extend_from_slice(value.word().as_slice());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_constants_match_known_values() {
        assert_eq!(CLAIM, 0x379607f5);
        assert_eq!(REQUEST_REDEEM, 0x7d41c86e);
    }
}
