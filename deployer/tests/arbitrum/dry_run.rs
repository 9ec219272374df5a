//! `--dry-run`: every transaction simulated and priced, none sent.

use deployer::abi::stylus::STYLUS_DEPLOYER;

use super::support::{Node, config_file};
use crate::cli::support::{deployment, lrt};

#[test]
fn a_dry_run_of_deploy_lists_what_deploy_then_sends_and_sends_nothing() {
    // Given a fresh devnet and the test config
    let node = Node::start(devnet::Config::ephemeral());
    let (config, manifest) = config_file("dry-run");
    let config = config.to_string_lossy().into_owned();
    let before = node.account_state();

    // When deploy runs dry
    let plan = node
        .lrt(
            &manifest,
            &["deploy", "--config", &config, "--dry-run", "--json"],
        )
        .expect(0)
        .json();

    // Then nothing was sent: same nonce, same balance, no manifest
    assert_eq!(node.account_state(), before);
    assert!(!manifest.exists());
    // And each transaction has a gas estimate with its L1 part and a cost
    let txs = plan["transactions"].as_array().expect("transactions");
    for tx in txs {
        let total = tx["gas"]["total"].as_u64().unwrap();
        let l1 = tx["gas"]["l1"].as_u64().unwrap();
        assert!(l1 > 0 && total > l1, "{tx:#}");
        assert_ne!(tx["gas"]["baseFee"], "0", "{tx:#}");
    }
    assert_eq!(txs[0]["what"], "deploy hub");
    assert_eq!(txs[0]["to"], format!("{STYLUS_DEPLOYER:#x}"));
    // StylusDeployer.deploy(bytes,bytes,uint256,bytes32)
    assert_eq!(txs[0]["selector"], "0xa9a8e4e9");
    assert!(
        plan["valueWei"].as_str().unwrap() != "0",
        "activation fees: {plan:#}"
    );

    // When deploy then runs for real
    let report = node
        .lrt(&manifest, &["deploy", "--config", &config, "--json"])
        .expect(0)
        .json();

    // Then it sent as many transactions, to the contracts the plan predicted
    let m = &report["manifest"];
    let vaults = m["vaults"].as_array().unwrap();
    let deploys = 1 + 3 * vaults.len();
    assert_eq!(txs.len(), deploys + m["wiring"].as_array().unwrap().len());
    let set_hub = txs.iter().find(|t| t["what"] == "rstETH.setHub").unwrap();
    assert_eq!(set_hub["to"], vaults[0]["vault"]["address"]);
    // And the plan's gas is the deploy's within the L1 estimate's padding
    let planned = plan["totalGas"].as_u64().unwrap();
    let used = m["totalGas"].as_u64().unwrap();
    eprintln!("dry run: planned gas {planned}, deploy used {used}");
    assert!(
        planned >= used && planned <= used + used / 10,
        "planned {planned}, used {used}"
    );
}

#[test]
fn a_dry_run_prints_a_table_and_the_total() {
    // Given the shared devnet and a manifest path nothing was deployed to
    let d = deployment();
    let (config, manifest) = config_file("dry-run-table");
    let (config, manifest) = (config.to_string_lossy(), manifest.to_string_lossy());

    let run = lrt(&[
        "deploy",
        "--config",
        &config,
        "--dry-run",
        "--rpc-url",
        &d.rpc_url,
        "--manifest",
        &manifest,
        "--private-key",
        d.key(7),
    ])
    .expect(0);

    assert!(run.stdout.contains("dry run: nothing was sent"), "{run:#?}");
    assert!(run.stdout.contains("deploy vault rstETH"), "{run:#?}");
    assert!(
        run.stdout.contains("ETH at the current base fee"),
        "{run:#?}"
    );
}

#[test]
fn a_dry_run_of_a_deposit_simulates_approval_then_deposit_and_sends_neither() {
    // Given account 9 holding the mock asset (minted for real)
    const ACCOUNT: usize = 9;
    let d = deployment();
    d.lrt_as(ACCOUNT, &["mint", "5"]).expect(0);
    let nonce = |key: &str| {
        super::support::block_on(async {
            let wallet = deployer::chain::Wallet::connect(&d.rpc_url, key).unwrap();
            alloy::providers::Provider::get_transaction_count(wallet.provider(), wallet.address())
                .await
                .unwrap()
        })
    };
    let before = nonce(d.key(ACCOUNT));

    // When it deposits dry
    let plan = d
        .lrt_as(ACCOUNT, &["deposit", "2", "--dry-run", "--json"])
        .expect(0)
        .json();

    // Then the approval and the deposit, the deposit simulated after the approval, are listed
    let whats: Vec<&str> = plan["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "approve rstETH to pull stETH",
            "deposit 2 stETH into rstETH"
        ]
    );
    // And nothing was sent
    assert_eq!(nonce(d.key(ACCOUNT)), before);
}

#[test]
fn dry_runs_of_the_role_commands_list_one_transaction_each_and_send_nothing() {
    // Given account 8 holding 3 rstETH (deposited for real) and accounts 6 and 7 with nothing
    const HOLDER: usize = 8;
    let d = deployment();
    d.lrt_as(HOLDER, &["mint", "3"]).expect(0);
    d.lrt_as(HOLDER, &["deposit", "3"]).expect(0);
    let nonce = |account: usize| {
        super::support::block_on(async {
            let wallet = deployer::chain::Wallet::connect(&d.rpc_url, d.key(account)).unwrap();
            alloy::providers::Provider::get_transaction_count(wallet.provider(), wallet.address())
                .await
                .unwrap()
        })
    };
    let accounts = [0, 6, 7, HOLDER];
    let before: Vec<u64> = accounts.iter().map(|&a| nonce(a)).collect();
    let new_admin = "0x00000000000000000000000000000000000000a1";

    // When each role's command runs dry
    let runs: [(usize, &[&str]); 4] = [
        (HOLDER, &["withdraw", "request", "1"]),
        (7, &["operator", "register"]),
        (6, &["avs", "register"]),
        (0, &["admin", "transfer", new_admin]),
    ];
    for (account, args) in runs {
        let mut args = args.to_vec();
        args.extend(["--dry-run", "--json"]);
        let plan = d.lrt_as(account, &args).expect(0).json();
        // Then each plan lists its transactions, each with the gas it would use
        let transactions = plan["transactions"].as_array().unwrap();
        assert!(!transactions.is_empty(), "{args:?}: {plan:#}");
        for t in transactions {
            let gas = t["gas"]["total"].as_u64().unwrap_or(0);
            assert!(gas > 21_000, "{args:?}: {t:#}");
        }
    }
    // And nothing was sent by anyone
    let after: Vec<u64> = accounts.iter().map(|&a| nonce(a)).collect();
    assert_eq!(after, before);
    // And the holder has no request open
    let listed = d
        .lrt_as(HOLDER, &["withdraw", "list", "--json"])
        .expect(0)
        .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed:#}");
}
