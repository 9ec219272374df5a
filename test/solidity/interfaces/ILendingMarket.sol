// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A one-pair lending market: lenders supply the vault's underlying asset, borrowers post the
/// vault's shares (the LRT) as collateral valued at `convertToAssets`, so a slash that lowers
/// the LRT rate lowers every borrower's collateral and can make positions liquidatable.
interface ILendingMarket {
    event LiquiditySupplied(address indexed lender, uint256 assets);
    event CollateralDeposited(address indexed account, uint256 shares);
    event CollateralWithdrawn(address indexed account, uint256 shares);
    event Borrowed(address indexed account, uint256 assets);
    event Repaid(address indexed account, address indexed payer, uint256 assets);
    event Liquidated(address indexed account, address indexed liquidator, uint256 repaid, uint256 sharesSeized);

    error ZeroAmount();
    error InvalidParameters();
    error InsufficientCollateral(address account, uint256 borrowLimit, uint256 debt);
    error InsufficientLiquidity(uint256 available, uint256 requested);
    error PositionHealthy(address account, uint256 healthFactorWad);
    error RepayExceedsDebt(uint256 debt, uint256 repay);
    error TokenTransferFailed(address token);

    /// The LRT (an ERC-4626 vault).
    function collateralToken() external view returns (address);
    /// The vault's underlying asset, lent and repaid.
    function debtToken() external view returns (address);
    function maxLtvWad() external view returns (uint256);
    function liquidationThresholdWad() external view returns (uint256);
    function liquidationBonusWad() external view returns (uint256);

    function supplyLiquidity(uint256 assets) external;
    function depositCollateral(uint256 shares) external;
    function withdrawCollateral(uint256 shares) external;
    function borrow(uint256 assets) external;
    function repay(address account, uint256 assets) external;
    /// Repays up to the whole debt of an unhealthy `account` and seizes collateral worth the
    /// repaid assets plus the liquidation bonus.
    function liquidate(address account, uint256 repayAssets) external returns (uint256 sharesSeized);

    function liquidity() external view returns (uint256);
    function collateralOf(address account) external view returns (uint256 shares);
    function debtOf(address account) external view returns (uint256 assets);
    function collateralValue(address account) external view returns (uint256 assets);
    /// What `account` may still borrow at the maximum loan-to-value.
    function availableToBorrow(address account) external view returns (uint256 assets);
    /// collateral value × liquidation threshold / debt, WAD; type(uint256).max without debt.
    function healthFactor(address account) external view returns (uint256 wad);
    function isLiquidatable(address account) external view returns (bool);
}
