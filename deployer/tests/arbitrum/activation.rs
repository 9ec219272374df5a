//! Activation lifetimes: `lrt status` shows each program's age and warns before ArbOS
//! expires it; `lrt activate` keeps programs alive, or activates them again once expired.

use serde_json::Value;

use super::support::Node;

fn programs(status: &Value) -> &Vec<Value> {
    status["programs"].as_array().expect("a programs array")
}

/// The result `lrt activate --json` gave for `program`.
fn outcome<'a>(results: &'a Value, program: &str) -> &'a Value {
    let row = results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["program"] == program);
    &row.unwrap_or_else(|| panic!("no result for {program}: {results:#}"))["result"]
}

#[test]
fn programs_near_expiry_are_flagged_kept_alive_and_once_expired_activated_again() {
    // Given a fresh deployment on a devnet of its own (the test moves its clock)
    let node = Node::start(devnet::Config::ephemeral());
    let manifest = node.deploy("activation");
    let lrt = |args: &[&str]| node.lrt(&manifest, args);

    // Then its programs were just activated, and nothing needs doing
    let status = lrt(&["status", "--json"]).expect(0).json();
    assert_eq!(programs(&status).len(), 5, "{status:#}");
    for p in programs(&status) {
        assert_eq!(p["state"], "active", "{p:#}");
        assert!(p["ageSecs"].as_u64().unwrap() < 3_600, "{p:#}");
        assert_eq!(p["version"], 2, "{p:#}");
    }
    let early = lrt(&["activate", "--all"]).expect(0);
    assert!(
        early
            .stdout
            .contains("nothing sent: a keepalive is allowed after 31 d"),
        "{early:#?}"
    );

    // When 340 days pass, status warns: 25 days left, under the 30-day threshold
    node.warp_days(340);
    let warned = lrt(&["status"]).expect(0);
    assert!(
        warned.stdout.contains("warning: hub expires in 24 d"),
        "{warned:#?}"
    );
    assert!(
        warned.stdout.contains("run `lrt activate --all`"),
        "{warned:#?}"
    );

    // And activate keeps each code hash alive once, paying its data fee
    let kept = lrt(&["activate", "--all", "--json"]).expect(0).json();
    for name in ["hub", "rstETH", "rstETH queue"] {
        let result = outcome(&kept, name);
        assert_eq!(result["outcome"], "keptAlive", "{kept:#}");
        assert_ne!(result["dataFee"], "0", "{kept:#}");
    }
    assert_eq!(
        outcome(&kept, "rUSDC")["outcome"],
        "sharesActivationWith",
        "{kept:#}"
    );
    let status = lrt(&["status", "--json"]).expect(0).json();
    for p in programs(&status) {
        assert_eq!(p["state"], "active", "{p:#}");
        assert!(p["timeLeftSecs"].as_u64().unwrap() > 364 * 86_400, "{p:#}");
    }

    // When 400 days pass, the programs have expired: status says so and calls fail
    node.warp_days(400);
    let expired = lrt(&["status"]).expect(0);
    assert!(expired.stdout.contains("EXPIRED"), "{expired:#?}");
    assert!(
        expired.stdout.contains("warning: hub expired"),
        "{expired:#?}"
    );
    assert_ne!(
        lrt(&["deposit", "1"]).code,
        0,
        "an expired vault cannot answer"
    );

    // And activate activates them again: one first by name, then the rest
    let one = lrt(&["activate", "hub", "--json"]).expect(0).json();
    assert_eq!(outcome(&one, "hub")["outcome"], "activated", "{one:#}");
    let rest = lrt(&["activate", "--all", "--json"]).expect(0).json();
    assert_eq!(
        outcome(&rest, "hub")["outcome"],
        "tooSoonForKeepalive",
        "{rest:#}"
    );
    assert_eq!(outcome(&rest, "rstETH")["outcome"], "activated", "{rest:#}");
    assert_eq!(
        outcome(&rest, "rUSDC queue")["outcome"],
        "sharesActivationWith",
        "{rest:#}"
    );
    lrt(&["mint", "10"]).expect(0);
    lrt(&["deposit", "1"]).expect(0);
    let status = lrt(&["status", "--json"]).expect(0).json();
    assert!(
        status["vaults"].is_array(),
        "the vaults answer again: {status:#}"
    );
}

#[test]
fn activating_an_unknown_program_names_the_known_ones() {
    let d = crate::cli::support::deployment();

    let run = d.lrt(&["activate", "vault9"]).expect(64);

    assert!(
        run.stderr.contains("no program `vault9` in the manifest"),
        "{run:#?}"
    );
    assert!(run.stderr.contains("hub, rstETH, rstETH queue"), "{run:#?}");
}
