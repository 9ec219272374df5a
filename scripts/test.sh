#!/usr/bin/env bash
# Runs every check CI runs: formatting, clippy with warnings as errors, and all tests
# (contract unit tests, devnet, deployer, end-to-end on the in-process devnet).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh

# One full build gains nothing from incremental caches, which cost CI gigabytes of disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\033[1;34mtest\033[0m %s\n' "$*" >&2; }
start=$SECONDS

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test"
cargo test --workspace --locked
step "all checks passed in $((SECONDS - start)) s"
