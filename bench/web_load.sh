#!/usr/bin/env bash
# Load benchmark of `trellis serve` (release build) with wrk on 127.0.0.1: requests/s, latency
# percentiles and errors on the occupation JSON endpoint and a cluster page, against /healthz
# (the HTTP stack's floor) measured in the same run. Also the start-up time (launch to first
# answer) and the time until the background loads are done (/readyz).
#
# Usage: bench/web_load.sh [DB]   (default: $TRELLIS_DB, else an import of ../shared/data into
#        bench/out/). Needs wrk (Debian: apt-get install -y wrk) and curl.
# Environment: DURATION (default 10s), CONNECTIONS (default 32), THREADS (wrk threads, 1),
# TRELLIS_BIN (an already built release binary; skips the build).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-10s}"
conns="${CONNECTIONS:-32}"
threads="${THREADS:-1}"
port="${PORT:-18480}"
mkdir -p bench/out

command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
source bench/common.sh
bin="$(release_binary)"
db="$(benchmark_db "$bin" ../shared/data "${1:-}")"

now_ms() { date +%s%3N; }
t0=$(now_ms)
"$bin" --db "$db" serve --addr "127.0.0.1:$port" >bench/out/serve.log 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.01; done
t1=$(now_ms)
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.01; done
t2=$(now_ms)
echo "start-up: first answer after $((t1 - t0)) ms; background loads done after $((t2 - t0)) ms"

urls=("/healthz" "/api/v1/occupations/15-1252" "/clusters/construction")
for u in "${urls[@]}"; do curl -fsS -o /dev/null "http://127.0.0.1:$port$u"; done

to_ms() { # wrk latency like 812.00us, 1.20ms, 1.01s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

printf "\n%-32s %12s %10s %10s %10s %8s %10s\n" "endpoint" "requests/s" "p50 ms" "p99 ms" "errors" "bytes" "vs floor"
floor=""
fail=0
for u in "${urls[@]}"; do
  out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency "http://127.0.0.1:$port$u")
  echo "$out" >"bench/out/wrk$(echo "$u" | tr '/' '_').txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  sock=$(echo "$out" | awk '/Socket errors/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i; print s }')
  errors=$(( ${non2xx:-0} + ${sock:-0} ))
  bytes=$(curl -fsS "http://127.0.0.1:$port$u" | wc -c)
  [ -z "$floor" ] && floor="$rps"
  ratio=$(awk -v a="$rps" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
  printf "%-32s %12.0f %10s %10s %10s %8s %10s\n" "$u" "$rps" "$p50" "$p99" "$errors" "$bytes" "$ratio"
  if [ "$u" != "/healthz" ]; then
    awk -v r="$rps" -v p="$p99" -v e="$errors" 'BEGIN { exit !(r >= 5000 && p < 10 && e == 0) }' || fail=1
  fi
done
echo
if [ "$fail" = 0 ]; then
  echo "target met: >= 5,000 requests/s, p99 < 10 ms, 0 errors on both endpoints"
else
  echo "target NOT met on at least one endpoint (see above)"
fi
echo "wrk -t$threads -c$conns -d$duration; $(nproc) cores; server and wrk share the machine"
