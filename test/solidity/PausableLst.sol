// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MockLst} from "./MockLst.sol";

/// The mock LST with transfers its deployer can pause, as Lido can pause stETH. The tests
/// use it to show that a paused asset delays a slash's payout but cannot stop the slash.
/// Same constructor as MockLst.
contract PausableLst is MockLst {
    address public immutable pauser;
    bool public paused;

    error TransfersPaused();
    error NotPauser(address caller);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) MockLst(name_, symbol_, decimals_) {
        pauser = msg.sender;
    }

    function setPaused(bool paused_) external {
        if (msg.sender != pauser) revert NotPauser(msg.sender);
        paused = paused_;
    }

    function _move(address from, address to, uint256 amount) internal override {
        if (paused) revert TransfersPaused();
        super._move(from, to, amount);
    }
}
