//! Programs written with the Stylus SDK, built from `devnet/test-programs` for wasm32 and
//! deployed the way the real tools deploy them: plain CREATE plus
//! `ArbWasm.activateProgram`, or the StylusDeployer factory with a constructor.

use crate::stylus_support::{TestChain, output, sdk_program, solc};
use alloy::primitives::{Address, B256, U256};
use alloy::sol;
use alloy::sol_types::{SolCall, SolError, SolEvent, SolValue};
use devnet::evm::{ExecutionResult, STYLUS_DEPLOYER};
use devnet::stylus::{compress, deploy_initcode};
use revm::primitives::{TxKind, hex};

sol! {
    #![sol(all_derives)]
    interface ICounter {
        function count() external view returns (uint256);
        function owner() external view returns (address);
        function construction() external view returns (address, uint256);
        function increment() external returns (uint256);
        function add(uint256 amount) external returns (uint256);
        function set(uint256 value) external;

        error CountOverflow(uint256 count, uint256 amount);
        error NotOwner(address caller, address owner);
    }

    /// The SDK routes this selector (with the arguments appended) to `#[constructor]`.
    function stylus_constructor();

    interface ICaller {
        function incrementOn(address counter) external returns (uint256);
        function addOn(address counter, uint256 amount) external returns (uint256);
        function countOf(address counter) external view returns (uint256);
        function forward(address target, bytes data) external returns (bytes);
        function calls() external view returns (uint256);
    }

    interface IProbe {
        function poke() external returns (uint256);
        function enter(address relay, address target) external returns (bool);
        function pokes() external view returns (uint256);
    }

    interface ILogger {
        event Logged(address indexed sender, uint256 indexed id, string message);
        event Tagged(bytes32 tag, uint256[] values);

        function log(string message) external returns (uint256);
        function tag(bytes32 tag, uint8 count) external;
    }

    interface IStylusDeployer {
        event ContractDeployed(address deployedContract);
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt)
            external payable returns (address);
    }
}

/// The same counter in Solidity, with the same interface and error.
const SOLIDITY_COUNTER: &str = r#"
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract SolidityCounter {
    uint256 public count;
    error CountOverflow(uint256 count, uint256 amount);
    function increment() external returns (uint256) { return add(1); }
    function add(uint256 amount) public returns (uint256) {
        if (amount > type(uint256).max - count) revert CountOverflow(count, amount);
        count += amount;
        return count;
    }
}
"#;

const ONE_ETH: u128 = 1_000_000_000_000_000_000;

fn constructor_data(start: U256) -> Vec<u8> {
    [
        stylus_constructorCall::SELECTOR.as_slice(),
        &start.abi_encode(),
    ]
    .concat()
}

/// Deploys `package` through the StylusDeployer with its constructor called on `start`.
fn deploy_constructed(chain: &mut TestChain, package: &str, start: U256, value: u64) -> Address {
    let call = IStylusDeployer::deployCall {
        bytecode: deploy_initcode(&compress(&sdk_program(package))).into(),
        initData: constructor_data(start).into(),
        initValue: U256::from(value),
        salt: B256::ZERO,
    };
    let result = chain.send(
        TxKind::Call(STYLUS_DEPLOYER),
        call.abi_encode(),
        U256::from(ONE_ETH),
        30_000_000,
    );
    assert!(result.is_success(), "factory deployment failed: {result:?}");
    IStylusDeployer::deployCall::abi_decode_returns(&output(&result)).expect("address")
}

fn solidity_counter(chain: &mut TestChain) -> Address {
    let settings = serde_json::json!({ "optimizer": { "enabled": true, "runs": 200 }, "evmVersion": "cancun" });
    let code = solc(
        SOLIDITY_COUNTER,
        "SolidityCounter",
        "evm.bytecode.object",
        settings,
    );
    chain.create(hex::decode(code).expect("hex"))
}

fn call<C: SolCall>(chain: &mut TestChain, to: Address, call: C) -> ExecutionResult {
    chain.call(to, call.abi_encode())
}

/// Calls `to` and decodes what it returned; panics with the result when it failed.
fn ask<C: SolCall>(chain: &mut TestChain, to: Address, request: C) -> C::Return {
    let result = call(chain, to, request);
    assert!(result.is_success(), "{result:?}");
    C::abi_decode_returns(&output(&result)).expect("return data decodes")
}

#[test]
fn the_factory_runs_the_constructor_once_as_a_call_from_the_factory() {
    let mut chain = TestChain::new();

    let counter = deploy_constructed(&mut chain, "test-counter", U256::from(7), 3);

    assert_eq!(
        ask(&mut chain, counter, ICounter::countCall {}),
        U256::from(7)
    );
    assert_eq!(
        ask(&mut chain, counter, ICounter::ownerCall {}),
        chain.sender
    );
    let construction = ask(&mut chain, counter, ICounter::constructionCall {});
    assert_eq!(
        construction._0, STYLUS_DEPLOYER,
        "msg.sender is the factory"
    );
    assert_eq!(
        construction._1,
        U256::from(3),
        "msg.value is the init value"
    );
    assert_eq!(chain.balance(counter), U256::from(3));
}

#[test]
fn the_constructor_cannot_be_called_again() {
    let mut chain = TestChain::new();
    let counter = deploy_constructed(&mut chain, "test-counter", U256::from(7), 0);

    let again = chain.call(counter, constructor_data(U256::from(1000)));

    assert!(matches!(again, ExecutionResult::Revert { .. }), "{again:?}");
    assert!(
        output(&again).is_empty(),
        "the SDK's guard reverts without data"
    );
    assert_eq!(
        ask(&mut chain, counter, ICounter::countCall {}),
        U256::from(7)
    );
}

#[test]
fn a_counter_deployed_with_create_and_activate_keeps_its_count() {
    let mut chain = TestChain::new();
    let counter = chain.deploy_activated(&sdk_program("test-counter"));

    let first = ask(&mut chain, counter, ICounter::incrementCall {});
    let second = ask(
        &mut chain,
        counter,
        ICounter::addCall {
            amount: U256::from(10),
        },
    );

    assert_eq!(first, U256::from(1));
    assert_eq!(second, U256::from(11));
    assert_eq!(
        ask(&mut chain, counter, ICounter::countCall {}),
        U256::from(11)
    );
    assert_eq!(
        chain.storage(counter, 0),
        U256::from(11),
        "count is the first slot"
    );
}

#[test]
fn a_program_calls_a_stylus_counter_through_sol_interface() {
    let mut chain = TestChain::new();
    let counter = deploy_constructed(&mut chain, "test-counter", U256::from(41), 0);
    let caller = chain.deploy_activated(&sdk_program("test-caller"));

    let answer = ask(&mut chain, caller, ICaller::incrementOnCall { counter });

    assert_eq!(answer, U256::from(42));
    assert_eq!(
        ask(&mut chain, counter, ICounter::countCall {}),
        U256::from(42)
    );
    assert_eq!(
        ask(&mut chain, caller, ICaller::callsCall {}),
        U256::from(1)
    );
    assert_eq!(
        ask(&mut chain, caller, ICaller::countOfCall { counter }),
        U256::from(42)
    );
}

#[test]
fn a_program_calls_a_solidity_counter_through_the_same_interface() {
    let mut chain = TestChain::new();
    let counter = solidity_counter(&mut chain);
    let caller = chain.deploy_activated(&sdk_program("test-caller"));

    let first = ask(&mut chain, caller, ICaller::incrementOnCall { counter });
    let second = ask(
        &mut chain,
        caller,
        ICaller::addOnCall {
            counter,
            amount: U256::from(5),
        },
    );

    assert_eq!((first, second), (U256::from(1), U256::from(6)));
    assert_eq!(
        ask(&mut chain, counter, ICounter::countCall {}),
        U256::from(6)
    );
}

#[test]
fn a_custom_error_reaches_the_caller_of_the_calling_program_unchanged() {
    let mut chain = TestChain::new();
    let near_max = U256::MAX - U256::from(1);
    let stylus = deploy_constructed(&mut chain, "test-counter", near_max, 0);
    let solidity = solidity_counter(&mut chain);
    let caller = chain.deploy_activated(&sdk_program("test-caller"));
    ask(
        &mut chain,
        caller,
        ICaller::incrementOnCall { counter: solidity },
    );

    let direct = call(
        &mut chain,
        stylus,
        ICounter::addCall {
            amount: U256::from(5),
        },
    );
    let through_caller = call(
        &mut chain,
        caller,
        ICaller::addOnCall {
            counter: stylus,
            amount: U256::from(5),
        },
    );
    let from_solidity = call(
        &mut chain,
        caller,
        ICaller::addOnCall {
            counter: solidity,
            amount: U256::MAX,
        },
    );

    let expected = ICounter::CountOverflow {
        count: near_max,
        amount: U256::from(5),
    };
    assert!(
        matches!(direct, ExecutionResult::Revert { .. }),
        "{direct:?}"
    );
    assert_eq!(
        ICounter::CountOverflow::abi_decode(&output(&direct)).unwrap(),
        expected
    );
    assert!(matches!(through_caller, ExecutionResult::Revert { .. }));
    assert_eq!(output(&through_caller), output(&direct));
    let solidity_error = ICounter::CountOverflow::abi_decode(&output(&from_solidity)).unwrap();
    assert_eq!(
        (solidity_error.count, solidity_error.amount),
        (U256::from(1), U256::MAX)
    );
    assert_eq!(
        ask(&mut chain, caller, ICaller::callsCall {}),
        U256::from(1),
        "the failed calls reverted the caller's own writes too"
    );
}

#[test]
fn msg_sender_of_a_nested_call_is_the_calling_program() {
    let mut chain = TestChain::new();
    let counter = deploy_constructed(&mut chain, "test-counter", U256::ZERO, 0);
    let caller = chain.deploy_activated(&sdk_program("test-caller"));

    let result = call(
        &mut chain,
        caller,
        ICaller::forwardCall {
            target: counter,
            data: ICounter::setCall {
                value: U256::from(9),
            }
            .abi_encode()
            .into(),
        },
    );

    let error = ICounter::NotOwner::abi_decode(&output(&result)).expect("NotOwner");
    assert_eq!((error.caller, error.owner), (caller, chain.sender));
}

#[test]
fn the_sdk_refuses_a_reentrant_call_but_not_a_call_to_another_instance() {
    let mut chain = TestChain::new();
    let probe = chain.deploy_activated(&sdk_program("test-reentrancy-probe"));
    let other = chain.deploy_program(&sdk_program("test-reentrancy-probe"));
    let relay = chain.deploy_activated(&sdk_program("test-caller"));

    let reentered = ask(
        &mut chain,
        probe,
        IProbe::enterCall {
            relay,
            target: probe,
        },
    );
    let elsewhere = ask(
        &mut chain,
        probe,
        IProbe::enterCall {
            relay,
            target: other,
        },
    );

    assert!(!reentered, "probe -> relay -> probe is refused");
    assert_eq!(ask(&mut chain, probe, IProbe::pokesCall {}), U256::ZERO);
    assert!(elsewhere, "probe -> relay -> other probe is not reentrancy");
    assert_eq!(ask(&mut chain, other, IProbe::pokesCall {}), U256::from(1));
}

#[test]
fn sdk_events_decode_with_their_solidity_signatures() {
    let mut chain = TestChain::new();
    let logger = chain.deploy_activated(&sdk_program("test-logger"));

    let first = call(
        &mut chain,
        logger,
        ILogger::logCall {
            message: "hello".into(),
        },
    );
    let second = call(
        &mut chain,
        logger,
        ILogger::logCall {
            message: "stylus".into(),
        },
    );
    let tagged = call(
        &mut chain,
        logger,
        ILogger::tagCall {
            tag: B256::repeat_byte(7),
            count: 3,
        },
    );

    let logged: Vec<_> = [&first, &second]
        .iter()
        .flat_map(|r| r.logs().to_vec())
        .map(|log| {
            assert_eq!(log.address, logger);
            ILogger::Logged::decode_log_data(&log.data).expect("Logged")
        })
        .collect();
    assert_eq!(logged.len(), 2);
    assert_eq!(
        (logged[0].sender, logged[0].id, logged[0].message.as_str()),
        (chain.sender, U256::ZERO, "hello")
    );
    assert_eq!(
        (logged[1].id, logged[1].message.as_str()),
        (U256::from(1), "stylus")
    );
    let tag = ILogger::Tagged::decode_log_data(&tagged.logs()[0].data).expect("Tagged");
    assert_eq!(tag.tag, B256::repeat_byte(7));
    assert_eq!(tag.values, vec![U256::ZERO, U256::from(1), U256::from(2)]);
}

#[test]
fn sdk_programs_fit_the_stylus_code_size_limit() {
    for package in crate::stylus_support::SDK_PROGRAMS {
        let code = compress(&sdk_program(package));
        assert!(code.len() <= 24_576, "{package}: {} bytes", code.len());
    }
}
