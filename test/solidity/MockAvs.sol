// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMockAvs} from "./interfaces/IMockAvs.sol";

/// The part of the restaking hub an AVS talks to.
interface IRestakingHub {
    function registerAvs(string calldata metadataUri, address slasher, address burnRecipient, bool allowlistOnly)
        external;
    function acceptOperator(address operator) external;
    function ejectOperator(address operator) external;
    function setAvsAllowlist(address operator, bool allowed) external;
    function slash(address avs, address operator, uint256 fractionWad, bytes32 slashId) external returns (uint256);
}

contract MockAvs is IMockAvs {
    address public immutable hub;
    address public immutable owner;
    uint256 public immutable faultFractionWad;

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// Registers with the hub at once, naming itself slasher: only a valid proof can slash.
    constructor(
        address hub_,
        string memory metadataUri,
        address burnRecipient,
        uint256 faultFractionWad_,
        bool allowlistOnly
    ) {
        hub = hub_;
        owner = msg.sender;
        faultFractionWad = faultFractionWad_;
        IRestakingHub(hub_).registerAvs(metadataUri, address(this), burnRecipient, allowlistOnly);
    }

    function attestationHash(uint64 epoch, bytes32 root) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), epoch, root));
    }

    function slashIdOf(address operator, uint64 epoch) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), operator, epoch));
    }

    function acceptOperator(address operator) external onlyOwner {
        IRestakingHub(hub).acceptOperator(operator);
    }

    function ejectOperator(address operator) external onlyOwner {
        IRestakingHub(hub).ejectOperator(operator);
    }

    function setAllowlist(address operator, bool allowed) external onlyOwner {
        IRestakingHub(hub).setAvsAllowlist(operator, allowed);
    }

    function proveDoubleSign(
        address operator,
        uint64 epoch,
        bytes32 rootA,
        bytes calldata signatureA,
        bytes32 rootB,
        bytes calldata signatureB
    ) external returns (uint256 assetsSlashed) {
        if (rootA == rootB) revert NotConflicting(rootA);
        _requireSignedBy(operator, attestationHash(epoch, rootA), signatureA);
        _requireSignedBy(operator, attestationHash(epoch, rootB), signatureB);
        bytes32 slashId = slashIdOf(operator, epoch);
        assetsSlashed = IRestakingHub(hub).slash(address(this), operator, faultFractionWad, slashId);
        emit FaultProven(operator, epoch, slashId, assetsSlashed);
    }

    function _requireSignedBy(address operator, bytes32 hash, bytes calldata signature) private pure {
        address signer = _recover(keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", hash)), signature);
        if (signer == address(0) || signer != operator) revert BadAttestation(signer, operator);
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address) {
        if (signature.length != 65) return address(0);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        return ecrecover(digest, v, r, s);
    }
}
