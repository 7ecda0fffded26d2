# Shared by the benchmark scripts (sourced, from the checkout's root).

# The release binary: $TRELLIS_BIN when given, else built now.
release_binary() {
  if [ -n "${TRELLIS_BIN:-}" ]; then
    echo "$TRELLIS_BIN"
  else
    cargo build --release --locked -p trellis-cli >&2
    echo target/release/trellis
  fi
}

# The database to benchmark against: the one given (argument or $TRELLIS_DB), else an import
# of DATA into bench/out/, made once and kept for later runs.
benchmark_db() {
  local bin="$1" data="$2" given="${3:-${TRELLIS_DB:-}}"
  if [ -n "$given" ]; then
    echo "$given"
    return
  fi
  local db=bench/out/trellis.sqlite
  [ -f "$db" ] || "$bin" --quiet --db "$db" data import "$data" >&2
  echo "$db"
}
