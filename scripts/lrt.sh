#!/usr/bin/env bash
# Runs the `lrt` CLI from the source tree after making sure its tools are installed.
# With no arguments it runs the main job.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
[ $# -gt 0 ] || set -- demo
exec cargo run --quiet --locked -p deployer --bin lrt -- "$@"
