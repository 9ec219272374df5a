//! `lrt deploy` on an existing deployment names each setting that drifted from the config, and
//! `lrt deploy --rewire` sends exactly those back, then nothing on a second run.

use super::support::{CONFIG, Deployment, cast, devnet};

#[test]
fn a_drifted_setting_is_named_by_deploy_and_sent_back_alone_by_rewire() {
    // Given a deployment of its own (the shared one must keep its settings) whose rUSDC caps
    // the admin changed behind the config's back
    let (rpc_url, keys) = devnet();
    let d = Deployment::deploy(rpc_url, keys, "rewire", CONFIG);
    let vault = d.manifest_json()["vaults"][1]["vault"]["address"]
        .as_str()
        .unwrap()
        .to_owned();
    cast(&[
        "send",
        &vault,
        "setCaps(uint256,uint256)",
        "5000000",
        "5000000",
        "--rpc-url",
        &d.rpc_url,
        "--private-key",
        d.key(0),
    ])
    .expect(0);
    let config = d.config.to_string_lossy().into_owned();

    // When deploy runs again with the manifest present
    let run = d.lrt(&["deploy", "--config", &config]).expect(64);
    // Then it refuses, naming the setting and pointing at --rewire
    assert!(run.stderr.contains("rUSDC TVL cap"), "{run:#?}");
    assert!(run.stderr.contains("lrt deploy --rewire"), "{run:#?}");

    // When it re-wires dry, the one call is listed and nothing is sent
    let plan = d
        .lrt(&[
            "deploy",
            "--config",
            &config,
            "--rewire",
            "--dry-run",
            "--json",
        ])
        .expect(0)
        .json();
    let planned: Vec<_> = plan["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["what"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(planned, ["rUSDC.setCaps"], "{plan:#}");
    d.lrt(&["deploy", "--config", &config]).expect(64);

    // When it re-wires
    let sent = d
        .lrt(&["deploy", "--config", &config, "--rewire", "--json"])
        .expect(0)
        .json();
    // Then only the caps were sent, in one call, back to the config's 1,000,000.5 USDC
    let whats: Vec<_> = sent["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tx| tx["what"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(whats, ["rUSDC.setCaps"], "{sent:#}");
    let cap = cast(&["call", &vault, "tvlCap()(uint256)", "--rpc-url", &d.rpc_url]).expect(0);
    assert!(cap.stdout.starts_with("1000000500000"), "{cap:#?}");

    // And the deployment verifies, and a second re-wire sends nothing
    d.lrt(&["deploy", "--config", &config]).expect(0);
    let again = d
        .lrt(&["deploy", "--config", &config, "--rewire", "--json"])
        .expect(0)
        .json();
    assert_eq!(again["sent"].as_array().map(Vec::len), Some(0), "{again:#}");
}

#[test]
fn rewire_without_a_deployment_says_to_deploy_first() {
    let (rpc_url, keys) = devnet();
    let dir = super::support::scratch("rewire-nothing");
    let config = dir.join("test.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let manifest = dir.join("none.json");
    let run = super::support::lrt(&[
        "deploy",
        "--config",
        config.to_str().unwrap(),
        "--rewire",
        "--manifest",
        manifest.to_str().unwrap(),
        "--rpc-url",
        &rpc_url,
        "--private-key",
        &keys[0],
    ])
    .expect(64);
    assert!(run.stderr.contains("no deployment to re-wire"), "{run:#?}");
    assert!(run.stderr.contains("without --rewire first"), "{run:#?}");
}
