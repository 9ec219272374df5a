// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";

/// The baseline's withdrawal queue: the least a timelocked ERC-7540-style redeem needs, to
/// set beside ours. A request escrows the owner's shares (the owner approved this queue once)
/// and records what they were worth; after the delay anyone may claim it for the controller,
/// who gets the smaller of that value and what the shares redeem for now.
contract OzWithdrawalQueue {
    struct Request {
        address controller;
        uint64 requestedAt;
        bool claimed;
        uint256 shares;
        uint256 assets;
    }

    IERC4626 public immutable vault;
    uint64 public immutable withdrawalDelay;
    uint256 public nextRequestId = 1;
    mapping(uint256 => Request) public requests;

    event RedeemRequest(
        address indexed controller, address indexed owner, uint256 indexed requestId, address sender, uint256 shares
    );
    event RedeemClaimed(
        uint256 indexed requestId, address indexed controller, address indexed receiver, uint256 shares, uint256 assets
    );

    error NotOwner(address owner, address caller);
    error ZeroShares();
    error RequestNotFound(uint256 requestId);
    error AlreadyClaimed(uint256 requestId);
    error NotClaimableYet(uint256 requestId, uint64 claimableAt);

    constructor(IERC4626 vault_, uint64 withdrawalDelay_) {
        vault = vault_;
        withdrawalDelay = withdrawalDelay_;
    }

    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256 requestId) {
        if (owner != msg.sender) revert NotOwner(owner, msg.sender);
        if (shares == 0) revert ZeroShares();
        uint256 assets = vault.convertToAssets(shares);
        requestId = nextRequestId++;
        requests[requestId] = Request(controller, uint64(block.timestamp), false, shares, assets);
        emit RedeemRequest(controller, owner, requestId, msg.sender, shares);
        vault.transferFrom(owner, address(this), shares);
    }

    function claim(uint256 requestId) external returns (uint256 assets) {
        Request storage request = requests[requestId];
        address controller = request.controller;
        if (controller == address(0)) revert RequestNotFound(requestId);
        if (request.claimed) revert AlreadyClaimed(requestId);
        uint64 claimableAt = request.requestedAt + withdrawalDelay;
        if (block.timestamp < claimableAt) revert NotClaimableYet(requestId, claimableAt);
        request.claimed = true;
        uint256 shares = request.shares;
        assets = vault.previewRedeem(shares);
        if (assets > request.assets) {
            assets = request.assets;
            vault.withdraw(assets, controller, address(this));
        } else {
            vault.redeem(shares, controller, address(this));
        }
        emit RedeemClaimed(requestId, controller, controller, shares, assets);
    }
}
