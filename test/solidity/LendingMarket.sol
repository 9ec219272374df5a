// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ILendingMarket} from "./interfaces/ILendingMarket.sol";

interface IERC20Minimal {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IERC4626Rate {
    function asset() external view returns (address);
    function convertToAssets(uint256 shares) external view returns (uint256);
    function convertToShares(uint256 assets) external view returns (uint256);
}

/// Prices the LRT only through the vault's own `convertToAssets`, the way money markets
/// integrate ERC-4626 collateral; no oracle sits between a slash and the liquidations.
contract LendingMarket is ILendingMarket {
    uint256 private constant WAD = 1e18;

    address public immutable collateralToken;
    address public immutable debtToken;
    uint256 public immutable maxLtvWad;
    uint256 public immutable liquidationThresholdWad;
    uint256 public immutable liquidationBonusWad;

    uint256 public liquidity;
    mapping(address => uint256) public collateralOf;
    mapping(address => uint256) public debtOf;

    constructor(address vault, uint256 maxLtvWad_, uint256 liquidationThresholdWad_, uint256 liquidationBonusWad_) {
        if (maxLtvWad_ == 0 || maxLtvWad_ > liquidationThresholdWad_ || liquidationThresholdWad_ >= WAD) {
            revert InvalidParameters();
        }
        if (liquidationBonusWad_ > WAD / 5) revert InvalidParameters();
        collateralToken = vault;
        debtToken = IERC4626Rate(vault).asset();
        maxLtvWad = maxLtvWad_;
        liquidationThresholdWad = liquidationThresholdWad_;
        liquidationBonusWad = liquidationBonusWad_;
    }

    function supplyLiquidity(uint256 assets) external {
        if (assets == 0) revert ZeroAmount();
        liquidity += assets;
        _pull(debtToken, assets);
        emit LiquiditySupplied(msg.sender, assets);
    }

    function depositCollateral(uint256 shares) external {
        if (shares == 0) revert ZeroAmount();
        collateralOf[msg.sender] += shares;
        _pull(collateralToken, shares);
        emit CollateralDeposited(msg.sender, shares);
    }

    function withdrawCollateral(uint256 shares) external {
        if (shares == 0) revert ZeroAmount();
        collateralOf[msg.sender] -= shares;
        uint256 limit = _borrowLimit(msg.sender);
        if (debtOf[msg.sender] > limit) revert InsufficientCollateral(msg.sender, limit, debtOf[msg.sender]);
        _push(collateralToken, msg.sender, shares);
        emit CollateralWithdrawn(msg.sender, shares);
    }

    function borrow(uint256 assets) external {
        if (assets == 0) revert ZeroAmount();
        if (assets > liquidity) revert InsufficientLiquidity(liquidity, assets);
        uint256 debt = debtOf[msg.sender] + assets;
        uint256 limit = _borrowLimit(msg.sender);
        if (debt > limit) revert InsufficientCollateral(msg.sender, limit, debt);
        debtOf[msg.sender] = debt;
        liquidity -= assets;
        _push(debtToken, msg.sender, assets);
        emit Borrowed(msg.sender, assets);
    }

    function repay(address account, uint256 assets) external {
        if (assets == 0) revert ZeroAmount();
        uint256 debt = debtOf[account];
        if (assets > debt) revert RepayExceedsDebt(debt, assets);
        debtOf[account] = debt - assets;
        liquidity += assets;
        _pull(debtToken, assets);
        emit Repaid(account, msg.sender, assets);
    }

    function liquidate(address account, uint256 repayAssets) external returns (uint256 sharesSeized) {
        if (repayAssets == 0) revert ZeroAmount();
        uint256 health = healthFactor(account);
        if (health >= WAD) revert PositionHealthy(account, health);
        uint256 debt = debtOf[account];
        if (repayAssets > debt) revert RepayExceedsDebt(debt, repayAssets);

        uint256 seizeValue = repayAssets * (WAD + liquidationBonusWad) / WAD;
        sharesSeized = IERC4626Rate(collateralToken).convertToShares(seizeValue);
        // Bad debt: the liquidator takes whatever collateral is left.
        if (sharesSeized > collateralOf[account]) sharesSeized = collateralOf[account];

        debtOf[account] = debt - repayAssets;
        collateralOf[account] -= sharesSeized;
        liquidity += repayAssets;
        _pull(debtToken, repayAssets);
        _push(collateralToken, msg.sender, sharesSeized);
        emit Liquidated(account, msg.sender, repayAssets, sharesSeized);
    }

    function collateralValue(address account) public view returns (uint256) {
        return IERC4626Rate(collateralToken).convertToAssets(collateralOf[account]);
    }

    function availableToBorrow(address account) external view returns (uint256) {
        uint256 limit = _borrowLimit(account);
        uint256 debt = debtOf[account];
        uint256 room = limit > debt ? limit - debt : 0;
        return room < liquidity ? room : liquidity;
    }

    function healthFactor(address account) public view returns (uint256) {
        uint256 debt = debtOf[account];
        if (debt == 0) return type(uint256).max;
        return collateralValue(account) * liquidationThresholdWad / debt;
    }

    function isLiquidatable(address account) external view returns (bool) {
        return healthFactor(account) < WAD;
    }

    function _borrowLimit(address account) private view returns (uint256) {
        return collateralValue(account) * maxLtvWad / WAD;
    }

    function _pull(address token, uint256 amount) private {
        if (!IERC20Minimal(token).transferFrom(msg.sender, address(this), amount)) revert TokenTransferFailed(token);
    }

    function _push(address token, address to, uint256 amount) private {
        if (!IERC20Minimal(token).transfer(to, amount)) revert TokenTransferFailed(token);
    }
}
