//! The JSON-RPC conversation `cargo stylus deploy` has with a node, against the devnet:
//! price activation with an `eth_call` under a state override, then deploy through the
//! StylusDeployer with a constructor, with gas from `eth_estimateGas`.

use crate::stylus_support::sdk_program;
use alloy::network::{EthereumWallet, TransactionBuilder};
use alloy::primitives::{Address, B256, U256, address};
use alloy::providers::{Provider, ProviderBuilder};
use alloy::rpc::types::TransactionRequest;
use alloy::rpc::types::state::{AccountOverride, StateOverride};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol;
use alloy::sol_types::{SolCall, SolEvent, SolValue};
use devnet::evm::STYLUS_DEPLOYER;
use devnet::stylus::{compress, deploy_initcode};
use devnet::{Config, Devnet};

sol! {
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
    interface StylusDeployer {
        event ContractDeployed(address deployedContract);
        function deploy(bytes bytecode, bytes initData, uint256 initValue, bytes32 salt)
            external payable returns (address);
    }
    function stylus_constructor();
    function count() external view returns (uint256);
}

const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
const NITRO_DEV_KEY: &str = "b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659";

#[tokio::test(flavor = "multi_thread")]
async fn a_program_with_a_constructor_deploys_over_rpc_as_cargo_stylus_does() {
    let node = Devnet::spawn(Config::ephemeral())
        .await
        .expect("devnet starts");
    let signer: PrivateKeySigner = NITRO_DEV_KEY.parse().expect("key");
    let provider = ProviderBuilder::new()
        .wallet(EthereumWallet::from(signer))
        .connect_http(node.endpoint().parse().expect("URL"));
    let code = compress(&sdk_program("test-counter"));

    // Given the data fee, priced by activating the code at a made-up address.
    let spoofed = Address::repeat_byte(0x5a);
    let rich = Address::repeat_byte(0x5b);
    let overrides: StateOverride = [
        (spoofed, AccountOverride::default().with_code(code.clone())),
        (rich, AccountOverride::default().with_balance(U256::MAX)),
    ]
    .into_iter()
    .collect();
    let pricing = TransactionRequest::default()
        .with_from(rich)
        .with_to(ARB_WASM)
        .with_value(U256::from(10u128.pow(18)))
        .with_input(ArbWasm::activateProgramCall { program: spoofed }.abi_encode());
    let priced = provider
        .call(pricing)
        .overrides(overrides)
        .await
        .expect("activation is priced");
    let fee = ArbWasm::activateProgramCall::abi_decode_returns(&priced)
        .expect("(version, dataFee)")
        .dataFee;
    assert!(fee > U256::ZERO);
    assert!(
        !provider
            .get_code_at(STYLUS_DEPLOYER)
            .await
            .unwrap()
            .is_empty(),
        "the factory has code, as on Arbitrum"
    );

    // When the deployment goes through the factory with the fee plus a 20 % bump.
    let init_data = [
        stylus_constructorCall::SELECTOR.as_slice(),
        &U256::from(5).abi_encode(),
    ]
    .concat();
    let deploy = StylusDeployer::deployCall {
        bytecode: deploy_initcode(&code).into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    };
    let request = TransactionRequest::default()
        .with_to(STYLUS_DEPLOYER)
        .with_value(fee * U256::from(120) / U256::from(100))
        .with_input(deploy.abi_encode());
    let gas = provider
        .estimate_gas(request.clone())
        .await
        .expect("deployment gas is estimated");
    let receipt = provider
        .send_transaction(request.with_gas_limit(gas))
        .await
        .expect("sent")
        .get_receipt()
        .await
        .expect("mined");

    // Then the receipt names the program, which answers with its constructor's count.
    assert!(receipt.status(), "{receipt:?}");
    let program = receipt
        .inner
        .logs()
        .iter()
        .find_map(|log| StylusDeployer::ContractDeployed::decode_log_data(log.data()).ok())
        .expect("ContractDeployed in the receipt")
        .deployedContract;
    let answer = provider
        .call(
            TransactionRequest::default()
                .with_to(program)
                .with_input(countCall {}.abi_encode()),
        )
        .await
        .expect("count() answers");
    assert_eq!(U256::from_be_slice(&answer), U256::from(5));
    node.shutdown().await.expect("clean shutdown");
}
