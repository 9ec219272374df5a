//! Events of the hub: one per kind of state change.

pub use sol::*;

lrt_common::events! {
    VaultRegistered { indexed: [vault], data: [] }
    OperatorRegistered { indexed: [operator], text: metadataUri, data: [] }
    OperatorMetadataUpdated { indexed: [operator], text: metadataUri, data: [] }
    AvsConfigured { indexed: [avs], text: metadataUri, data: [slasher, recipient, allowlistOnly] }
    AvsAllowlistSet { indexed: [avs, operator], data: [allowed] }
    SlashCapSet { indexed: [avs], data: [maxFractionPerDayWad] }
    SlashSinkSet { indexed: [], data: [sink] }
    AvsApprovalSet { indexed: [vault, avs], data: [maxFractionWad, redistribute, effectiveAt] }
    OptInRequested { indexed: [operator, avs], data: [] }
    OperatorJoined { indexed: [operator, avs], data: [] }
    OperatorExited { indexed: [operator, avs], data: [ejected, slashableUntil] }
    DelegationSet { indexed: [vault, operator], data: [fractionWad, effectiveAt] }
    AllocationSet { indexed: [operator, avs], data: [fractionWad, effectiveAt] }
    OperatorSlashed { indexed: [avs, operator, slashId], data: [fractionWad, totalAssets] }
    VaultSlashed { indexed: [slashId, vault, operator], data: [assets, recipient] }
    // `slashing` logs it field by field (see there); this impl is what the tests check.
    VaultSlashFailed { indexed: [slashId, vault], text: reason, data: [assets] }
    DeallocationDelaySet { indexed: [], data: [delay, effectiveAt] }
    AllocationDelaySet { indexed: [], data: [delay, effectiveAt] }
}

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        // Debug/Eq/Clone are for tests; the linker drops them from the WASM.
        #![sol(all_derives)]

        event VaultRegistered(address indexed vault);
        event OperatorRegistered(address indexed operator, string metadataUri);
        event OperatorMetadataUpdated(address indexed operator, string metadataUri);
        /// Registration or update of an AVS (msg.sender is the AVS). `recipient` receives what
        /// it slashes from vaults whose curator approved redistribution.
        event AvsConfigured(address indexed avs, string metadataUri, address slasher, address recipient, bool allowlistOnly);
        event AvsAllowlistSet(address indexed avs, address indexed operator, bool allowed);
        /// Circuit breaker: `avs` may slash at most `maxFractionPerDayWad` of any one vault's
        /// assets in a rolling 24 h (zero: back to the default, 50 %).
        event SlashCapSet(address indexed avs, uint256 maxFractionPerDayWad);
        /// Where slashed assets go unless a vault's curator approved redistribution.
        event SlashSinkSet(address sink);
        /// `vault`'s curator let `avs` slash up to `maxFractionWad` of the vault (zero revokes),
        /// from `effectiveAt` (now for raises, after the deallocation delay for cuts); with
        /// `redistribute` the slashed assets go to the AVS's recipient instead of the sink.
        event AvsApprovalSet(address indexed vault, address indexed avs, uint256 maxFractionWad, bool redistribute, uint64 effectiveAt);
        /// The operator asked to join; the AVS has to accept.
        event OptInRequested(address indexed operator, address indexed avs);
        event OperatorJoined(address indexed operator, address indexed avs);
        /// Membership ended (by the operator, or `ejected` by the AVS); the AVS may still slash
        /// the operator until `slashableUntil`.
        event OperatorExited(address indexed operator, address indexed avs, bool ejected, uint64 slashableUntil);
        /// The curator set the vault's delegation to `operator`; it is in force from `effectiveAt`
        /// (now for increases, after the deallocation delay for decreases).
        event DelegationSet(address indexed vault, address indexed operator, uint256 fractionWad, uint64 effectiveAt);
        event AllocationSet(address indexed operator, address indexed avs, uint256 fractionWad, uint64 effectiveAt);
        /// `totalAssets` is what the slash booked against all vaults together.
        event OperatorSlashed(address indexed avs, address indexed operator, bytes32 indexed slashId, uint256 fractionWad, uint256 totalAssets);
        /// One vault's share of a slash, booked as a loss in this block and owed by the vault
        /// to `recipient` (the sink, or the AVS's recipient under redistribution).
        event VaultSlashed(bytes32 indexed slashId, address indexed vault, address indexed operator, uint256 assets, address recipient);
        /// `vault` could not be slashed (its call reverted with `reason`); the other vaults were.
        event VaultSlashFailed(bytes32 indexed slashId, address indexed vault, bytes reason, uint256 assets);
        /// From `effectiveAt` on, decreases and exits wait `delay` (a raise applies 30 days
        /// after it is set, a cut once the delay in force has elapsed, the constructor's at once).
        event DeallocationDelaySet(uint64 delay, uint64 effectiveAt);
        /// From `effectiveAt` on, allocation increases become slashable `delay` after they are made.
        event AllocationDelaySet(uint64 delay, uint64 effectiveAt);
    }
}
