//! Events of the hub: one per kind of state change.

pub use sol::*;

crate::hand_encoded_events! {
    VaultRegistered { indexed: [vault], data: [] }
    OperatorRegistered { indexed: [operator], text: metadataUri, data: [] }
    OperatorMetadataUpdated { indexed: [operator], text: metadataUri, data: [] }
    AvsConfigured { indexed: [avs], text: metadataUri, data: [slasher, burnRecipient, allowlistOnly] }
    AvsAllowlistSet { indexed: [avs, operator], data: [allowed] }
    SlashCapSet { indexed: [avs], data: [maxAssetsPerDay] }
    OptInRequested { indexed: [operator, avs], data: [] }
    OperatorJoined { indexed: [operator, avs], data: [] }
    OperatorExited { indexed: [operator, avs], data: [ejected, slashableUntil] }
    DelegationSet { indexed: [vault, operator], data: [fractionWad, effectiveAt] }
    AllocationSet { indexed: [operator, avs], data: [fractionWad, effectiveAt] }
    OperatorSlashed { indexed: [avs, operator, slashId], data: [fractionWad, totalAssets] }
    VaultSlashed { indexed: [slashId, vault, operator], data: [assets] }
    DeallocationDelaySet { indexed: [], data: [delay] }
}

#[allow(missing_docs)]
mod sol {
    alloy_sol_types::sol! {
        event VaultRegistered(address indexed vault);
        event OperatorRegistered(address indexed operator, string metadataUri);
        event OperatorMetadataUpdated(address indexed operator, string metadataUri);
        /// Registration or update of an AVS (msg.sender is the AVS).
        event AvsConfigured(address indexed avs, string metadataUri, address slasher, address burnRecipient, bool allowlistOnly);
        event AvsAllowlistSet(address indexed avs, address indexed operator, bool allowed);
        /// `maxAssetsPerDay` zero lifts the cap.
        event SlashCapSet(address indexed avs, uint256 maxAssetsPerDay);
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
        /// `totalAssets` is what the slash took from all vaults together.
        event OperatorSlashed(address indexed avs, address indexed operator, bytes32 indexed slashId, uint256 fractionWad, uint256 totalAssets);
        /// One vault's share of a slash, sent to the AVS's burn recipient.
        event VaultSlashed(bytes32 indexed slashId, address indexed vault, address indexed operator, uint256 assets);
        event DeallocationDelaySet(uint64 delay);
    }
}
