//! Events of the withdrawal queue; the first two are ERC-7540's own.

pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        // Debug/Eq/Clone are for tests; the linker drops them from the WASM.
        #![sol(all_derives)]

        event RedeemRequest(address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares);
        event OperatorSet(address indexed controller, address indexed operator, bool approved);
        /// Request `requestId` paid `assets` to `receiver` and burned its `shares`.
        event RedeemClaimed(uint256 indexed requestId, address indexed controller, address indexed receiver, uint256 shares, uint256 assets);
        event WithdrawalDelaySet(uint64 delay);
        /// A lower withdrawal `delay` replaces the current one at `effectiveAt` (when the
        /// current one has elapsed).
        event WithdrawalDelayScheduled(uint64 delay, uint64 effectiveAt);
    }
}

lrt_common::events! {
    RedeemRequest { indexed: [controller, owner, requestId], data: [sender, shares] }
    OperatorSet { indexed: [controller, operator], data: [approved] }
    RedeemClaimed { indexed: [requestId, controller, receiver], data: [shares, assets] }
    WithdrawalDelaySet { indexed: [], data: [delay] }
    WithdrawalDelayScheduled { indexed: [], data: [delay, effectiveAt] }
}
