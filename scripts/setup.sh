#!/usr/bin/env bash
# Makes sure the tools the project needs are present; does nothing when they are.
# Called by scripts/demo.sh and scripts/test.sh, safe to run by hand.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '\033[1;34msetup\033[0m %s\n' "$*" >&2; }

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is missing; install Rust (rustup) and Node.js 20+ first" >&2; exit 1; }
done

# rust-toolchain.toml pins the toolchain; rustup installs it (and its components) on first use.
toolchain="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  say "installing Rust $toolchain"
  rustup toolchain install "$toolchain" --profile minimal --component clippy,rustfmt
fi
if ! rustup target list --installed --toolchain "$toolchain" | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown --toolchain "$toolchain"
fi

# npm tools (anvil, cast, forge, solcjs, binaryen's wasm-opt) live in node_modules, pinned by package-lock.json.
# The stamp records which lockfile the installed tree came from.
stamp=node_modules/.installed-from-lock
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -x node_modules/.bin/solcjs ] || [ ! -x node_modules/binaryen/bin/wasm-opt ]; then
  say "installing npm tools from package-lock.json"
  # Not `npm ci`: the Foundry packages list optional binaries for other platforms that the
  # registry here does not serve, and `npm ci` refuses a lockfile without them.
  npm install --no-save --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
