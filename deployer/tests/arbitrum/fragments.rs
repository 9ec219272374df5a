//! Programs over one account's 24,576 bytes deploy as fragments behind a root from ArbOS 60,
//! and are refused before that with their size and the chain's version.

use alloy::providers::Provider;
use deployer::{abi::stylus::STYLUS_DEPLOYER, chain::Wallet, fragments, stylus};

use super::support::{call_with_len, data_program, noise};

async fn devnet_on(arbos: u64) -> (devnet::DevnetHandle, Wallet) {
    let node = devnet::Devnet::spawn(devnet::Config {
        arbos,
        ..devnet::Config::ephemeral()
    })
    .await
    .unwrap();
    let wallet =
        Wallet::with_signer(&node.endpoint(), node.accounts().signers()[0].clone()).unwrap();
    (node, wallet)
}

#[tokio::test(flavor = "multi_thread")]
async fn on_arbos_61_a_program_over_one_account_deploys_as_fragments_and_answers() {
    // Given a program of ~36 KB compressed
    let (_node, wallet) = devnet_on(61).await;
    let data = noise(36_000);
    let wasm = data_program(&data);
    let size = stylus::program_code(&wasm).len();
    assert!(
        size > fragments::MAX_CODE_SIZE,
        "{size} bytes fit one account"
    );

    // When it is deployed
    let deployed = stylus::deploy(&wallet, &wasm, &[], "deploy big")
        .await
        .unwrap();

    // Then its account holds a root, and it answers from data in the second fragment
    let code = wallet
        .provider()
        .get_code_at(deployed.address)
        .await
        .unwrap();
    assert_eq!(&code[..3], &[0xEF, 0xF0, 0x02]);
    assert_eq!(
        call_with_len(&wallet, deployed.address, 30_000).await,
        [data[30_000]]
    );
    assert!(stylus::is_activated(&wallet, deployed.code_hash).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn on_arbos_51_a_program_over_one_account_is_refused_with_its_size_and_the_version() {
    let (_node, wallet) = devnet_on(51).await;
    let wasm = data_program(&noise(36_000));
    let size = stylus::program_code(&wasm).len();
    let nonce = wallet
        .provider()
        .get_transaction_count(wallet.address())
        .await
        .unwrap();

    let err = stylus::deploy(&wallet, &wasm, &[], "deploy big")
        .await
        .unwrap_err()
        .to_string();

    assert!(err.contains(&format!("{size} bytes compressed")), "{err}");
    assert!(err.contains("this chain runs ArbOS 51"), "{err}");
    assert!(err.contains("only from ArbOS 60"), "{err}");
    let after = wallet
        .provider()
        .get_transaction_count(wallet.address())
        .await
        .unwrap();
    assert_eq!(after, nonce, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_needing_more_fragments_than_arbitrum_allows_is_refused() {
    let (_node, wallet) = devnet_on(61).await;
    let wasm = data_program(&noise(60_000));

    let err = stylus::deploy(&wallet, &wasm, &[], "deploy huge")
        .await
        .unwrap_err()
        .to_string();

    assert!(
        err.contains("needs 3 fragments; Arbitrum allows 2"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_run_of_a_fragmented_deploy_lists_fragments_and_root_and_sends_nothing() {
    // Given a program over one account, on ArbOS 61
    let (_node, wallet) = devnet_on(61).await;
    let wasm = data_program(&noise(36_000));
    let nonce = wallet
        .provider()
        .get_transaction_count(wallet.address())
        .await
        .unwrap();

    // When its deploy runs dry
    let (dry, recorder) = wallet.dry_run();
    let deployed = stylus::deploy(&dry, &wasm, &[], "deploy big")
        .await
        .unwrap();
    let plan = recorder.plan().await;

    // Then the plan holds both fragments, then the root through the factory
    let whats: Vec<&str> = plan.transactions.iter().map(|t| t.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "deploy big: fragment 1/2",
            "deploy big: fragment 2/2",
            "deploy big"
        ]
    );
    assert_eq!(plan.transactions[2].to, Some(STYLUS_DEPLOYER));
    assert!(!plan.value_wei.is_zero(), "the root's activation fee");
    // And nothing reached the chain
    let after = wallet
        .provider()
        .get_transaction_count(wallet.address())
        .await
        .unwrap();
    assert_eq!(after, nonce);
    assert!(
        wallet
            .provider()
            .get_code_at(deployed.address)
            .await
            .unwrap()
            .is_empty()
    );
}

/// A built contract of `data_program(noise(len))`, as `lrt build` describes one.
fn built(name: &str, len: usize) -> deployer::build::BuiltContract {
    let dir = crate::cli::support::scratch(name);
    let wasm = data_program(&noise(len));
    let wasm_path = dir.join(format!("{name}.wasm"));
    std::fs::write(&wasm_path, &wasm).unwrap();
    deployer::build::BuiltContract {
        name: name.to_owned(),
        wasm_path,
        wasm_size: wasm.len(),
        compressed_size: stylus::program_code(&wasm).len(),
    }
}

#[test]
fn the_build_refuses_a_contract_over_one_account_unless_fragments_are_allowed() {
    let big = built("big", 36_000);
    let huge = built("huge", 60_000);

    let strict = deployer::build::check_sizes(std::slice::from_ref(&big)).unwrap_err();
    deployer::build::check_fragment_sizes(std::slice::from_ref(&big)).unwrap();
    let too_big = deployer::build::check_fragment_sizes(&[huge]).unwrap_err();

    assert!(
        strict
            .to_string()
            .contains("over the 24576-byte Stylus limit"),
        "{strict}"
    );
    assert!(
        too_big
            .to_string()
            .contains("3 fragments, Arbitrum allows 2"),
        "{too_big}"
    );
}
