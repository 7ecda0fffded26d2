#!/usr/bin/env bash
# Batch title coding end to end: `trellis match --input FILE` (release build) on a file of
# 1,000,000 posting-style titles with repeats and on its distinct titles, next to the fixed
# cost of the same command on an empty file (start-up and matcher load) measured in the same
# run. Before that, the in-process figures of the `throughput` example (titles/s on 1 and 2
# threads, batch driver, latency).
#
# Usage: bench/match.sh [DATA_DIR] [DB]   (defaults: ../shared/data; $TRELLIS_DB, else an
#        import of DATA_DIR into bench/out/). Environment: RUNS (default 3), ROWS (1000000),
#        TRELLIS_BIN (an already built release binary; skips the build).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
runs="${RUNS:-3}"
rows="${ROWS:-1000000}"
mkdir -p bench/out

source bench/common.sh
bin="$(release_binary)"
db="$(benchmark_db "$bin" "$data" "${2:-}")"

titles=bench/out/titles_with_repeats.txt
echo "== in process (crates/matching/examples/throughput.rs) =="
cargo run --release --locked -q -p trellis-matching --example throughput -- \
  --data "$data" --rows "$rows" --reps "$runs" --write-titles "$titles"
distinct=bench/out/titles_distinct.txt
awk '!seen[$0]++' "$titles" >"$distinct"
: >bench/out/titles_empty.txt

# Best wall time in seconds of RUNS runs of `trellis match --input FILE`.
best_time() {
  local best="" t0 t1 s
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" --db "$db" match --input "$1" >bench/out/match_out.tsv 2>/dev/null
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ -z "$best" ] || awk -v s="$s" -v b="$best" 'BEGIN { exit !(s < b) }'; then best=$s; fi
  done
  echo "$best"
}

echo
echo "== trellis match --input (best of $runs, 2 cores, TSV to a file) =="
fixed=$(best_time bench/out/titles_empty.txt)
echo "fixed cost (empty input: start-up, matcher load): ${fixed} s"
for f in "$distinct" "$titles"; do
  n=$(wc -l <"$f")
  t=$(best_time "$f")
  out_rows=$(($(wc -l <bench/out/match_out.tsv) - 1))
  awk -v n="$n" -v t="$t" -v f="$fixed" -v name="$(basename "$f")" -v o="$out_rows" 'BEGIN {
    printf "%-28s %9d rows  %7.3f s  %10.0f rows/s  %10.0f rows/s after the fixed cost  (%d output rows)\n",
      name, n, t, n / t, (t > f ? n / (t - f) : 0), o }'
done
