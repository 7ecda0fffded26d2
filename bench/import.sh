#!/usr/bin/env bash
# Import benchmark: `trellis data import DIR` (release build) against a pandas script that only
# reads the same files, in one run. Prints wall times, the ratio, peak RSS and where the import's
# time goes per reader.
#
# Usage: [TRELLIS_BIN=path] bench/import.sh [DATA_DIR] [RUNS]
#   DATA_DIR  the folder of official files (default ../shared/data beside the checkout)
#   RUNS      timed import runs; the best is reported (default 5)
# Needs: /usr/bin/time (GNU), python3 with pandas and openpyxl (pip install pandas openpyxl xlrd).
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir="$(cd "${1:-../shared/data}" && pwd)"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/trellis.sqlite"

# TRELLIS_BIN=path runs that binary as it is (e.g. a copy of an older build) instead of building.
if [ -n "${TRELLIS_BIN:-}" ]; then
  bin="$TRELLIS_BIN"
else
  cargo build --release -p trellis-cli --quiet
  bin="target/release/trellis"
fi

# Warm the page cache (the target is for a warm cache) and produce the report and file list.
"$bin" --quiet --db "$db" data import "$data_dir" --format json >"$work/report.json"
"$bin" --quiet --db "$db" data status --format json >"$work/files.json"

wall_of() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
cpu_of() { awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$1"; }

best=""
best_rss=""
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v "$bin" --quiet --db "$db" data import "$data_dir" --format json \
    >"$work/report.json" 2>"$work/time.txt"
  w=$(wall_of "$work/time.txt")
  r=$(rss_of "$work/time.txt")
  c=$(cpu_of "$work/time.txt")
  echo "import run $i: ${w} s wall, ${c} s CPU (user + sys), peak RSS ${r} MB"
  if [ -z "$best" ] || awk "BEGIN{exit !($w < $best)}"; then
    best=$w; best_rss=$r; best_cpu=$c
    cp "$work/report.json" "$work/best.json"
  fi
done

python3 - "$work/best.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
per = collections.defaultdict(lambda: [0, 0.0, 0.0, 0])
for f in r["files"]:
    p = per[f["reader"]]
    p[0] += 1; p[1] += f["read_time"]; p[2] += f["write_time"]; p[3] += f["rows"]
print(f"\nwhere the import's time goes, best run (read = parse+hash on the pool, write = SQLite inserts on one of the two writer threads):")
print(f"  {'reader':<26}{'files':>6}{'rows':>9}{'read ms':>10}{'write ms':>10}")
for reader, (n, rd, wr, rows) in sorted(per.items(), key=lambda kv: -(kv[1][1] + kv[1][2])):
    print(f"  {reader:<26}{n:>6}{rows:>9}{rd:>10.1f}{wr:>10.1f}")
print("  stages (wall):")
for p in r.get("phases", []):
    print(f"    {p['name']:<24}{p['time']:>9.1f} ms")
for s in r.get("steps", []):
    print(f"    build step {s['name']:<13}{s['time']:>9.1f} ms (prepare + write; the steps prepare side by side)")
print(f"  total in-process: {r['elapsed']:.1f} ms, {sum(f['rows'] for f in r['files'])} rows")
PY

/usr/bin/time -v python3 bench/import_baseline_pandas.py "$data_dir" "$work/files.json" \
  >"$work/pandas.txt" 2>"$work/ptime.txt"
cat "$work/pandas.txt"
pw=$(wall_of "$work/ptime.txt")
pr=$(rss_of "$work/ptime.txt")
python3 -c "import pandas, openpyxl; print('pandas', pandas.__version__, '/ openpyxl', openpyxl.__version__)"

echo
echo "import (release, best of $runs): ${best} s wall (${best_cpu} s CPU), peak RSS ${best_rss} MB   [target <= 1.0 s, < 500 MB]"
echo "pandas read-only baseline:       ${pw} s wall, peak RSS ${pr} MB"
awk "BEGIN{printf \"speed-up: %.1fx   [target >= 3x]\n\", $pw / $best}"
