//! `--network`: a named chain's endpoint and a refusal, in one line, of a node of another chain.

use super::support::Node;
use crate::cli::support::{command, deployment, run};

#[test]
fn a_node_of_another_chain_than_the_network_is_refused_in_one_line() {
    // Given the devnet deployment (chain 412346)
    let d = deployment();

    // When a command names Arbitrum One but points at the devnet
    let run = d.lrt(&["status", "--network", "arbitrum-one"]).expect(64);

    // Then it stops with both chain ids and the network that node is
    let message = run.stderr.trim();
    assert_eq!(message.lines().count(), 1, "{run:#?}");
    assert!(
        message.contains("--network arbitrum-one expects chain id 42161"),
        "{run:#?}"
    );
    assert!(message.contains("is chain 412346"), "{run:#?}");
    assert!(message.contains("pass --network devnet"), "{run:#?}");
}

#[test]
fn the_devnet_profile_accepts_the_devnet() {
    let d = deployment();

    let run = d
        .lrt(&["status", "--network", "devnet", "--json"])
        .expect(0);

    assert_eq!(run.json()["chainId"], 412_346, "{run:#?}");
}

#[test]
fn a_network_takes_its_endpoint_from_its_variable() {
    // Given ARBITRUM_SEPOLIA_RPC_URL naming the devnet, and no --rpc-url
    let d = deployment();
    let manifest = d.manifest.to_string_lossy().into_owned();
    let mut cmd = command(&[
        "status",
        "--network",
        "arbitrum-sepolia",
        "--manifest",
        &manifest,
    ]);
    cmd.env("ARBITRUM_SEPOLIA_RPC_URL", &d.rpc_url);

    // When the command runs, it reached the devnet through the variable
    let run = run(cmd).expect(64);

    assert!(
        run.stderr.contains(&format!("the node at {}", d.rpc_url)),
        "{run:#?}"
    );
    assert!(run.stderr.contains("expects chain id 421614"), "{run:#?}");
}

#[test]
fn a_public_network_refuses_the_devnet_key_and_takes_a_real_one() {
    // Given a node that answers as Arbitrum Sepolia
    let node = Node::start(devnet::Config {
        chain_id: 421_614,
        ..devnet::Config::ephemeral()
    });
    let missing = std::env::temp_dir().join("lrt-no-such-manifest.json");
    let missing = missing.to_string_lossy().into_owned();
    let args = [
        "status",
        "--network",
        "arbitrum-sepolia",
        "--rpc-url",
        &node.rpc_url,
        "--manifest",
        &missing,
    ];

    // When a command runs without --private-key, it refuses the devnet's public key
    let keyless = run(command(&args)).expect(64);
    assert!(
        keyless
            .stderr
            .contains("no --private-key for Arbitrum Sepolia"),
        "{keyless:#?}"
    );

    // And with a key it gets past the network checks (to the missing manifest)
    let mut with_key = args.to_vec();
    with_key.extend(["--private-key", &node.keys[1]]);
    let keyed = run(command(&with_key)).expect(64);
    assert!(
        keyed.stderr.contains("lrt-no-such-manifest.json"),
        "{keyed:#?}"
    );
    assert!(!keyed.stderr.contains("private-key"), "{keyed:#?}");
}
