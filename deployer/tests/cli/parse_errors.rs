//! A typo is bad input (exit 64, not 2, which means a revert) and the message says what is
//! wrong with the value.

use super::support::lrt;

fn refused(args: &[&str], says: &str) {
    let run = lrt(args).expect(64);
    assert!(run.stderr.contains(says), "expected `{says}` in: {run:#?}");
}

#[test]
fn bad_amounts_say_what_is_wrong_with_them() {
    refused(&["deposit", "--", "-5"], "amounts cannot be negative");
    refused(&["deposit", "abc"], "`abc` is not a token amount");
    refused(&["deposit", "1.5.5"], "more than one decimal point");
}

#[test]
fn a_bad_address_names_the_offending_character_or_length() {
    refused(
        &["deposit", "1", "--receiver", "0xzz"],
        "`z` is not a hex digit",
    );
    refused(
        &["operator", "optin", "0x1234"],
        "has 4 hex digits, an address has 40",
    );
}

#[test]
fn request_ids_fractions_and_unknown_flags_are_refused_as_input() {
    refused(&["withdraw", "claim", "abc"], "`abc` is not a request id");
    let operator = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    refused(
        &[
            "avs",
            "slash",
            "--avs",
            operator,
            "--operator",
            operator,
            "150%",
        ],
        "`150%` is above 100%",
    );
    refused(&["deposit", "1", "--bogus"], "--bogus");
}

#[test]
fn a_short_slash_id_is_accepted_and_a_long_one_is_refused() {
    let operator = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    let long = format!("0x{}", "1".repeat(65));
    refused(
        &[
            "avs",
            "slash",
            "--avs",
            operator,
            "--operator",
            operator,
            "10%",
            "--id",
            &long,
        ],
        "an id has 1 to 64",
    );
    // 0x01 parses; the command then stops at the missing manifest, not at the id.
    let run = lrt(&[
        "avs",
        "slash",
        "--avs",
        operator,
        "--operator",
        operator,
        "10%",
        "--id",
        "0x01",
        "--manifest",
        "/nonexistent.json",
    ])
    .expect(64);
    assert!(run.stderr.contains("no deployment manifest"), "{run:#?}");
}

#[test]
fn a_private_key_of_zeros_is_called_an_invalid_key_not_bad_hex() {
    let zeros = format!("0x{}", "0".repeat(64));
    refused(
        &["status", "--private-key", &zeros],
        "valid hex but not a valid secp256k1 key",
    );
    refused(
        &["status", "--private-key", "0x1234"],
        "the private key is 2 bytes",
    );
}

#[test]
fn the_zero_address_as_new_admin_needs_cancel() {
    let zero = format!("0x{}", "0".repeat(40));
    refused(
        &["admin", "transfer", &zero],
        "run `lrt admin transfer --cancel`",
    );
}

#[test]
fn the_old_top_level_spellings_still_parse() {
    for args in [
        &["optin", "0x1234"][..],
        &["allocate", "0x1234", "10%"],
        &["delegate", "0x1234", "10%"],
    ] {
        refused(args, "an address has 40");
    }
}

#[test]
fn commands_without_a_chain_do_not_take_chain_flags() {
    refused(&["build", "--rpc-url", "http://x"], "--rpc-url");
    refused(&["devnet", "--private-key", "0x01"], "--private-key");
}
