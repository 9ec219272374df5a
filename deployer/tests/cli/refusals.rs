//! What the chain would refuse with a bare revert is refused before any transaction, with
//! the reason in numbers: balances, shares, unlock times, and a manifest of another chain.

use super::support::{deployment, scratch};

const HOLDER: usize = 3;

#[test]
fn deposits_requests_and_claims_beyond_what_is_held_or_unlocked_say_why() {
    // Given account 3 holding 899 stETH
    let d = deployment();
    let as_holder = |args: &[&str]| d.lrt_as(HOLDER, args);
    as_holder(&["mint", "899"]).expect(0);

    // When it deposits more than it holds
    let run = as_holder(&["deposit", "5000"]).expect(64);
    // Then it is told what it holds
    assert!(run.stderr.contains("you hold 899 stETH"), "{run:#?}");

    // Given 10 stETH deposited
    as_holder(&["deposit", "10"]).expect(0);
    // When it asks to redeem more shares than it holds
    let run = as_holder(&["withdraw", "request", "100000"]).expect(64);
    assert!(run.stderr.contains("you hold 10 rstETH"), "{run:#?}");

    // When it claims a request before the 2-day delay
    let requested = as_holder(&["withdraw", "request", "5", "--json"])
        .expect(0)
        .json();
    let id = requested["requestId"]
        .as_str()
        .expect("a request id")
        .to_owned();
    let run = as_holder(&["withdraw", "claim", &id]).expect(64);
    // Then it is told when the request unlocks, as a countdown and a date
    // (2 d, or 1 d 23 h once other tests have mined later blocks)
    assert!(
        run.stderr
            .contains(&format!("request #{id} of rstETH unlocks in 2 d"))
            || run
                .stderr
                .contains(&format!("request #{id} of rstETH unlocks in 1 d 23 h")),
        "{run:#?}"
    );
    assert!(run.stderr.contains(" UTC)"), "{run:#?}");

    // And an id that was never issued is named as such
    let run = as_holder(&["withdraw", "claim", "999999"]).expect(64);
    assert!(run.stderr.contains("has no request #999999"), "{run:#?}");
}

#[test]
fn a_manifest_of_another_chain_is_refused_naming_both_chains() {
    let d = deployment();
    let mut manifest = d.manifest_json();
    let node_chain = manifest["chainId"].as_u64().unwrap();
    manifest["chainId"] = 31337.into();
    let stale = scratch("stale-manifest").join("stale.json");
    std::fs::write(&stale, manifest.to_string()).unwrap();

    let run = super::support::lrt(&[
        "status",
        "--rpc-url",
        &d.rpc_url,
        "--manifest",
        stale.to_str().unwrap(),
    ])
    .expect(64);

    assert!(
        run.stderr.contains(&format!(
            "is for chain 31337, node {} is {node_chain}",
            d.rpc_url
        )),
        "{run:#?}"
    );
}
