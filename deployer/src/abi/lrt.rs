//! The stylus-lrt contracts as their ABI presents them (DESIGN.md §2, the agreed interface).
// EIP-2612 `permit` takes seven arguments; the generated call builders take them all.
#![allow(clippy::too_many_arguments)]

use alloy::sol;

sol! {
    #[sol(rpc, abi)]
    #[derive(Debug)]
    interface IHub {
        function admin() external view returns (address);
        function pendingAdmin() external view returns (address);
        function isPauser(address account) external view returns (bool);
        function paused() external view returns (uint8);
        function transferAdmin(address new_admin) external;
        function acceptAdmin() external;
        function setPauser(address account, bool allowed) external;
        function pause(uint8 bits) external;
        function unpause(uint8 bits) external;
        function deallocationDelay() external view returns (uint64);
        function setDeallocationDelay(uint64 delay) external;
        function registerVault(address vault) external;
        function isVault(address vault) external view returns (bool);
        function vaults() external view returns (address[] memory);
        function registerOperator(string calldata metadata_uri) external;
        function setOperatorMetadata(string calldata metadata_uri) external;
        function isOperator(address operator) external view returns (bool);
        function registerAvs(string calldata metadata_uri, address slasher, address burn_recipient, bool allowlist_only) external;
        function setAvsAllowlist(address operator, bool allowed) external;
        function setSlashCap(address avs, uint256 max_assets_per_day) external;
        function avsConfig(address avs) external view returns (bool, address, address, bool, uint256, uint256);
        function optIn(address avs) external;
        function acceptOperator(address operator) external;
        function optOut(address avs) external;
        function ejectOperator(address operator) external;
        function membership(address operator, address avs) external view returns (uint8, uint64, bool);
        function delegate(address vault, address operator, uint256 fraction_wad) external;
        function allocate(address avs, uint256 fraction_wad) external;
        function delegation(address vault, address operator) external view returns (uint256, uint256, uint64);
        function allocation(address operator, address avs) external view returns (uint256, uint256, uint64);
        function vaultOperators(address vault) external view returns (address[] memory);
        function operatorVaults(address operator) external view returns (address[] memory);
        function operatorAvss(address operator) external view returns (address[] memory);
        function slash(address avs, address operator, uint256 fraction_wad, bytes32 slash_id) external returns (uint256);
        function isSlashIdUsed(address avs, bytes32 slash_id) external view returns (bool);
        function exposure(address vault) external view returns (address[] memory, address[] memory, uint256[] memory, uint256[] memory);

        error NotAdmin(address caller);
        error NotPendingAdmin(address caller);
        error NotPauser(address caller);
        error ZeroAddress();
        error EnforcedPause(uint8 bit);
        error InvalidPauseBits(uint8 bits);
        error MathOverflow();
        error VaultAlreadyRegistered(address vault);
        error VaultNotRegistered(address vault);
        error OperatorAlreadyRegistered(address operator);
        error OperatorNotRegistered(address operator);
        error AvsNotRegistered(address avs);
        error NotCurator(address vault, address caller);
        error InvalidFraction(uint256 fractionWad);
        error OverAllocated(uint256 totalWad);
        error TooManyLinks(address owner);
        error AlreadyOptedIn(address operator, address avs);
        error NotAllowlisted(address operator, address avs);
        error NoPendingOptIn(address operator, address avs);
        error NotJoined(address operator, address avs);
        error NotSlasher(address avs, address caller);
        error OperatorNotSlashable(address operator, address avs);
        error SlashIdUsed(address avs, bytes32 slashId);
        error SlashCapExceeded(uint256 requested, uint256 available);
        error VaultCallFailed(address vault);
        error DelayTooLong(uint64 delay);

        event VaultRegistered(address indexed vault);
        event OperatorRegistered(address indexed operator, string metadataUri);
        event AvsConfigured(address indexed avs, string metadataUri, address slasher, address burnRecipient, bool allowlistOnly);
        event OptInRequested(address indexed operator, address indexed avs);
        event OperatorJoined(address indexed operator, address indexed avs);
        event OperatorExited(address indexed operator, address indexed avs, bool ejected, uint64 slashableUntil);
        event DelegationSet(address indexed vault, address indexed operator, uint256 fractionWad, uint64 effectiveAt);
        event AllocationSet(address indexed operator, address indexed avs, uint256 fractionWad, uint64 effectiveAt);
        event OperatorSlashed(address indexed avs, address indexed operator, bytes32 indexed slashId, uint256 fractionWad, uint256 totalAssets);
        event VaultSlashed(bytes32 indexed slashId, address indexed vault, address indexed operator, uint256 assets);
        event Paused(address indexed account, uint8 bits);
        event Unpaused(address indexed account, uint8 bits);
    }

    #[sol(rpc, abi)]
    #[derive(Debug)]
    interface IVault {
        function name() external view returns (string memory);
        function symbol() external view returns (string memory);
        function decimals() external view returns (uint8);
        function totalSupply() external view returns (uint256);
        function balanceOf(address account) external view returns (uint256);
        function allowance(address owner, address spender) external view returns (uint256);
        function approve(address spender, uint256 amount) external returns (bool);
        function transfer(address to, uint256 amount) external returns (bool);
        function transferFrom(address from, address to, uint256 amount) external returns (bool);
        function nonces(address owner) external view returns (uint256);
        function DOMAIN_SEPARATOR() external view returns (bytes32);
        function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;

        function asset() external view returns (address);
        function totalAssets() external view returns (uint256);
        function convertToShares(uint256 assets) external view returns (uint256);
        function convertToAssets(uint256 shares) external view returns (uint256);
        function maxDeposit(address receiver) external view returns (uint256);
        function previewDeposit(uint256 assets) external view returns (uint256);
        function deposit(uint256 assets, address receiver) external returns (uint256);
        function depositWithMinShares(uint256 assets, address receiver, uint256 min_shares_out) external returns (uint256);
        function maxRedeem(address owner) external view returns (uint256);

        function setCaps(uint256 tvl_cap, uint256 per_deposit_cap) external;
        function tvlCap() external view returns (uint256);
        function perDepositCap() external view returns (uint256);
        function notifyRewards(uint256 amount) external;
        function vestingPeriod() external view returns (uint64);
        function setVestingPeriod(uint64 period) external;
        function protocolFeeWad() external view returns (uint256);
        function setProtocolFee(uint256 fee_wad) external;
        function treasury() external view returns (address);
        function setTreasury(address treasury) external;
        function unvestedRewards() external view returns (uint256);
        function curator() external view returns (address);
        function setCurator(address curator) external;
        function hub() external view returns (address);
        function setHub(address hub) external;
        function withdrawalQueue() external view returns (address);
        function setWithdrawalQueue(address queue) external;

        function admin() external view returns (address);
        function pendingAdmin() external view returns (address);
        function isPauser(address account) external view returns (bool);
        function paused() external view returns (uint8);
        function transferAdmin(address new_admin) external;
        function acceptAdmin() external;
        function setPauser(address account, bool allowed) external;
        function pause(uint8 bits) external;
        function unpause(uint8 bits) external;

        error NotAdmin(address caller);
        error NotPendingAdmin(address caller);
        error NotPauser(address caller);
        error ZeroAddress();
        error EnforcedPause(uint8 bit);
        error InvalidPauseBits(uint8 bits);
        error MathOverflow();
        error ZeroShares();
        error ZeroAmount();
        error SlippageExceeded(uint256 shares, uint256 minShares);
        error TvlCapExceeded(uint256 totalAssets, uint256 assets, uint256 tvlCap);
        error DepositCapExceeded(uint256 assets, uint256 perDepositCap);
        error InsufficientBalance(address owner, uint256 balance, uint256 needed);
        error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
        error AssetCallFailed(address asset);
        error PermitExpired(uint256 deadline);
        error InvalidSignature();
        error InvalidSigner(address signer, address owner);
        error DirectRedemptionDisabled();
        error NotHub(address caller);
        error NotWithdrawalQueue(address caller);
        error FeeTooHigh(uint256 feeWad, uint256 maxFeeWad);
        error InvalidVestingPeriod(uint64 period);
        error NoShareholders();

        event Transfer(address indexed from, address indexed to, uint256 value);
        event Approval(address indexed owner, address indexed spender, uint256 value);
        event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
        event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares);
        event RewardsNotified(address indexed from, uint256 amount, uint256 fee, uint256 feeShares, uint64 vestingEnd);
        event Slashed(address indexed recipient, uint256 requested, uint256 moved);
        event SharesLocked(address indexed owner, uint256 shares);
    }

    #[sol(rpc, abi)]
    #[derive(Debug)]
    interface IWithdrawalQueue {
        function vault() external view returns (address);
        function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256);
        function claim(uint256 request_id) external returns (uint256);
        function setOperator(address operator, bool approved) external returns (bool);
        function isOperator(address controller, address operator) external view returns (bool);
        function withdrawalDelay() external view returns (uint64);
        function setWithdrawalDelay(uint64 delay) external;
        function request(uint256 request_id) external view returns (address controller, uint256 shares, uint256 assets, uint64 claimableAt, bool claimed);
        function requestsOf(address controller) external view returns (uint256[] memory);
        function pendingRedeemRequest(uint256 request_id, address controller) external view returns (uint256);
        function claimableRedeemRequest(uint256 request_id, address controller) external view returns (uint256);
        function backlog() external view returns (uint256 count, uint256 shares, uint256 assets, uint64 nextUnlock);

        function admin() external view returns (address);
        function pendingAdmin() external view returns (address);
        function isPauser(address account) external view returns (bool);
        function paused() external view returns (uint8);
        function transferAdmin(address new_admin) external;
        function acceptAdmin() external;
        function setPauser(address account, bool allowed) external;
        function pause(uint8 bits) external;
        function unpause(uint8 bits) external;

        error NotAdmin(address caller);
        error NotPendingAdmin(address caller);
        error NotPauser(address caller);
        error ZeroAddress();
        error EnforcedPause(uint8 bit);
        error InvalidPauseBits(uint8 bits);
        error MathOverflow();

        event RedeemRequest(address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares);
        event RedeemClaimed(address indexed controller, uint256 indexed requestId, uint256 shares, uint256 assets);
    }
}
