#!/usr/bin/env bash
# Runs the client benchmarks against the in-repo fake GitHub and prints, for
# each benchmark, the client's figures as ratios of the baseline measured in
# the same run (requests made, wall time, allocations). Ratios, not absolute
# numbers, are what compare across machines.
#
#   scripts/bench.sh            # one run
#   COUNT=5 scripts/bench.sh    # five runs each; ratios of the medians
#   BENCH_LATENCY=50ms scripts/bench.sh   # every answer 50 ms late, as over a network
#   BENCH_TERRAFORM=0 scripts/bench.sh    # without scripts/bench-terraform.sh (minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${COUNT:-1}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

go test -run '^$' -bench . -benchmem -count "$count" ./internal/ghclient | tee "$out"
echo
awk '
function median(list,    n, arr, i, j, t) {
  n = split(list, arr, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] + 0 < arr[i] + 0) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
  return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
}
/^Benchmark/ {
  name = $1; sub(/-[0-9]+$/, "", name)
  split(name, parts, "/"); bench = parts[1]; variant = parts[2]
  for (i = 3; i <= NF; i++) {
    if ($(i) == "ns/op") ns[bench, variant] = ns[bench, variant] " " $(i - 1)
    if ($(i) == "requests/op") req[bench, variant] = req[bench, variant] " " $(i - 1)
    if ($(i) == "allocs/op") al[bench, variant] = al[bench, variant] " " $(i - 1)
    if ($(i) == "B/op") by[bench, variant] = by[bench, variant] " " $(i - 1)
  }
  if (variant ~ /^baseline/) base[bench] = variant; else if (!((bench, variant) in seen)) { seen[bench, variant] = 1; others[bench] = others[bench] " " variant }
  if (!(bench in order)) { order[bench] = ++nb; names[nb] = bench }
}
END {
  printf "%-34s %-10s %12s %12s %12s %12s\n", "benchmark (client / baseline)", "variant", "requests", "wall time", "allocs", "bytes"
  for (k = 1; k <= nb; k++) {
    b = names[k]; bv = base[b]
    if (bv == "") continue
    n = split(others[b], vs, " ")
    for (i = 1; i <= n; i++) {
      v = vs[i]
      printf "%-34s %-10s %11.3fx %11.3fx %11.3fx %11.3fx\n", b, v,
        median(req[b, v]) / median(req[b, bv]), median(ns[b, v]) / median(ns[b, bv]),
        median(al[b, v]) / median(al[b, bv]), median(by[b, v]) / median(by[b, bv])
      printf "%-34s %-10s %12s %12s %12s %12s\n", "", "(baseline", median(req[b, bv]) " req", sprintf("%.1f ms", median(ns[b, bv]) / 1e6), median(al[b, bv]), median(by[b, bv]) " B)"
    }
  }
}' "$out"

# The retention patterns with the real terraform CLI (minutes; BENCH_TERRAFORM=0 skips them).
if [[ "${BENCH_TERRAFORM:-1}" != 0 ]]; then
  echo
  scripts/bench-terraform.sh
fi
