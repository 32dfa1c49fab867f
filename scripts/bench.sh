#!/usr/bin/env bash
# `make bench`: the provider's performance as ratios of a baseline measured in
# the same run, on the same machine (ratios, not absolute numbers, are what
# compare across machines and across a loaded machine's runs).
#
# 1. Client benchmarks (go test -bench ./internal/ghclient): the client
#    against go-github used the common way, in process.
# 2. scripts/bench-terraform.sh: the two ways to write a retention policy with
#    the real terraform CLI (BENCH_TERRAFORM=0 skips it).
# 3. End to end through the terraform CLI against the fake GitHub (the
#    fakegithub command, with -latency), at 0 ms and at 100 ms per answer:
#    the provider (built with -tags pprof, which reports its own CPU time and
#    allocations) next to scripts/bench/baseline, a go-github client that
#    pages sequentially and sends one request after another, as octokit and
#    go-github scripts do. Work: list 10,000 versions (ghpackages_versions),
#    adopt 300 versions (ghpackages_package_version_retention), a no-change
#    re-plan of those 300, destroy them. Baselines: list page after page;
#    GET each of the 300; GET each again; DELETE 300 others.
#
#   scripts/bench.sh                   # both
#   BENCH_GO=0 scripts/bench.sh        # end to end only
#   BENCH_E2E=0 scripts/bench.sh       # without the end-to-end comparison
#   BENCH_TERRAFORM=0 scripts/bench.sh # without scripts/bench-terraform.sh (minutes)
#   COUNT=5 BENCH_E2E=0 scripts/bench.sh        # five runs each; ratios of the medians
#   BENCH_LATENCY=50ms BENCH_E2E=0 scripts/bench.sh   # client benchmarks with latency
#   BENCH_LATENCIES="0 100ms" ...      # end-to-end latencies (default)
#   BENCH_COUNT=3 scripts/bench.sh     # end to end three times; medians
#   BENCH_REF=main scripts/bench.sh    # also the provider built from that git
#                                      # ref, in the same run ("before")
#   BENCH_README=1 scripts/bench.sh    # rewrite README's table with the results
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ "${BENCH_GO:-1}" != 0 ]]; then
  count="${COUNT:-1}"
  out="$(mktemp)"
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
  rm -f "$out"
fi

# The retention patterns with the real terraform CLI (minutes; BENCH_TERRAFORM=0 skips them).
if [[ "${BENCH_TERRAFORM:-1}" != 0 ]]; then
  echo
  scripts/bench-terraform.sh
fi

# The provider through terraform against the sequential baseline (minutes; BENCH_E2E=0 skips it).
[[ "${BENCH_E2E:-1}" != 0 ]] || exit 0
echo
exec bash "$root/scripts/bench/e2e.sh"
