#!/usr/bin/env bash
# Browser tests of the web application. Builds trellis, imports the official data (or reuses
# the database given in TRELLIS_BROWSER_DB), serves it on 127.0.0.1, runs the Playwright
# tests in headless Chromium and stops the server.
#
# Needs: the Rust toolchain, Node.js 18+ with npm, and Chromium from the system package
# (Debian: apt-get install -y chromium; the tests never download a browser; set CHROMIUM to
# use another binary). Usage: tests/browser/run.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data_dir="${1:-$root/../shared/data}"
port="${TRELLIS_BROWSER_PORT:-18473}"
mkdir -p "$here/artifacts"

cd "$root"
cargo build --locked -p trellis-cli
bin="$root/target/debug/trellis"

db="${TRELLIS_BROWSER_DB:-}"
if [ -z "$db" ]; then
  if [ ! -d "$data_dir" ]; then
    echo "error: data directory '$data_dir' not found; pass it as the first argument or set TRELLIS_BROWSER_DB" >&2
    exit 2
  fi
  db="$here/artifacts/trellis.sqlite"
  "$bin" --quiet --db "$db" data import "$data_dir"
fi

"$bin" --db "$db" serve --addr "127.0.0.1:$port" >"$here/artifacts/server.log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$here/artifacts/server.log" >&2; exit 1; fi
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null

cd "$here"
npm ci --no-audit --no-fund --silent
TRELLIS_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 web.test.mjs
