//! Colour reaches a terminal only, and never with NO_COLOR set. A terminal is made with
//! util-linux `script`, which runs the command on a pseudo-terminal.

use std::process::Command;

use super::support::{deployment, lrt, run};

const ESC: char = '\x1b';

#[test]
fn piped_output_has_no_escape_codes() {
    let d = deployment();

    let ok = d.lrt(&["status"]).expect(0);
    let failed = lrt(&["status", "--manifest", "/nonexistent.json"]).expect(64);

    for text in [&ok.stdout, &ok.stderr, &failed.stdout, &failed.stderr] {
        assert!(!text.contains(ESC), "escape code in piped output: {text:?}");
    }
    assert!(failed.stderr.starts_with("error: "), "{failed:#?}");
}

/// `lrt status` on a missing manifest, on a terminal: its error line.
fn on_a_terminal(no_color: Option<&str>) -> String {
    let lrt = env!("CARGO_BIN_EXE_lrt");
    let mut cmd = Command::new("script");
    cmd.args([
        "--quiet",
        "--return",
        "--command",
        &format!("{lrt} status --manifest /nonexistent.json"),
        "/dev/null",
    ])
    .env_remove("NO_COLOR");
    if let Some(value) = no_color {
        cmd.env("NO_COLOR", value);
    }
    let run = run(cmd).expect(64);
    run.stdout
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    assert!(
        on_a_terminal(None).contains(ESC),
        "a terminal should get colour"
    );
    let plain = on_a_terminal(Some("1"));
    assert!(!plain.contains(ESC), "NO_COLOR=1 still coloured: {plain:?}");
    assert!(plain.contains("no deployment manifest"), "{plain:?}");
}
