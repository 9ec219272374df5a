// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A mock AVS: registers itself with the hub as its own slasher, admits operators, and
/// slashes an operator that signed two different results for the same epoch (a double-sign
/// proof anyone may submit).
interface IMockAvs {
    event FaultProven(address indexed operator, uint64 indexed epoch, bytes32 slashId, uint256 assetsSlashed);

    error NotOwner(address caller);
    error NotConflicting(bytes32 root);
    error BadAttestation(address signer, address operator);

    function hub() external view returns (address);
    function owner() external view returns (address);
    function faultFractionWad() external view returns (uint256);

    /// What an operator signs (EIP-191 personal message over these 32 bytes) to attest `root`
    /// for `epoch`.
    function attestationHash(uint64 epoch, bytes32 root) external view returns (bytes32);
    /// The hub slash id of a fault: one slash per operator and epoch, so a proof cannot be replayed.
    function slashIdOf(address operator, uint64 epoch) external view returns (bytes32);

    function acceptOperator(address operator) external;
    function ejectOperator(address operator) external;
    function setAllowlist(address operator, bool allowed) external;

    function proveDoubleSign(
        address operator,
        uint64 epoch,
        bytes32 rootA,
        bytes calldata signatureA,
        bytes32 rootB,
        bytes calldata signatureB
    ) external returns (uint256 assetsSlashed);
}
