#!/usr/bin/env bash
# The test command: every test of the workspace, with the official data files read from the
# directory given as the first argument (default ../shared/data, beside the checkout), then
# the browser tests of the web application.
# Tests that need the data fail, rather than skip, when this script says the data is there.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir="${1:-../shared/data}"
if [ ! -d "$data_dir" ]; then
  echo "error: data directory '$data_dir' not found; pass the folder of official files as the first argument" >&2
  exit 2
fi
TRELLIS_TEST_DATA="$(cd "$data_dir" && pwd)"
export TRELLIS_TEST_DATA
echo "test data: $data_dir"
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  echo "cargo-nextest not found; running cargo test" >&2
  cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc

# Browser tests need Node.js and a system Chromium (never downloaded). CI installs both and
# sets TRELLIS_REQUIRE_BROWSER=1 so that they cannot be skipped there.
chromium="${CHROMIUM:-/usr/bin/chromium}"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && [ -x "$chromium" ]; then
  tests/browser/run.sh "$TRELLIS_TEST_DATA"
elif [ "${TRELLIS_REQUIRE_BROWSER:-0}" = 1 ]; then
  echo "error: browser tests required but node, npm or $chromium is missing" >&2
  exit 1
else
  echo
  echo "SKIPPED: browser tests (tests/browser) need node, npm and Chromium at $chromium;"
  echo "SKIPPED: install them (Debian: apt-get install -y chromium nodejs npm) to run the web tests."
fi
