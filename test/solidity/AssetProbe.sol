// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IBalanceOf {
    function balanceOf(address account) external view returns (uint256);
}

/// Run by `lrt deploy` through `eth_call` with this code placed at an account that holds the
/// asset (a state override: nothing is sent). It moves `amount` to `sink` and reports what
/// left and what arrived, so a fee-on-transfer or rebasing token shows itself before a vault
/// is built on it.
contract AssetProbe {
    function probe(address token, address sink, uint256 amount)
        external
        returns (bool ok, uint256 sent, uint256 received)
    {
        uint256 selfBefore = IBalanceOf(token).balanceOf(address(this));
        uint256 sinkBefore = IBalanceOf(token).balanceOf(sink);
        // Low-level: tokens that predate the standard return nothing.
        (bool success, bytes memory reply) =
            token.call(abi.encodeWithSignature("transfer(address,uint256)", sink, amount));
        ok = success && (reply.length == 0 || abi.decode(reply, (bool)));
        if (!ok) return (false, 0, 0);
        sent = selfBefore - IBalanceOf(token).balanceOf(address(this));
        received = IBalanceOf(token).balanceOf(sink) - sinkBefore;
    }
}
