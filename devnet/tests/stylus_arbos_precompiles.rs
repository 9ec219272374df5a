//! ArbSys, ArbGasInfo and ArbOwnerPublic answer the queries wallets and `cargo stylus`
//! make, with the values of a Nitro dev node.

use crate::stylus_support::{CHAIN_ID, TestChain, output};
use alloy::primitives::{Address, U256, address};
use alloy::sol;
use alloy::sol_types::{SolCall, SolError};
use devnet::evm::{ExecutionResult, Executor};
use devnet::stylus::Rules;
use revm::primitives::TxKind;

sol! {
    interface ArbSys {
        function arbBlockNumber() external view returns (uint256);
        function arbBlockHash(uint256 arbBlockNum) external view returns (bytes32);
        function arbChainID() external view returns (uint256);
        function arbOSVersion() external view returns (uint256);
        function isTopLevelCall() external view returns (bool);
        function mapL1SenderContractAddressToL2Alias(address sender, address unused) external pure returns (address);
        function withdrawEth(address destination) external payable returns (uint256);
        error InvalidBlockNumber(uint256 requested, uint256 current);
    }
    interface ArbGasInfo {
        function getPricesInWei() external view returns (uint256, uint256, uint256, uint256, uint256, uint256);
        function getPricesInArbGas() external view returns (uint256, uint256, uint256);
        function getMinimumGasPrice() external view returns (uint256);
        function getL1BaseFeeEstimate() external view returns (uint256);
        function getCurrentTxL1GasFees() external view returns (uint256);
    }
    interface ArbOwnerPublic {
        function isChainOwner(address addr) external view returns (bool);
        function getAllChainOwners() external view returns (address[] memory);
        function getNetworkFeeAccount() external view returns (address);
        function getMaxStylusContractFragments() external view returns (uint8);
    }
}

const ARB_SYS: Address = address!("0000000000000000000000000000000000000064");
const ARB_OWNER_PUBLIC: Address = address!("000000000000000000000000000000000000006b");
const ARB_GAS_INFO: Address = address!("000000000000000000000000000000000000006c");
const NITRO_DEV_ADDRESS: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");

fn ask<C: SolCall>(chain: &mut TestChain, to: Address, call: C) -> C::Return {
    let result = chain.call(to, call.abi_encode());
    assert!(result.is_success(), "{result:?}");
    C::abi_decode_returns(&output(&result)).expect("answer decodes")
}

#[test]
fn arb_sys_reports_the_block_number_chain_id_and_arbos_version() {
    let mut chain = TestChain::new();
    chain.block.number = U256::from(1234);

    assert_eq!(
        ask(&mut chain, ARB_SYS, ArbSys::arbBlockNumberCall {}),
        U256::from(1234)
    );
    assert_eq!(
        ask(&mut chain, ARB_SYS, ArbSys::arbChainIDCall {}),
        U256::from(CHAIN_ID)
    );
    assert_eq!(
        ask(&mut chain, ARB_SYS, ArbSys::arbOSVersionCall {}),
        U256::from(55 + 61),
        "ArbOS 61, reported with Nitro's offset of 55"
    );
    assert!(ask(&mut chain, ARB_SYS, ArbSys::isTopLevelCallCall {}));
}

#[test]
fn arb_sys_reports_the_arbos_version_the_chain_runs() {
    for version in [40, 51, 61] {
        let mut chain = TestChain::with_rules(Rules::new(version, false).expect("supported"));

        let reported = ask(&mut chain, ARB_SYS, ArbSys::arbOSVersionCall {});

        assert_eq!(reported, U256::from(55 + version));
    }
}

#[test]
fn arb_block_hash_sees_recent_blocks_and_names_the_error_for_others() {
    let mut chain = TestChain::new();
    chain.block.number = U256::from(300);
    let hash = revm::primitives::B256::repeat_byte(0xab);
    chain.db.cache.block_hashes.insert(U256::from(299), hash);

    let recent = ask(
        &mut chain,
        ARB_SYS,
        ArbSys::arbBlockHashCall {
            arbBlockNum: U256::from(299),
        },
    );
    let future = chain.call(
        ARB_SYS,
        ArbSys::arbBlockHashCall {
            arbBlockNum: U256::from(300),
        }
        .abi_encode(),
    );
    let too_old = chain.call(
        ARB_SYS,
        ArbSys::arbBlockHashCall {
            arbBlockNum: U256::from(43),
        }
        .abi_encode(),
    );

    assert_eq!(recent, hash);
    for (result, requested) in [(future, 300), (too_old, 43)] {
        let error = ArbSys::InvalidBlockNumber::abi_decode(&output(&result)).expect("named error");
        assert_eq!(
            (error.requested, error.current),
            (U256::from(requested), U256::from(300))
        );
    }
}

#[test]
fn l1_aliasing_adds_the_arbitrum_offset() {
    let mut chain = TestChain::new();

    let alias = ask(
        &mut chain,
        ARB_SYS,
        ArbSys::mapL1SenderContractAddressToL2AliasCall {
            sender: address!("ffffffffffffffffffffffffffffffffffffffff"),
            unused: Address::ZERO,
        },
    );

    assert_eq!(alias, address!("1111000000000000000000000000000000001110"));
}

#[test]
fn arb_gas_info_prices_l2_gas_at_the_base_fee_and_l1_data_at_the_l1_estimate() {
    let mut chain = TestChain::new();
    let basefee = U256::from(chain.block.basefee);
    let l1_price = U256::from(devnet::evm::l1::DEFAULT_L1_BASE_FEE);

    let wei = ask(&mut chain, ARB_GAS_INFO, ArbGasInfo::getPricesInWeiCall {});
    let gas = ask(
        &mut chain,
        ARB_GAS_INFO,
        ArbGasInfo::getPricesInArbGasCall {},
    );
    let estimate = ask(
        &mut chain,
        ARB_GAS_INFO,
        ArbGasInfo::getL1BaseFeeEstimateCall {},
    );

    assert_eq!(estimate, l1_price);
    assert_eq!(wei._1, l1_price * U256::from(16), "16 L1 gas per byte");
    assert_eq!(
        wei._0,
        wei._1 * U256::from(140),
        "a simple transaction is 140 bytes"
    );
    assert_eq!(wei._2, basefee * U256::from(20_000));
    assert_eq!(wei._5, basefee);
    assert_eq!(wei._3 + wei._4, wei._5, "base plus congestion is the total");
    assert_eq!(
        (gas._0, gas._1, gas._2),
        (wei._0 / basefee, wei._1 / basefee, U256::from(20_000))
    );
    assert_eq!(
        ask(
            &mut chain,
            ARB_GAS_INFO,
            ArbGasInfo::getMinimumGasPriceCall {}
        ),
        U256::from(100_000_000)
    );
    assert_eq!(
        ask(
            &mut chain,
            ARB_GAS_INFO,
            ArbGasInfo::getCurrentTxL1GasFeesCall {}
        ),
        U256::ZERO,
        "nothing posted outside the node"
    );
}

#[test]
fn arb_owner_public_names_the_dev_chain_owner_and_the_fragment_limit() {
    let mut chain = TestChain::new();
    let sender = chain.sender;

    assert!(ask(
        &mut chain,
        ARB_OWNER_PUBLIC,
        ArbOwnerPublic::isChainOwnerCall {
            addr: NITRO_DEV_ADDRESS
        }
    ));
    assert!(!ask(
        &mut chain,
        ARB_OWNER_PUBLIC,
        ArbOwnerPublic::isChainOwnerCall { addr: sender }
    ));
    assert_eq!(
        ask(
            &mut chain,
            ARB_OWNER_PUBLIC,
            ArbOwnerPublic::getAllChainOwnersCall {}
        ),
        vec![NITRO_DEV_ADDRESS]
    );
    assert_eq!(
        ask(
            &mut chain,
            ARB_OWNER_PUBLIC,
            ArbOwnerPublic::getNetworkFeeAccountCall {}
        ),
        address!("00000000000000000000000000000000000a4b05")
    );
    assert_eq!(
        ask(
            &mut chain,
            ARB_OWNER_PUBLIC,
            ArbOwnerPublic::getMaxStylusContractFragmentsCall {}
        ),
        2,
        "ArbOS 60+ lets a root program merge two fragments"
    );
    let mut arbos_51 = TestChain::with_rules(Rules::new(51, false).expect("supported"));
    assert_eq!(
        ask(
            &mut arbos_51,
            ARB_OWNER_PUBLIC,
            ArbOwnerPublic::getMaxStylusContractFragmentsCall {}
        ),
        0
    );
}

#[test]
fn methods_that_need_an_l1_or_value_sent_to_views_revert_without_data_and_burn_the_gas() {
    let mut chain = TestChain::new();

    let withdraw = chain.send(
        TxKind::Call(ARB_SYS),
        ArbSys::withdrawEthCall {
            destination: chain.sender,
        }
        .abi_encode(),
        U256::from(1),
        1_000_000,
    );
    let paid_view = chain.send(
        TxKind::Call(ARB_SYS),
        ArbSys::arbBlockNumberCall {}.abi_encode(),
        U256::from(1),
        1_000_000,
    );

    // Nitro's dispatcher refuses these before any method runs: no data, all gas kept by it.
    for result in [withdraw, paid_view] {
        assert!(
            matches!(result, ExecutionResult::Revert { .. }),
            "{result:?}"
        );
        assert!(output(&result).is_empty());
        assert_eq!(result.tx_gas_used(), 1_000_000);
    }
}

#[test]
fn the_precompiles_have_code_so_solidity_calls_them() {
    let mut chain = TestChain::new();

    Executor::install_system_accounts(&mut chain.db);

    for address in [ARB_SYS, ARB_OWNER_PUBLIC, ARB_GAS_INFO] {
        assert_eq!(chain.code(address).as_ref(), &[0xFE], "{address}");
    }
}
