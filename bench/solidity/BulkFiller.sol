// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IFillVault {
    function deposit(uint256 assets, address receiver) external returns (uint256);
    function approve(address spender, uint256 value) external returns (bool);
}

interface IFillQueue {
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256);
}

interface IFillToken {
    function approve(address spender, uint256 value) external returns (bool);
}

/// Grows a vault to thousands of holders and its queue to thousands of pending requests in a
/// few hundred transactions, so the benchmark can show that per-operation gas stays flat:
/// each holder and request is made by the real entry point, only batched. The filler holds
/// the assets and shares it hands out.
contract BulkFiller {
    function approveAll(IFillToken token, IFillVault vault, IFillQueue queue) external {
        token.approve(address(vault), type(uint256).max);
        vault.approve(address(queue), type(uint256).max);
    }

    /// Deposits `assets` for the filler itself: the shares its requests lock.
    function depositSelf(IFillVault vault, uint256 assets) external {
        vault.deposit(assets, address(this));
    }

    /// Deposits `assets` for each of `count` fresh receivers.
    function deposits(IFillVault vault, uint256 assets, uint256 seed, uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            vault.deposit(assets, fresh(seed + i));
        }
    }

    /// Opens a request of `shares` for each of `count` fresh controllers.
    function requests(IFillQueue queue, uint256 shares, uint256 seed, uint256 count) external {
        for (uint256 i = 0; i < count; i++) {
            queue.requestRedeem(shares, fresh(seed + i), address(this));
        }
    }

    function fresh(uint256 seed) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("bench holder", seed)))));
    }
}
