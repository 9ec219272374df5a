//! Each documented exit code, produced by the binary: 0 ok, 2 revert, 3 no Stylus, 64 bad
//! input, 69 node unreachable.

use std::{
    net::TcpStream,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use super::support::{checkout, deployment, free_port, lrt, scratch};

#[test]
fn a_successful_command_exits_0() {
    let d = deployment();
    d.lrt(&["status"]).expect(0);
    lrt(&["--help"]).expect(0);
}

#[test]
fn a_revert_exits_2_with_the_named_error() {
    // Given account 4, which is no AVS
    let d = deployment();
    let stranger = "0x000000000000000000000000000000000000dEaD";

    // When it accepts an operator as if it were one
    let run = d.lrt_as(4, &["avs", "accept", stranger]).expect(2);

    // Then the contract's error is named
    assert!(run.stderr.contains("reverted with"), "{run:#?}");
}

#[test]
fn a_chain_without_stylus_exits_3_before_sending_anything() {
    let anvil = Anvil::start();
    let dir = scratch("anvil");
    let config = dir.join("test.toml");
    std::fs::write(&config, super::support::CONFIG).unwrap();
    let manifest = dir.join("never-written.json");

    let run = lrt(&[
        "deploy",
        "--config",
        config.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
        "--rpc-url",
        &anvil.url,
    ])
    .expect(3);

    assert!(run.stderr.contains("cannot run Stylus"), "{run:#?}");
    assert!(!manifest.exists());
}

#[test]
fn bad_input_exits_64() {
    lrt(&["deposit", "abc"]).expect(64);
    lrt(&["status", "--no-such-flag"]).expect(64);
    lrt(&["status", "--manifest", "/nonexistent/manifest.json"]).expect(64);
}

#[test]
fn an_unreachable_node_exits_69() {
    let d = deployment();
    let manifest = d.manifest.to_str().unwrap();
    let url = format!("http://127.0.0.1:{}", free_port());

    let run = lrt(&["status", "--rpc-url", &url, "--manifest", manifest]).expect(69);

    assert!(run.stderr.contains("cannot reach the node"), "{run:#?}");
}

/// A real Anvil (no Stylus) on a free port, stopped when dropped.
struct Anvil {
    child: Child,
    url: String,
}

impl Anvil {
    fn start() -> Self {
        let port = free_port();
        let binary = checkout().join("node_modules/.bin/anvil");
        let child = Command::new(&binary)
            .args(["--port", &port.to_string(), "--silent"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} ({e}); run scripts/setup.sh", binary.display()));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "anvil did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
