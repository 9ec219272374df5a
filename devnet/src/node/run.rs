//! The `devnet` binary's life cycle, reusable by `lrt devnet`.

use super::{Devnet, NodeError};
use crate::config::Config;

/// Starts a devnet, prints the banner, serves until SIGINT or SIGTERM, then saves the state
/// file (when `--state` was given) before returning.
pub async fn run(config: Config) -> Result<(), NodeError> {
    let node = Devnet::spawn(config).await?;
    println!("{}", node.banner());
    wait_for_signal().await;
    eprintln!("\nshutting down");
    if let Some(path) = node.shutdown().await? {
        eprintln!("state saved to {}", path.display());
    }
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    // Without a SIGTERM handler, Ctrl-C still ends the node cleanly.
    let _ = tokio::signal::ctrl_c().await;
}
