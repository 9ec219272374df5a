#!/usr/bin/env bash
# Checks the devnet against the real Stylus toolchain: `cargo stylus check` and
# `cargo stylus deploy` (with a constructor, so through the StylusDeployer factory) on
# devnet/test-programs/counter, then calls the deployed program with cast.
#
# Not run in CI: installing cargo-stylus compiles ~500 crates (20-40 minutes on two cores).
# The binary goes to target/tools and is reused on later runs.
#
# cargo-stylus 0.10 only works inside a Stylus workspace (a Stylus.toml at the workspace
# root, one beside each contract). This repo's root has none, so the counter is staged in
# target/cargo-stylus-check as a one-contract workspace with the repo's Cargo.toml settings,
# toolchain and lock file: the same sources and versions, built into the repo's target dir.
#
#   scripts/cargo-stylus-check.sh            # starts its own devnet on DEVNET_PORT (8547)
#   DEVNET_ENDPOINT=http://host:port scripts/cargo-stylus-check.sh   # uses a running node
#
# Exits non-zero at the first step that fails, saying which.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '\033[1;34mcargo-stylus-check\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31mcargo-stylus-check\033[0m %s\n' "$*" >&2; exit 1; }

tools="$root/target/tools"
port="${DEVNET_PORT:-8547}"
endpoint="${DEVNET_ENDPOINT:-http://127.0.0.1:$port}"
# The Nitro dev node's funded key; the devnet prefunds it too.
key=0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659
start=7
cast="$root/node_modules/.bin/cast"
[ -x "$cast" ] || fail "$cast is missing; run scripts/setup.sh first"
# The npm cast launcher exits 0 even when cast fails, so answers are checked by their shape.
chain_id() { "$cast" chain-id --rpc-url "$endpoint" 2>/dev/null | grep -E '^[0-9]+$' || true; }

export PATH="$tools/bin:$PATH"
if ! cargo stylus --version 2>/dev/null | grep -q '0\.10\.'; then
  say "installing cargo-stylus 0.10 into $tools (log: /tmp/cargo-stylus-install.log)"
  CARGO_TARGET_DIR="$root/target/tools-build" \
    cargo install --locked --root "$tools" cargo-stylus --version '~0.10' \
    >/tmp/cargo-stylus-install.log 2>&1 || fail "cargo install failed; see /tmp/cargo-stylus-install.log"
fi
say "$(cargo stylus --version)"

if [ -z "${DEVNET_ENDPOINT:-}" ]; then
  if [ -n "$(chain_id)" ]; then
    fail "something already answers on $endpoint; stop it or set DEVNET_PORT"
  fi
  say "building and starting the devnet on port $port"
  cargo build -q -p devnet
  log="$(mktemp -t devnet.XXXXXX.log)"
  "$root/target/debug/devnet" --port "$port" >"$log" 2>&1 &
  devnet_pid=$!
  trap 'kill "$devnet_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    [ -n "$(chain_id)" ] && break
    kill -0 "$devnet_pid" 2>/dev/null || fail "the devnet exited; its log: $log"
    sleep 0.2
  done
  [ -n "$(chain_id)" ] || fail "the devnet did not answer within 20 s; its log: $log"
fi
[ -n "$(chain_id)" ] || fail "nothing answers on $endpoint"
say "chain id $(chain_id) at $endpoint"

stage="$root/target/cargo-stylus-check"
say "staging the counter as a Stylus workspace in $stage"
rm -rf "$stage"
mkdir -p "$stage/counter"
cp -r "$root/devnet/test-programs/counter/." "$stage/counter/"
cp "$root/rust-toolchain.toml" "$root/Cargo.lock" "$stage/"
# Same settings with only the counter as member; per-package profile tweaks for the repo's
# host crates are dropped (they would only warn here).
sed '/^members = \[/,/^\]/c\members = ["counter"]' "$root/Cargo.toml" |
  awk '/^\[/ { skip = ($0 ~ /^\[profile\.[^]]*\.package\./) } !skip' >"$stage/Cargo.toml"
printf '[workspace]\n\n[workspace.networks]\n' >"$stage/Stylus.toml"
cd "$stage"
# Drops the lock entries of the repo's other crates, so `cargo stylus` may build --locked.
cargo metadata --format-version 1 >/dev/null || fail "the staged workspace does not resolve"
export CARGO_TARGET_DIR="$root/target"

say "cargo stylus check"
cargo stylus check --endpoint "$endpoint" --contract test-counter || fail "cargo stylus check failed"

say "cargo stylus deploy --constructor-args $start"
deploy_log="$(mktemp -t cargo-stylus-deploy.XXXXXX.log)"
if ! cargo stylus deploy --endpoint "$endpoint" --private-key "$key" --no-verify \
  --contract test-counter --constructor-args "$start" 2>&1 | tee "$deploy_log"; then
  fail "cargo stylus deploy failed"
fi
program="$(sed 's/\x1b\[[0-9;]*m//g' "$deploy_log" | sed -n 's/.*deployed code at address: \(0x[0-9a-fA-F]\{40\}\).*/\1/p' | head -n1)"
[ -n "$program" ] || fail "no 'deployed code at address' line in the deploy output"
cd "$root"

say "calling $program with cast"
count="$("$cast" call "$program" 'count()(uint256)' --rpc-url "$endpoint")"
[ "$count" = "$start" ] || fail "count() is $count, expected the constructor's $start"
receipt="$("$cast" send "$program" 'increment()' --private-key "$key" --rpc-url "$endpoint" --json 2>&1)"
grep -q '"status":"0x1"' <<<"$receipt" || fail "increment() failed: $receipt"
count="$("$cast" call "$program" 'count()(uint256)' --rpc-url "$endpoint")"
[ "$count" = "$((start + 1))" ] || fail "count() is $count after increment, expected $((start + 1))"
owner="$("$cast" call "$program" 'owner()(address)' --rpc-url "$endpoint")"
dev="$("$cast" wallet address --private-key "$key")"
[ "$owner" = "$dev" ] || fail "owner() is $owner, expected the deploying key's $dev"
constructed_by="$("$cast" call "$program" 'construction()(address,uint256)' --rpc-url "$endpoint" | head -n1)"
say "count() = $count, owner() = $owner, constructor called by $constructed_by (the StylusDeployer)"
say "ok"
