//! The block as Arbitrum contracts see it: `block.number` is the L1 block number
//! (in the EVM and in Stylus), the L2 number comes from ArbSys `arbBlockNumber`,
//! `block.coinbase` is the sequencer and `block.gaslimit` Nitro's 2^50.

use crate::stylus_support::{TestChain, output, solc, wat};
use alloy::primitives::{Address, U256, address};
use alloy::sol;
use alloy::sol_types::SolCall;
use devnet::evm::l1;
use revm::primitives::hex;

const SEQUENCER: Address = address!("A4b000000000000000000073657175656e636572");
const NITRO_GAS_LIMIT: u64 = 1_125_899_906_842_624;

sol! {
    function context() external view returns (uint256 number, address coinbase, uint256 gaslimit, uint256 l2);
}

const CONTEXT: &str = r#"
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
interface ArbSys { function arbBlockNumber() external view returns (uint256); }
contract Context {
    function context() external view returns (uint256, address, uint256, uint256) {
        return (block.number, block.coinbase, block.gaslimit, ArbSys(address(100)).arbBlockNumber());
    }
}
"#;

/// Returns block_number (8 bytes LE), block_coinbase (20), block_gas_limit (8 LE).
const STYLUS_CONTEXT: &str = r#"
(module
  (import "vm_hooks" "block_number" (func $number (result i64)))
  (import "vm_hooks" "block_coinbase" (func $coinbase (param i32)))
  (import "vm_hooks" "block_gas_limit" (func $gas_limit (result i64)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (i64.store (i32.const 0) (call $number))
    (call $coinbase (i32.const 8))
    (i64.store (i32.const 28) (call $gas_limit))
    (call $write_result (i32.const 0) (i32.const 36))
    (i32.const 0)))
"#;

#[test]
fn solidity_sees_the_l1_block_number_the_sequencer_and_nitros_gas_limit() {
    let mut chain = TestChain::new();
    chain.block.number = U256::from(4242);
    chain.block.beneficiary = SEQUENCER;
    let settings = serde_json::json!({ "optimizer": { "enabled": true, "runs": 200 }, "evmVersion": "cancun" });
    let code = solc(CONTEXT, "Context", "evm.bytecode.object", settings);
    let contract = chain.create(hex::decode(code).expect("hex"));

    let result = chain.call(contract, contextCall {}.abi_encode());

    let seen = contextCall::abi_decode_returns(&output(&result)).expect("decodes");
    let timestamp: u64 = chain.block.timestamp.saturating_to();
    assert_eq!(seen.number, U256::from(l1::block_number(timestamp)));
    assert_ne!(seen.number, U256::from(4242));
    assert_eq!(
        seen.l2,
        U256::from(4242),
        "ArbSys.arbBlockNumber is the L2 number"
    );
    assert_eq!(seen.coinbase, SEQUENCER);
    assert_eq!(seen.gaslimit, U256::from(NITRO_GAS_LIMIT));
}

#[test]
fn stylus_sees_the_same_block_context() {
    let mut chain = TestChain::new();
    chain.block.beneficiary = SEQUENCER;
    let program = chain.deploy_activated(&wat(STYLUS_CONTEXT));

    let result = chain.call(program, vec![]);

    let out = output(&result);
    let timestamp: u64 = chain.block.timestamp.saturating_to();
    let number = u64::from_le_bytes(out[..8].try_into().expect("8 bytes"));
    assert_eq!(number, l1::block_number(timestamp));
    assert_eq!(&out[8..28], SEQUENCER.as_slice());
    let gas_limit = u64::from_le_bytes(out[28..36].try_into().expect("8 bytes"));
    assert_eq!(gas_limit, NITRO_GAS_LIMIT);
}

#[test]
fn the_l1_block_number_advances_with_time() {
    let mut chain = TestChain::new();
    let program = chain.deploy_activated(&wat(STYLUS_CONTEXT));
    let read = |chain: &mut TestChain| {
        let out = output(&chain.call(program, vec![]));
        u64::from_le_bytes(out[..8].try_into().expect("8 bytes"))
    };

    let before = read(&mut chain);
    chain.block.timestamp += U256::from(120);
    let after = read(&mut chain);

    assert_eq!(after, before + 10, "one L1 block per 12 s");
}
