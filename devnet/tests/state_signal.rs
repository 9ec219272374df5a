//! The `devnet` binary: prints anvil's banner, and on SIGTERM / SIGINT saves the state file
//! before exiting.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::plain;
use alloy::primitives::{U256, address};
use alloy::providers::Provider;
use alloy::providers::ext::AnvilApi;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn saves_state_on(signal: &str) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("devnet-signal");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{signal}-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args([
            "--port",
            &port.to_string(),
            "--state",
            path.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("devnet binary starts");
    let endpoint = format!("http://127.0.0.1:{port}");
    let provider = plain(&endpoint);
    let mut answered = false;
    for _ in 0..100 {
        if provider.get_chain_id().await.is_ok() {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(answered, "the binary serves on --port");
    let friend = address!("00000000000000000000000000000000000051a1");
    provider
        .anvil_set_balance(friend, U256::from(4242))
        .await
        .unwrap();

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap()
            .success()
    );
    let output = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();

    assert!(output.status.success(), "clean exit after {signal}");
    let banner = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Available Accounts",
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "Private Keys",
        "0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659",
        "412346",
        &format!("Listening on {endpoint}"),
    ] {
        assert!(
            banner.contains(expected),
            "banner lacks {expected}:\n{banner}"
        );
    }
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        saved["accounts"][friend.to_string().to_lowercase()]["balance"],
        "0x1092"
    );
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn sigterm_saves_the_state_file_before_exit() {
    saves_state_on("TERM").await;
}

#[tokio::test]
async fn sigint_saves_the_state_file_before_exit() {
    saves_state_on("INT").await;
}
