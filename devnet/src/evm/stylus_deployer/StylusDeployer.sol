// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// The part of ArbWasm (0x71) the deployer needs.
interface IArbWasm {
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    function stylusVersion() external view returns (uint16 version);
    function codehashVersion(bytes32 codehash) external view returns (uint16 version);
}

/// The factory Arbitrum chains keep at 0xcEcba2F1DC234f70Dd89F2041029807F8D03A990, with
/// the interface, errors and event of Nitro's: Stylus programs have no init code of their
/// own, so this deploys the program, activates it if its code hash is not active yet and
/// calls its constructor, all in one transaction so nobody can call the program between
/// deployment and construction.
contract StylusDeployer {
    IArbWasm private constant ARB_WASM = IArbWasm(address(0x71));

    event ContractDeployed(address deployedContract);

    error ContractDeploymentError(bytes bytecode);
    error ContractInitializationError(address newContract, bytes data);
    error RefundExcessValueError(uint256 excessValue);
    error EmptyBytecode();
    error InitValueButNotInitData();

    /// Deploys `bytecode` (CREATE, or CREATE2 when `salt` is not zero), activates it when
    /// needed and, when `initData` is given, calls it with `initData` and `initValue`.
    /// `msg.value` pays the activation data fee plus `initValue`; the rest goes back to
    /// the sender.
    function deploy(bytes calldata bytecode, bytes calldata initData, uint256 initValue, bytes32 salt)
        public
        payable
        returns (address)
    {
        // Binding the salt to the constructor input means an address reached by CREATE2
        // always holds a program constructed with the same arguments.
        if (salt != 0) {
            salt = initSalt(salt, initData);
        }
        address program = create(bytecode, salt);

        uint256 dataFee = 0;
        if (requiresActivation(program)) {
            // ArbWasm returns what it does not keep straight to this contract.
            (, dataFee) = ARB_WASM.activateProgram{value: msg.value - initValue}(program);
        }

        if (initData.length != 0) {
            (bool ok, bytes memory reason) = program.call{value: initValue}(initData);
            if (!ok) {
                revert ContractInitializationError(program, reason);
            }
        } else if (initValue != 0) {
            revert InitValueButNotInitData();
        }

        uint256 excess = msg.value - dataFee - initValue;
        if (excess != 0) {
            (bool sent,) = payable(msg.sender).call{value: excess}("");
            if (!sent) {
                revert RefundExcessValueError(excess);
            }
        }

        emit ContractDeployed(program);
        return program;
    }

    /// The CREATE2 salt `deploy` uses for a caller's `salt` and `initData`.
    function initSalt(bytes32 salt, bytes calldata initData) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(salt, initData));
    }

    /// Whether the code at `program` still has to be activated at the current Stylus version.
    function requiresActivation(address program) public view returns (bool) {
        uint16 version = 0;
        // codehashVersion reverts for code that is not active; that counts as version 0.
        try ARB_WASM.codehashVersion(program.codehash) returns (uint16 active) {
            version = active;
        } catch {}
        return version != ARB_WASM.stylusVersion();
    }

    function create(bytes memory bytecode, bytes32 salt) private returns (address program) {
        if (bytecode.length == 0) {
            revert EmptyBytecode();
        }
        assembly {
            switch salt
            case 0 { program := create(0, add(bytecode, 0x20), mload(bytecode)) }
            default { program := create2(0, add(bytecode, 0x20), mload(bytecode), salt) }
            // Init code that reverted with a reason: pass the reason on unchanged.
            if and(iszero(program), gt(returndatasize(), 0)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
        if (program == address(0)) {
            revert ContractDeploymentError(bytecode);
        }
    }
}
