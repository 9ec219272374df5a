//! Every way a vault call can fail, as custom Solidity errors.

pub use lrt_common::errors::{
    EnforcedPause, InvalidPauseBits, MathOverflow, NotAdmin, NotPauser, NotPendingAdmin,
    ZeroAddress,
};
pub use sol::*;

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        // Debug/Eq are for tests and host tools; the linker drops them from the WASM.
        #![sol(all_derives)]

        /// The deposit or mint would create no shares (the amount is worth less than one share).
        error ZeroShares();
        /// An amount that must be positive was zero.
        error ZeroAmount();
        /// `depositWithMinShares` would mint fewer shares than the caller accepts.
        error SlippageExceeded(uint256 shares, uint256 minShares);
        /// The deposit would lift total assets above the TVL cap.
        error TvlCapExceeded(uint256 totalAssets, uint256 assets, uint256 tvlCap);
        /// The deposit is larger than the per-deposit cap.
        error DepositCapExceeded(uint256 assets, uint256 perDepositCap);
        /// `owner` holds fewer shares than the operation needs.
        error InsufficientBalance(address owner, uint256 balance, uint256 needed);
        /// `spender` may move fewer shares than the operation needs.
        error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
        /// The asset token reverted or did not return `true`.
        error AssetCallFailed(address asset);
        /// The permit's deadline has passed.
        error PermitExpired(uint256 deadline);
        /// The permit signature is malformed or malleable (high `s`, bad `v`).
        error InvalidSignature();
        /// The permit was signed by someone other than `owner`.
        error InvalidSigner(address signer, address owner);
        /// Redemptions go through the withdrawal queue (`maxWithdraw`/`maxRedeem` are 0).
        error DirectRedemptionDisabled();
        /// Only the hub may slash.
        error NotHub(address caller);
        /// Only the withdrawal queue may lock and redeem shares.
        error NotWithdrawalQueue(address caller);
        /// The protocol fee is above the hard limit.
        error FeeTooHigh(uint256 feeWad, uint256 maxFeeWad);
        /// The vesting period is zero or above the hard limit.
        error InvalidVestingPeriod(uint64 period);
        /// Rewards with no shares outstanding would vest to nobody.
        error NoShareholders();
        /// Name and symbol are stored inline and must fit 31 bytes.
        error StringTooLong(uint256 length);
        /// The asset moved `received` into the vault where `expected` was asked for
        /// (fee-on-transfer or rebasing-down tokens are not supported assets).
        error AssetShortfall(uint256 expected, uint256 received);
        /// The hub and queue are set once; later changes go through `proposeWiring`.
        error WiringAlreadySet();
        /// No wiring change is pending.
        error NoPendingWiring();
        /// The pending wiring change may execute from `readyAt`.
        error WiringNotReady(uint64 readyAt);
        /// The queue still holds `openRequests` open requests (type(uint256).max when it does not
        /// answer `backlog()`); they must be claimed before the queue is replaced.
        error QueueHasOpenRequests(address queue, uint256 openRequests);
    }
}

lrt_common::sol_errors! {
    /// Revert reasons of the vault, flat so the exported ABI lists every error.
    pub enum VaultError {
        NotAdmin { caller },
        NotPendingAdmin { caller },
        NotPauser { caller },
        ZeroAddress {},
        EnforcedPause { bit },
        InvalidPauseBits { bits },
        MathOverflow {},
        ZeroShares {},
        ZeroAmount {},
        SlippageExceeded { shares, minShares },
        TvlCapExceeded { totalAssets, assets, tvlCap },
        DepositCapExceeded { assets, perDepositCap },
        InsufficientBalance { owner, balance, needed },
        InsufficientAllowance { spender, allowance, needed },
        AssetCallFailed { asset },
        PermitExpired { deadline },
        InvalidSignature {},
        InvalidSigner { signer, owner },
        DirectRedemptionDisabled {},
        NotHub { caller },
        NotWithdrawalQueue { caller },
        FeeTooHigh { feeWad, maxFeeWad },
        InvalidVestingPeriod { period },
        NoShareholders {},
        StringTooLong { length },
        AssetShortfall { expected, received },
        WiringAlreadySet {},
        NoPendingWiring {},
        WiringNotReady { readyAt },
        QueueHasOpenRequests { queue, openRequests },
    }
}

lrt_common::impl_from_access_error!(VaultError);
