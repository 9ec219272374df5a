//! DELEGATECALL into Stylus: Nitro counts only non-delegate frames when it decides
//! `msg_reentrant` (`TxProcessor.PushContract`), so a proxy in front of a Stylus
//! implementation works with the SDK's default reentrancy guard, while a real
//! re-entry through the proxy is still refused.

use crate::stylus_support::{TestChain, output, sdk_program, solc};
use alloy::primitives::{Address, U256};
use alloy::sol;
use alloy::sol_types::{SolCall, SolValue};
use revm::primitives::hex;

sol! {
    interface ICounter {
        function count() external view returns (uint256);
        function increment() external returns (uint256);
    }

    interface IProbe {
        function enter(address relay, address target) external returns (bool);
        function pokes() external view returns (uint256);
    }
}

/// The shape of every upgradeable proxy: forward everything by DELEGATECALL.
const PROXY: &str = r#"
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Proxy {
    address immutable implementation;
    constructor(address impl) { implementation = impl; }
    fallback() external payable {
        address impl = implementation;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
"#;

fn deploy_proxy(chain: &mut TestChain, implementation: Address) -> Address {
    let settings = serde_json::json!({ "optimizer": { "enabled": true, "runs": 200 }, "evmVersion": "cancun" });
    let code = solc(PROXY, "Proxy", "evm.bytecode.object", settings);
    let mut init = hex::decode(code).expect("hex");
    init.extend_from_slice(&implementation.abi_encode());
    chain.create(init)
}

#[test]
fn a_solidity_proxy_delegatecalls_a_stylus_implementation_with_the_default_guard() {
    let mut chain = TestChain::new();
    let implementation = chain.deploy_activated(&sdk_program("test-counter"));
    let proxy = deploy_proxy(&mut chain, implementation);

    let first = chain.call(proxy, ICounter::incrementCall {}.abi_encode());
    let second = chain.call(proxy, ICounter::incrementCall {}.abi_encode());

    assert!(first.is_success(), "{first:?}");
    assert_eq!(U256::from_be_slice(&output(&second)), U256::from(2));
    let count = chain.call(proxy, ICounter::countCall {}.abi_encode());
    assert_eq!(U256::from_be_slice(&output(&count)), U256::from(2));
    let own = chain.call(implementation, ICounter::countCall {}.abi_encode());
    assert_eq!(
        U256::from_be_slice(&output(&own)),
        U256::ZERO,
        "the proxy's storage changed, not the implementation's"
    );
}

#[test]
fn reentering_a_proxied_stylus_program_is_still_refused() {
    let mut chain = TestChain::new();
    let implementation = chain.deploy_activated(&sdk_program("test-reentrancy-probe"));
    let proxy = deploy_proxy(&mut chain, implementation);
    let relay = chain.deploy_activated(&sdk_program("test-caller"));

    let enter = IProbe::enterCall {
        relay,
        target: proxy,
    };
    let result = chain.call(proxy, enter.abi_encode());

    assert!(
        result.is_success(),
        "the outer call is not re-entrant: {result:?}"
    );
    let reentered = IProbe::enterCall::abi_decode_returns(&output(&result)).expect("bool");
    assert!(!reentered, "proxy -> relay -> proxy is a re-entry");
    let pokes = chain.call(proxy, IProbe::pokesCall {}.abi_encode());
    assert_eq!(U256::from_be_slice(&output(&pokes)), U256::ZERO);
}
