//! The StylusDeployer factory at its Arbitrum address: deploy, activate and construct a
//! program in one transaction, with Nitro's errors when a step fails.

use crate::stylus_support::{ARB_WASM, TestChain, output, solc, wat};
use alloy::primitives::{Address, B256, Bytes, U256, keccak256};
use alloy::sol;
use alloy::sol_types::{SolCall, SolError, SolEvent};
use devnet::evm::stylus_deployer::{RUNTIME_HEX, SOURCE};
use devnet::evm::{ExecutionResult, Executor, STYLUS_DEPLOYER};
use devnet::stylus::{compress, deploy_initcode};
use revm::primitives::TxKind;

sol! {
    interface StylusDeployer {
        event ContractDeployed(address deployedContract);

        error ContractDeploymentError(bytes bytecode);
        error ContractInitializationError(address newContract, bytes data);
        error RefundExcessValueError(uint256 excessValue);
        error EmptyBytecode();
        error InitValueButNotInitData();

        function deploy(bytes calldata bytecode, bytes calldata initData, uint256 initValue, bytes32 salt)
            external payable returns (address);
        function initSalt(bytes32 salt, bytes calldata initData) external pure returns (bytes32);
        function requiresActivation(address program) external view returns (bool);
    }

    interface ArbWasm {
        event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
        error ProgramNotWasm();
        error ProgramInsufficientValue(uint256 have, uint256 want);
    }
}

/// Records who called it and with what value (slots 0 and 1); with calldata starting
/// 0xff it reverts with 0xdeadbeef instead, like a constructor refusing its arguments.
const RECORDER: &str = r#"
(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "msg_sender" (func $msg_sender (param i32)))
  (import "vm_hooks" "msg_value" (func $msg_value (param i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 200) "\de\ad\be\ef")
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $read_args (i32.const 1024))
    (if (i32.and (i32.gt_u (local.get $len) (i32.const 0))
                 (i32.eq (i32.load8_u (i32.const 1024)) (i32.const 0xff)))
      (then
        (call $write_result (i32.const 200) (i32.const 4))
        (return (i32.const 1))))
    (i32.store8 (i32.const 63) (i32.const 1))
    (call $msg_sender (i32.const 108))
    (call $msg_value (i32.const 128))
    (call $cache (i32.const 0) (i32.const 96))
    (call $cache (i32.const 32) (i32.const 128))
    (call $flush (i32.const 0))
    (i32.const 0)))
"#;

const ONE_ETH: u128 = 1_000_000_000_000_000_000;

fn recorder_initcode() -> Vec<u8> {
    deploy_initcode(&compress(&wat(RECORDER)))
}

fn deploy_call(bytecode: &[u8], init_data: &[u8], init_value: u64, salt: B256) -> Vec<u8> {
    StylusDeployer::deployCall {
        bytecode: Bytes::copy_from_slice(bytecode),
        initData: Bytes::copy_from_slice(init_data),
        initValue: U256::from(init_value),
        salt,
    }
    .abi_encode()
}

fn deploy(chain: &mut TestChain, call: Vec<u8>, value: u128) -> ExecutionResult {
    chain.send(
        TxKind::Call(STYLUS_DEPLOYER),
        call,
        U256::from(value),
        30_000_000,
    )
}

fn deployed_address(result: &ExecutionResult) -> Address {
    assert!(result.is_success(), "{result:?}");
    let log = result
        .logs()
        .iter()
        .find(|log| log.address == STYLUS_DEPLOYER)
        .expect("ContractDeployed is emitted");
    let event = StylusDeployer::ContractDeployed::decode_log_data(&log.data).expect("decodes");
    let returned =
        StylusDeployer::deployCall::abi_decode_returns(&output(result)).expect("address");
    assert_eq!(event.deployedContract, returned);
    returned
}

fn data_fee(result: &ExecutionResult) -> Option<U256> {
    result
        .logs()
        .iter()
        .filter(|log| log.address == ARB_WASM)
        .find_map(|log| ArbWasm::ProgramActivated::decode_log_data(&log.data).ok())
        .map(|event| event.dataFee)
}

/// Runtime code of `SOURCE` with the settings `runtime.hex` was made with.
fn compile_deployer() -> String {
    // Only the source name differs from a standalone build, and without the CBOR
    // metadata the name does not reach the bytecode.
    let settings = serde_json::json!({
        "optimizer": { "enabled": true, "runs": 200 },
        "evmVersion": "cancun",
        "metadata": { "appendCBOR": false },
    });
    solc(
        SOURCE,
        "StylusDeployer",
        "evm.deployedBytecode.object",
        settings,
    )
}

#[test]
fn embedded_runtime_is_the_compiled_solidity_source() {
    let compiled = compile_deployer();
    if std::env::var_os("STYLUS_DEPLOYER_BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/evm/stylus_deployer/runtime.hex"
        );
        std::fs::write(path, format!("{compiled}\n")).expect("runtime.hex is writable");
        return;
    }
    assert_eq!(
        RUNTIME_HEX.trim(),
        compiled,
        "StylusDeployer.sol changed: rerun with STYLUS_DEPLOYER_BLESS=1"
    );
}

#[test]
fn the_factory_has_code_and_a_nonce_at_its_arbitrum_address_from_the_start() {
    let mut chain = TestChain::new();

    Executor::install_system_accounts(&mut chain.db);

    let account = &chain.db.cache.accounts[&STYLUS_DEPLOYER];
    assert_eq!(account.info.nonce, 1);
    assert_eq!(
        chain.code(STYLUS_DEPLOYER).as_ref(),
        revm::primitives::hex::decode(RUNTIME_HEX.trim()).unwrap()
    );
}

#[test]
fn deploy_without_init_data_activates_and_refunds_what_the_fee_left() {
    let mut chain = TestChain::new();
    let before = chain.balance(chain.sender);

    let result = deploy(
        &mut chain,
        deploy_call(&recorder_initcode(), &[], 0, B256::ZERO),
        ONE_ETH,
    );

    let program = deployed_address(&result);
    let fee = data_fee(&result).expect("activation happened");
    assert!(fee > U256::ZERO && fee < U256::from(ONE_ETH));
    let spent = before - chain.balance(chain.sender);
    assert_eq!(
        spent,
        chain.gas_cost(&result) + fee,
        "only gas and the fee are kept"
    );
    assert_eq!(chain.balance(STYLUS_DEPLOYER), U256::ZERO);
    assert_eq!(chain.balance(ARB_WASM), U256::ZERO);
    assert_eq!(
        program,
        STYLUS_DEPLOYER.create(1),
        "CREATE from the factory's nonce"
    );
    let called = chain.call(program, vec![0x01]);
    assert!(called.is_success(), "the program is active: {called:?}");
    assert_eq!(
        chain.storage(program, 0),
        U256::from_be_slice(chain.sender.as_slice())
    );
}

#[test]
fn init_data_calls_the_new_program_from_the_factory_with_the_init_value() {
    let mut chain = TestChain::new();

    let result = deploy(
        &mut chain,
        deploy_call(&recorder_initcode(), &[0x01], 5, B256::ZERO),
        ONE_ETH,
    );

    let program = deployed_address(&result);
    assert_eq!(
        chain.storage(program, 0),
        U256::from_be_slice(STYLUS_DEPLOYER.as_slice()),
        "msg.sender of the constructor call is the factory"
    );
    assert_eq!(chain.storage(program, 1), U256::from(5));
    assert_eq!(chain.balance(program), U256::from(5));
}

#[test]
fn a_salt_deploys_with_create2_bound_to_the_init_data() {
    let mut chain = TestChain::new();
    let salt = B256::repeat_byte(0x11);
    let initcode = recorder_initcode();

    let first = deploy(
        &mut chain,
        deploy_call(&initcode, &[0x01], 0, salt),
        ONE_ETH,
    );
    let other_args = deploy(
        &mut chain,
        deploy_call(&initcode, &[0x02], 0, salt),
        ONE_ETH,
    );
    let replay = deploy(
        &mut chain,
        deploy_call(&initcode, &[0x01], 0, salt),
        ONE_ETH,
    );

    let mixed = keccak256([salt.as_slice(), &[0x01]].concat());
    let expected = STYLUS_DEPLOYER.create2(mixed, keccak256(&initcode));
    assert_eq!(deployed_address(&first), expected);
    assert_ne!(deployed_address(&other_args), expected);
    let error = StylusDeployer::ContractDeploymentError::abi_decode(&output(&replay))
        .expect("the occupied address is reported as ContractDeploymentError");
    assert_eq!(error.bytecode.as_ref(), initcode.as_slice());
}

#[test]
fn deploying_code_that_is_already_active_skips_activation_and_refunds_everything() {
    let mut chain = TestChain::new();
    let initcode = recorder_initcode();
    deployed_address(&deploy(
        &mut chain,
        deploy_call(&initcode, &[], 0, B256::ZERO),
        ONE_ETH,
    ));
    let before = chain.balance(chain.sender);

    let again = deploy(
        &mut chain,
        deploy_call(&initcode, &[0x01], 0, B256::ZERO),
        ONE_ETH,
    );

    let program = deployed_address(&again);
    assert_eq!(data_fee(&again), None, "no second activation");
    assert_eq!(before - chain.balance(chain.sender), chain.gas_cost(&again));
    assert!(chain.call(program, vec![0x01]).is_success());
}

#[test]
fn a_reverting_constructor_reverts_the_deployment_with_contract_initialization_error() {
    let mut chain = TestChain::new();
    let before = chain.balance(chain.sender);

    let result = deploy(
        &mut chain,
        deploy_call(&recorder_initcode(), &[0xff], 0, B256::ZERO),
        ONE_ETH,
    );

    assert!(
        matches!(result, ExecutionResult::Revert { .. }),
        "{result:?}"
    );
    let error = StylusDeployer::ContractInitializationError::abi_decode(&output(&result))
        .expect("named error");
    assert_eq!(error.newContract, STYLUS_DEPLOYER.create(1));
    assert_eq!(error.data.as_ref(), &[0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(
        before - chain.balance(chain.sender),
        chain.gas_cost(&result)
    );
    assert!(
        chain.code(error.newContract).is_empty(),
        "nothing stays deployed"
    );
}

#[test]
fn init_value_without_init_data_is_refused() {
    let mut chain = TestChain::new();

    let result = deploy(
        &mut chain,
        deploy_call(&recorder_initcode(), &[], 7, B256::ZERO),
        ONE_ETH,
    );

    assert_eq!(
        output(&result).as_ref(),
        StylusDeployer::InitValueButNotInitData {}.abi_encode()
    );
}

#[test]
fn empty_bytecode_is_refused() {
    let mut chain = TestChain::new();

    let result = deploy(&mut chain, deploy_call(&[], &[], 0, B256::ZERO), 0);

    assert_eq!(
        output(&result).as_ref(),
        StylusDeployer::EmptyBytecode {}.abi_encode()
    );
}

#[test]
fn a_value_below_the_data_fee_reverts_with_arbwasms_error() {
    let mut chain = TestChain::new();

    let result = deploy(
        &mut chain,
        deploy_call(&recorder_initcode(), &[], 0, B256::ZERO),
        1,
    );

    let error = ArbWasm::ProgramInsufficientValue::abi_decode(&output(&result))
        .expect("ArbWasm's error passes through the factory");
    assert_eq!(error.have, U256::from(1));
    assert!(error.want > U256::from(1));
}

#[test]
fn evm_bytecode_is_deployed_but_activation_refuses_it() {
    let mut chain = TestChain::new();
    // Init code returning one byte of runtime code (STOP).
    let evm_initcode = [0x60, 0x01, 0x60, 0x00, 0xf3];

    let result = deploy(
        &mut chain,
        deploy_call(&evm_initcode, &[], 0, B256::ZERO),
        ONE_ETH,
    );

    assert_eq!(
        output(&result).as_ref(),
        ArbWasm::ProgramNotWasm {}.abi_encode()
    );
}

#[test]
fn a_sender_that_refuses_the_refund_gets_refund_excess_value_error() {
    let mut chain = TestChain::new();
    // Forwards its calldata and value to the factory and returns or reverts with the
    // answer; the refund re-enters it with empty calldata, which the factory rejects.
    let mut forwarder = vec![0x36, 0x5f, 0x5f, 0x37, 0x5f, 0x5f, 0x36, 0x5f, 0x34, 0x73];
    forwarder.extend_from_slice(STYLUS_DEPLOYER.as_slice());
    forwarder.extend_from_slice(&[
        0x5a, 0xf1, 0x3d, 0x5f, 0x5f, 0x3e, 0x60, 42, 0x57, 0x3d, 0x5f, 0xfd, 0x5b, 0x3d, 0x5f,
        0xf3,
    ]);
    let forwarder = chain.deploy_evm(&forwarder);

    let result = chain.send(
        TxKind::Call(forwarder),
        deploy_call(&recorder_initcode(), &[], 0, B256::ZERO),
        U256::from(ONE_ETH),
        30_000_000,
    );

    let error =
        StylusDeployer::RefundExcessValueError::abi_decode(&output(&result)).expect("named error");
    assert!(error.excessValue > U256::ZERO && error.excessValue < U256::from(ONE_ETH));
}

#[test]
fn requires_activation_answers_for_new_and_active_code() {
    let mut chain = TestChain::new();
    let program = chain.deploy_program(&wat(RECORDER));
    let ask = |chain: &mut TestChain| {
        let data = StylusDeployer::requiresActivationCall { program }.abi_encode();
        let result = chain.call(STYLUS_DEPLOYER, data);
        StylusDeployer::requiresActivationCall::abi_decode_returns(&output(&result)).expect("bool")
    };

    let before = ask(&mut chain);
    chain.activate(program);
    let after = ask(&mut chain);

    assert!(before);
    assert!(!after);
}
