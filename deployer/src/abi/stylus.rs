//! The Arbitrum pieces of the Stylus deploy protocol: the ArbWasm precompile and the
//! StylusDeployer factory `cargo stylus deploy` uses for programs with constructors.

use alloy::{
    primitives::{Address, address},
    sol,
};

/// ArbWasm, the precompile that activates (validates and compiles) programs.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");

/// ArbSys, whose `arbOSVersion` tells which Stylus rules the chain runs.
pub const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");

/// The StylusDeployer factory, at the same address on every Arbitrum chain.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

sol! {
    #[sol(rpc, abi)]
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function stylusVersion() external view returns (uint16 version);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function codehashKeepalive(bytes32 codehash) external payable;
        function programVersion(address program) external view returns (uint16 version);
        function programTimeLeft(address program) external view returns (uint64 _secs);
        function expiryDays() external view returns (uint16 _days);
        function keepaliveDays() external view returns (uint16 _days);

        error ProgramNotWasm();
        error ProgramNotActivated();
        error ProgramNeedsUpgrade(uint16 version, uint16 stylusVersion);
        error ProgramExpired(uint64 ageInSeconds);
        error ProgramUpToDate();
        error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }

    #[sol(rpc)]
    interface ArbSys {
        /// 55 + the ArbOS version (Nitro's offset), e.g. 116 on ArbOS 61.
        function arbOSVersion() external view returns (uint256 version);
    }

    #[sol(rpc, abi)]
    interface StylusDeployer {
        event ContractDeployed(address deployedContract);

        function deploy(bytes calldata bytecode, bytes calldata initData, uint256 initValue, bytes32 salt)
            external payable returns (address);

        error ContractDeploymentError(bytes bytecode);
        error ContractInitializationError(address newContract, bytes data);
        error RefundExcessValueError(uint256 excessValue);
        error EmptyBytecode();
        error InitValueButNotInitData();
    }

    /// Calldata of a Stylus constructor starts with this selector (no parameter types in it).
    function stylus_constructor();
}
