//! `lrt` finds the contracts it builds and deploys from the working directory (or
//! `--artifacts`), not from where the binary was compiled.

use super::support::{checkout, command, run};

/// A working directory outside any checkout.
fn elsewhere() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lrt-elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn outside_a_checkout_build_says_where_it_looked() {
    let dir = elsewhere();
    let mut cmd = command(&["build"]);
    cmd.current_dir(&dir);

    let run = run(cmd).expect(64);

    assert!(run.stderr.contains("no stylus-lrt checkout"), "{run:#?}");
    assert!(
        run.stderr.contains(&dir.display().to_string()),
        "the message names the directory it searched: {run:#?}"
    );
    assert!(run.stderr.contains("--artifacts"), "{run:#?}");
}

#[test]
fn artifacts_names_the_checkout_from_another_directory() {
    let root = checkout();
    let mut cmd = command(&["build", "--json", "--artifacts", root.to_str().unwrap()]);
    cmd.current_dir(elsewhere());

    let finished = run(cmd).expect(0);
    let built = finished.json();

    // (the build's progress is for terminals only: nothing of it reaches a pipe)
    assert!(!finished.stderr.contains('\x1b'), "{finished:#?}");

    let contracts = built.as_array().expect("one entry per contract");
    assert_eq!(contracts.len(), 3);
    for c in contracts {
        let wasm = c["wasm"].as_str().unwrap();
        assert!(
            wasm.starts_with(&root.join("target/lrt/contracts").display().to_string()),
            "{wasm} is not under the named checkout"
        );
    }
}

#[test]
fn a_directory_that_is_no_checkout_is_refused_as_artifacts() {
    let mut cmd = command(&["build", "--artifacts", elsewhere().to_str().unwrap()]);
    cmd.current_dir(elsewhere());

    let run = run(cmd).expect(64);

    assert!(run.stderr.contains("not a stylus-lrt checkout"), "{run:#?}");
}

#[test]
fn deploy_finds_the_checkout_from_its_config_file_when_run_elsewhere() {
    // Given the shared deployment, whose config lives inside the checkout's target/
    let d = super::support::deployment();
    let mut cmd = command(&[
        "deploy",
        "--json",
        "--config",
        d.config.to_str().unwrap(),
        "--manifest",
        d.manifest.to_str().unwrap(),
        "--rpc-url",
        &d.rpc_url,
    ]);
    // When deploy runs from a directory outside any checkout
    cmd.current_dir(elsewhere());

    // Then it finds the checkout from the config's directory and verifies the deployment
    let report = run(cmd).expect(0).json();
    assert_eq!(report["deployed"], false, "{report:#}");
    assert!(report["checks"].as_array().is_some_and(|c| !c.is_empty()));
}
