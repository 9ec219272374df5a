//! The Solidity fixtures of `test/solidity`, bound from the same interface files the
//! contracts implement; their creation code comes from [`crate::solidity::compile`].
// EIP-2612 `permit` takes seven arguments; the generated call builders take them all.
#![allow(clippy::too_many_arguments)]

use alloy::sol;

sol!(
    #[sol(rpc, abi, all_derives)]
    "../test/solidity/interfaces/IMockLst.sol"
);

sol!(
    #[sol(rpc, abi, all_derives)]
    "../test/solidity/interfaces/IMockAvs.sol"
);

sol!(
    #[sol(rpc, abi, all_derives)]
    "../test/solidity/interfaces/ILendingMarket.sol"
);

sol! {
    /// Constructor arguments of the fixtures, ABI-encoded after their creation code.
    struct MockLstArgs { string name; string symbol; uint8 decimals; }
    struct MockAvsArgs { address hub; string metadataUri; address burnRecipient; uint256 faultFractionWad; bool allowlistOnly; }
    struct LendingMarketArgs { address vault; uint256 maxLtvWad; uint256 liquidationThresholdWad; uint256 liquidationBonusWad; }

    /// EIP-2612 permit, signed as EIP-712 typed data.
    struct Permit { address owner; address spender; uint256 value; uint256 nonce; uint256 deadline; }
}
