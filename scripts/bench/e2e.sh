#!/usr/bin/env bash
# The end-to-end half of `make bench` (see scripts/bench.sh): terraform and the
# provider against the fakegithub command, next to scripts/bench/baseline, at
# each latency of BENCH_LATENCIES, and with BENCH_REF also the provider built
# from that git ref; BENCH_COUNT rounds of everything (medians). Prints a table
# of ratios; BENCH_README=1 also writes it into README.md between the bench
# markers.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
latencies="${BENCH_LATENCIES:-0 100ms}"
ref="${BENCH_REF:-}"
command -v terraform >/dev/null 2>&1 || { echo "bench: terraform is not on PATH" >&2; exit 1; }
tf_version="$(terraform version | sed -n 1p)"

# shellcheck source=../lib/fake-env.sh
source "$root/scripts/lib/fake-env.sh"
fake_env_init bench
results="$tmp/results"
: >"$results"

echo "== building the provider (-tags pprof), the fake and the baseline client"
mkdir -p "$tmp/bin"
(cd "$root" && go build -tags pprof -o "$tmp/bin/" . ./internal/fakegithub/cmd/fakegithub ./scripts/bench/baseline)
fake_env_cli_config
variants=(provider)
if [[ -n "$ref" ]]; then
  echo "== building the provider at $ref"
  mkdir -p "$tmp/ref-src" "$tmp/ref-bin"
  git -C "$root" archive "$ref" | tar -x -C "$tmp/ref-src"
  (cd "$tmp/ref-src" && go build -o "$tmp/ref-bin/" .)
  sed "s|$tmp/bin|$tmp/ref-bin|" "$tmp/terraformrc" >"$tmp/terraformrc-ref"
  variants+=(ref)
fi

# The work: scripts/bench/config (provider.tf with list.tf or keep.tf)
# against scripts/bench/seed.json.
mkdir -p "$tmp/cfg/list" "$tmp/cfg/keep"
cp "$root/scripts/bench/config/provider.tf" "$root/scripts/bench/config/list.tf" "$tmp/cfg/list/"
cp "$root/scripts/bench/config/provider.tf" "$root/scripts/bench/config/keep.tf" "$tmp/cfg/keep/"

requests() { curl -sf "$url/_fakegithub/requests" | sed -n 's/.*"total":\([0-9]*\).*/\1/p'; }

# measure LATENCY STEP VARIANT COMMAND...: wall time, requests, allocations
# and CPU of COMMAND, appended to $results.
measure() {
  local lat="$1" step="$2" variant="$3" key="$round.$1.$2.$3"
  shift 3
  local stats="$tmp/stats.$key" log="$tmp/log.$key" before after wall usr sys allocs pcpu
  rm -f "$stats" # the provider appends a line per process
  before="$(requests)"
  TIMEFORMAT='%3R %3U %3S'
  if ! { time GHPACKAGES_STATS="$stats" "$@" >"$log" 2>&1; } 2>"$tmp/time.$key"; then
    cat "$log" >&2
    echo "bench: $step ($variant, latency $lat) failed" >&2
    exit 1
  fi
  after="$(requests)"
  read -r wall usr sys <"$tmp/time.$key"
  if [[ -s "$stats" ]]; then
    allocs="$(awk '{ n += $4 } END { print n }' "$stats")"
    pcpu="$(awk '{ n += $2 } END { printf "%.3f", n / 1000 }' "$stats")"
  elif grep -q '^allocs ' "$log"; then
    allocs="$(awk '/^allocs / { print $2 }' "$log")"
    pcpu="-"
  else
    allocs="-" pcpu="-"
  fi
  echo "$lat $step $variant $wall $((after - before)) $allocs $pcpu $(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')" >>"$results"
  printf '  %-8s %-8s %-9s %8ss %6s requests\n' "$lat" "$step" "$variant" "$wall" "$((after - before))"
}

tf() { # tf VARIANT DIR ARGS...: terraform in DIR with VARIANT's provider build
  local variant="$1" dir="$2" config="$tmp/terraformrc"
  shift 2
  [[ "$variant" == ref ]] && config="$tmp/terraformrc-ref"
  (cd "$dir" && TF_CLI_CONFIG_FILE="$config" terraform "$@" -no-color -input=false -var "base_url=$url")
}

rounds="${BENCH_COUNT:-1}"
for round in $(seq "$rounds"); do
for lat in $latencies; do
  name="fake_${lat//[^a-z0-9]/_}_$round"
  fake_env_start "$name" -seed "$root/scripts/bench/seed.json" -contract=false -latency "${lat/#0/0s}"
  url_var="url_$name"
  url="${!url_var}"
  base=("$tmp/bin/baseline" -url "$url" -token ghp_bench -org acme -type npm)
  # 1,000 ids of acme/npm/mid: each variant keeps (adopts, destroys) its own 300.
  for page in $(seq 10); do
    curl -sf -H "Authorization: Bearer ghp_bench" "$url/orgs/acme/packages/npm/mid/versions?per_page=100&page=$page" |
      grep -o '"id":[0-9]*' | cut -d: -f2
  done >"$tmp/ids"
  sed -n '1,300p' "$tmp/ids" >"$tmp/ids.provider"
  sed -n '301,600p' "$tmp/ids" >"$tmp/ids.baseline"
  sed -n '601,900p' "$tmp/ids" >"$tmp/ids.ref"
  for v in "${variants[@]}"; do
    rm -rf "$tmp/work.$v"
    mkdir -p "$tmp/work.$v"
    cp -r "$tmp/cfg/list" "$tmp/cfg/keep" "$tmp/work.$v/"
    printf '{"ids": [%s]}\n' "$(paste -sd, "$tmp/ids.$v")" >"$tmp/work.$v/keep/terraform.tfvars.json"
  done
  echo "== latency $lat (round $round of $rounds)"
  measure "$lat" list baseline "${base[@]}" -name big list
  for v in "${variants[@]}"; do measure "$lat" list "$v" tf "$v" "$tmp/work.$v/list" apply -auto-approve; done
  measure "$lat" adopt baseline "${base[@]}" -name mid get <"$tmp/ids.provider"
  for v in "${variants[@]}"; do measure "$lat" adopt "$v" tf "$v" "$tmp/work.$v/keep" apply -auto-approve; done
  measure "$lat" replan baseline "${base[@]}" -name mid get <"$tmp/ids.provider"
  for v in "${variants[@]}"; do measure "$lat" replan "$v" tf "$v" "$tmp/work.$v/keep" plan -detailed-exitcode; done
  measure "$lat" destroy baseline "${base[@]}" -name mid delete <"$tmp/ids.baseline"
  for v in "${variants[@]}"; do measure "$lat" destroy "$v" tf "$v" "$tmp/work.$v/keep" destroy -auto-approve; done
  fake_env_stop "$name"
done
done

table="$tmp/table.md"
echo "$tf_version on PATH; medians of $rounds round(s); $(nproc) cores." >"$table"
echo >>"$table"
awk -v ref="$ref" '
function median(list,    n, arr, i, j, t) {
  n = split(list, arr, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (arr[j] + 0 < arr[i] + 0) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
  if (arr[1] == "-") return "-"
  return (n % 2) ? arr[(n + 1) / 2] : (arr[n / 2] + arr[n / 2 + 1]) / 2
}
{ key = $1 SUBSEP $2 SUBSEP $3; wall[key] = wall[key] " " $4; req[key] = req[key] " " $5; al[key] = al[key] " " $6
  pcpu[key] = pcpu[key] " " $7; tcpu[key] = tcpu[key] " " ($7 == "-" ? "-" : $8 - $7)
  if (!(($1, $2) in seen)) { seen[$1, $2] = 1; rows[++n] = $1 SUBSEP $2 } }
function ratio(a, b) { return (a == "-" || b == "-" || b == 0) ? "n/a" : sprintf("%.2fx", a / b) }
END {
  work["list"] = "list 10,000 versions (`ghpackages_versions`, `terraform apply`)"
  work["adopt"] = "adopt 300 versions (`ghpackages_package_version_retention`, `terraform apply`)"
  work["replan"] = "no-change plan of those 300 (`terraform plan`)"
  work["destroy"] = "destroy those 300 (`terraform destroy`)"
  printf "| latency | work | baseline: wall, requests | provider: wall, requests | wall | requests | allocations | provider CPU / terraform CPU |%s\n", (ref != "" ? " " ref ": wall, requests |" : "")
  printf "|---|---|---|---|---|---|---|---|%s\n", (ref != "" ? "---|" : "")
  for (i = 1; i <= n; i++) {
    split(rows[i], k, SUBSEP); l = k[1]; s = k[2]
    b = l SUBSEP s SUBSEP "baseline"; p = l SUBSEP s SUBSEP "provider"; r = l SUBSEP s SUBSEP "ref"
    wb = median(wall[b]); wp = median(wall[p]); rb = median(req[b]); rp = median(req[p])
    printf "| %s | %s | %.1f s, %d | %.1f s, %d | %s | %s | %s | %.1f s / %.1f s |", (l == "0" ? "0 ms" : l), work[s],
      wb, rb, wp, rp, ratio(wp, wb), ratio(rp, rb), ratio(median(al[p]), median(al[b])), median(pcpu[p]), median(tcpu[p])
    if (ref != "") printf " %.1f s, %d (%s) |", median(wall[r]), median(req[r]), ratio(median(wall[r]), wb)
    printf "\n"
  }
}' "$results" >>"$table"
echo
echo "Raw figures (latency step variant wall_s requests allocations provider_cpu_s total_cpu_s):"
cat "$results"
echo
echo "Ratios are provider / baseline (below 1 is better), medians of $rounds round(s). Baseline: scripts/bench/baseline, sequential go-github."
cat "$table"

if [[ "${BENCH_README:-0}" != 0 ]]; then
  readme="$root/README.md"
  grep -q '<!-- bench:start -->' "$readme" || { echo "bench: README.md has no <!-- bench:start --> marker" >&2; exit 1; }
  awk -v table="$table" '
    /<!-- bench:start -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0 }
    !skip { print }' "$readme" >"$tmp/README.md"
  cp "$tmp/README.md" "$readme"
  echo "README.md: table rewritten"
fi
