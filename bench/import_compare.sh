#!/usr/bin/env bash
# Interleaved comparison of two trellis binaries on `trellis data import`: on a shared machine
# only runs taken in the same minutes compare. Prints each run's wall time, CPU (user + sys)
# and peak RSS, then the best of each binary.
#
# Usage: bench/import_compare.sh OLD_BIN NEW_BIN [DATA_DIR] [RUNS]
#   e.g. cp target/release/trellis /tmp/trellis.old; (change, rebuild);
#        bench/import_compare.sh /tmp/trellis.old target/release/trellis ../shared/data 5
# Needs: /usr/bin/time (GNU).
set -euo pipefail
old="$1"
new="$2"
data_dir="${3:-$(dirname "$0")/../../shared/data}"
runs="${4:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One import each first: the page cache is warm and both databases exist.
"$old" --quiet --db "$work/old.sqlite" data import "$data_dir" >/dev/null
"$new" --quiet --db "$work/new.sqlite" data import "$data_dir" >/dev/null

for i in $(seq 1 "$runs"); do
  for which in old new; do
    bin=$old
    [ "$which" = new ] && bin=$new
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" \
      "$bin" --quiet --db "$work/$which.sqlite" data import "$data_dir" >/dev/null
    read -r wall user sys rss <"$work/t"
    echo "$which $wall $user $sys $rss" >>"$work/runs"
    printf '%-4s run %d: %5.2f s wall  %5.2f s CPU (%.2f user + %.2f sys)  %4d MB\n' \
      "$which" "$i" "$wall" "$(awk "BEGIN { print $user + $sys }")" "$user" "$sys" "$((rss / 1024))"
  done
done
echo
awk '{ cpu = $3 + $4
       if (!($1 in w) || $2 < w[$1]) w[$1] = $2
       if (!($1 in c) || cpu < c[$1]) c[$1] = cpu
       if (!($1 in r) || $5 > r[$1]) r[$1] = $5 }
     END { for (k in w) printf "%-4s best wall %.2f s, best CPU %.2f s, peak RSS %d MB\n", k, w[k], c[k], r[k] / 1024 }' \
  "$work/runs" | sort -r
