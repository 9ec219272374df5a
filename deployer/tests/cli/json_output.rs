//! `--json` prints one JSON document on stdout, amounts as decimal strings of base units.

use super::support::deployment;

#[test]
fn status_json_has_the_chain_and_every_vault_with_string_amounts() {
    let d = deployment();

    let status = d.lrt(&["status", "--json"]).expect(0).json();

    assert!(status["chainId"].is_u64(), "{status:#}");
    assert!(status["block"].is_u64(), "{status:#}");
    assert!(status["hub"].as_str().is_some_and(|h| h.starts_with("0x")));
    let vaults = status["vaults"].as_array().expect("a vaults array");
    let symbols: Vec<&str> = vaults.iter().filter_map(|v| v["symbol"].as_str()).collect();
    assert_eq!(symbols, ["rstETH", "rUSDC"]);
    for v in vaults {
        for key in ["totalAssets", "totalSupply", "rate", "tvlCap"] {
            let value = v[key].as_str().unwrap_or_else(|| panic!("{key}: {v:#}"));
            assert!(
                value.parse::<u128>().is_ok() || value.len() > 38,
                "{key}={value}"
            );
        }
        assert!(v["decimals"].is_u64() && v["exposure"].is_array(), "{v:#}");
    }
}

#[test]
fn a_transaction_command_prints_its_result_and_transaction_and_no_progress() {
    let d = deployment();

    let run = d.lrt_as(5, &["mint", "3", "--json"]).expect(0);
    let sent = run.json();

    assert!(
        sent["hash"].as_str().is_some_and(|h| h.len() == 66),
        "{sent:#}"
    );
    assert!(
        sent["gasUsed"].is_u64() && sent["block"].is_u64(),
        "{sent:#}"
    );
    assert_eq!(run.stderr, "", "--json keeps stderr quiet");
}
