//! `lrt demo` runs the whole story without a failed step, and it is the README's main command.

use deployer::{build, output::Out, units::WAD};

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_tells_the_whole_story_on_an_in_process_devnet() {
    let report = deployer::demo::run(&Out::new(true))
        .await
        .expect("every step of the demo succeeds");

    assert!(
        report.rate_after_rewards > report.rate_after_deposits,
        "rewards raise the rate"
    );
    assert!(
        report.rate_after_slash < report.rate_after_rewards,
        "the slash lowers it"
    );
    assert!(report.borrower_health_before_slash >= WAD);
    assert!(
        report.borrower_health_after_slash < WAD,
        "the slash makes the loan liquidatable"
    );
    assert!(!report.liquidation_seized_shares.is_zero());
    assert!(report.withdrawal_paid_assets <= report.withdrawal_requested_assets);
    assert!(report.deploy_gas > 0);
}

#[test]
fn the_readme_and_the_main_script_lead_with_lrt_demo() {
    let root = build::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let first_command = readme
        .lines()
        .find(|l| l.starts_with("scripts/"))
        .expect("the README shows a command");
    assert!(
        first_command.starts_with("scripts/lrt.sh") && first_command.contains("demo"),
        "{first_command}"
    );
    let script = std::fs::read_to_string(root.join("scripts/lrt.sh")).unwrap();
    assert!(
        script.contains("set -- demo"),
        "scripts/lrt.sh does not default to the demo"
    );
}
