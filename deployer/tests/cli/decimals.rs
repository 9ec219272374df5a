//! A 6-decimal asset end to end: the manifest records the decimals, amounts are typed and
//! printed in them, and status reads in them.

use super::support::deployment;

const DEPOSITOR: usize = 2;

#[test]
fn a_six_decimal_asset_deploys_deposits_and_reports_in_its_own_units() {
    // Given the deployment with a USDC-like mock of 6 decimals
    let d = deployment();
    let manifest = d.manifest_json();
    let usdc = &manifest["vaults"][1]["asset"];
    assert_eq!(usdc["symbol"], "USDC");
    assert_eq!(usdc["decimals"], 6);
    assert_eq!(manifest["vaults"][0]["asset"]["decimals"], 18);

    // When account 2 mints 1,000 and deposits 1.5 of it
    let as_depositor = |args: &[&str]| d.lrt_as(DEPOSITOR, args);
    as_depositor(&["mint", "1000", "--vault", "rUSDC"]).expect(0);
    let deposited = as_depositor(&["deposit", "1.5", "--vault", "rUSDC", "--json"])
        .expect(0)
        .json();

    // Then 1.5 is 1,500,000 base units, and shares start 1:1
    assert_eq!(deposited["assets"], "1500000", "{deposited:#}");
    assert_eq!(deposited["shares"], "1500000", "{deposited:#}");

    // And status reads the vault in 6 decimals, as JSON and for people
    let status = d
        .lrt(&["status", "--vault", "rUSDC", "--json"])
        .expect(0)
        .json();
    let vault = &status["vaults"][0];
    assert_eq!(vault["symbol"], "rUSDC");
    assert_eq!(vault["decimals"], 6);
    assert_eq!(vault["totalAssets"], "1500000");
    assert_eq!(vault["rate"], "1000000", "one share is worth one USDC");
    assert_eq!(
        vault["tvlCap"], "1000000500000",
        "the cap was converted with 6 decimals"
    );
    let text = d.lrt(&["status", "--vault", "rUSDC"]).expect(0).stdout;
    assert!(text.contains("1.5 USDC"), "{text}");
    assert!(text.contains("1,000,000.5"), "{text}");
    assert!(
        !text.contains("rstETH —"),
        "--vault shows only that vault: {text}"
    );

    // And an amount finer than the token is refused as input
    let run = as_depositor(&["deposit", "0.0000001", "--vault", "rUSDC"]).expect(64);
    assert!(
        run.stderr.contains("has 7 decimals; USDC has 6"),
        "{run:#?}"
    );
}
