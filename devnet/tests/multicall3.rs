//! Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11 from genesis, as on
//! Arbitrum One and Sepolia: tools batch reads through it.

use crate::stylus_support::{COUNTER, TestChain, output, solc, wat};
use alloy::primitives::{Bytes, U256};
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::evm::Executor;
use devnet::evm::multicall3::{MULTICALL3, RUNTIME_HEX, SOURCE};

sol! {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }
    struct Result {
        bool success;
        bytes returnData;
    }
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory returnData);
    function getBlockNumber() external view returns (uint256 blockNumber);
    function getChainId() external view returns (uint256 chainid);
}

fn compile() -> String {
    // Without the CBOR metadata the source name does not reach the bytecode.
    let settings = serde_json::json!({
        "optimizer": { "enabled": true, "runs": 200 },
        "evmVersion": "cancun",
        "metadata": { "appendCBOR": false },
    });
    solc(
        SOURCE,
        "Multicall3",
        "evm.deployedBytecode.object",
        settings,
    )
}

#[test]
fn embedded_runtime_is_the_compiled_solidity_source() {
    let compiled = compile();
    if std::env::var_os("MULTICALL3_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/evm/multicall3/runtime.hex"
        );
        std::fs::write(path, format!("{compiled}\n")).expect("runtime.hex is writable");
        return;
    }
    assert_eq!(
        RUNTIME_HEX.trim(),
        compiled,
        "Multicall3.sol changed: rerun with MULTICALL3_BLESS=1"
    );
}

#[test]
fn aggregate3_batches_calls_and_reports_each_failure_it_allows() {
    let mut chain = TestChain::new();
    Executor::install_system_accounts(&mut chain.db);
    let counter = chain.deploy_activated(&wat(COUNTER));
    let calls = vec![
        Call3 {
            target: counter,
            allowFailure: false,
            callData: Bytes::new(),
        },
        Call3 {
            target: MULTICALL3,
            allowFailure: true,
            callData: Bytes::from(vec![0xde, 0xad]),
        },
        Call3 {
            target: MULTICALL3,
            allowFailure: false,
            callData: getChainIdCall {}.abi_encode().into(),
        },
    ];

    let result = chain.call(MULTICALL3, aggregate3Call { calls }.abi_encode());

    assert!(result.is_success(), "{result:?}");
    let results = aggregate3Call::abi_decode_returns(&output(&result)).expect("decodes");
    assert!(results[0].success);
    assert_eq!(U256::from_be_slice(&results[0].returnData), U256::from(1));
    assert!(!results[1].success, "an unknown selector fails, allowed");
    assert_eq!(
        U256::from_be_slice(&results[2].returnData),
        U256::from(crate::stylus_support::CHAIN_ID)
    );
    assert_eq!(chain.storage(counter, 0), U256::from(1));
}

#[test]
fn a_call_not_allowed_to_fail_reverts_the_batch() {
    let mut chain = TestChain::new();
    Executor::install_system_accounts(&mut chain.db);
    let calls = vec![Call3 {
        target: MULTICALL3,
        allowFailure: false,
        callData: Bytes::from(vec![0xde, 0xad]),
    }];

    let result = chain.call(MULTICALL3, aggregate3Call { calls }.abi_encode());

    assert!(!result.is_success());
    let reason = String::from_utf8_lossy(&output(&result)).into_owned();
    assert!(reason.contains("Multicall3: call failed"), "{reason}");
}
