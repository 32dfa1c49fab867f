#!/usr/bin/env bash
# Where the time of `terraform apply` of ghpackages_versions over 10,000
# versions goes, phase by phase, from terraform's own log timestamps
# (TF_LOG_CORE=trace: terraform core only, the provider stays quiet) and the
# provider's own CPU time (a -tags pprof build, GHPACKAGES_STATS):
#
#   before the read   terraform starts, validates, starts the provider
#   the read          ReadDataSource: the provider lists the pages, converts
#                     them, the framework encodes the answer, terraform
#                     decodes it
#   after the read    terraform alone: checks the answer against the schema,
#                     writes the object into its state, evaluates the output,
#                     applies, writes terraform.tfstate
#
# and the baseline client's wall time for the same listing. The phase after
# the read is terraform's own, whatever the provider does; with the phase
# before it, it is the floor under any provider.
#
#   scripts/bench/list-phases.sh            # at 0 ms and 100 ms a request
#   LATENCIES="0 50ms" scripts/bench/list-phases.sh
#   GHPACKAGES_CPUPROFILE=/tmp/cpu scripts/bench/list-phases.sh   # and a CPU
#                                           # profile per provider process
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v terraform >/dev/null 2>&1 || { echo "list-phases: terraform is not on PATH" >&2; exit 1; }

# shellcheck source=../lib/fake-env.sh
source "$root/scripts/lib/fake-env.sh"
fake_env_init list-phases
mkdir -p "$tmp/bin" "$tmp/list"
(cd "$root" && go build -tags pprof -o "$tmp/bin/" . ./internal/fakegithub/cmd/fakegithub ./scripts/bench/baseline)
fake_env_cli_config
cp "$root/scripts/bench/config/provider.tf" "$root/scripts/bench/config/list.tf" "$tmp/list/"

# seconds LOG PATTERN: the time of the first log line matching PATTERN, in
# seconds since midnight.
seconds() {
  grep -m1 "$2" "$1" | awk '{ split(substr($1, 12, 12), t, ":"); printf "%.3f", t[1] * 3600 + t[2] * 60 + t[3] }'
}

echo "$(terraform version | sed -n 1p), $(nproc) cores"
printf '%-8s %9s %9s %9s %9s %9s %14s\n' latency baseline terraform "before" "the read" "after" "provider CPU"
for lat in ${LATENCIES:-0 100ms}; do
  name="fake_${lat//[^a-z0-9]/_}"
  fake_env_start "$name" -seed "$root/scripts/bench/seed.json" -contract=false -latency "${lat/#0/0s}"
  url_var="url_$name"
  url="${!url_var}"
  TIMEFORMAT='%3R'
  base="$({ time "$tmp/bin/baseline" -url "$url" -token ghp_bench -org acme -type npm -name big list >/dev/null; } 2>&1)"
  rm -f "$tmp/list/terraform.tfstate" "$tmp/stats" "$tmp/core.log"
  start="$(date +%s.%N)"
  (cd "$tmp/list" && TF_CLI_CONFIG_FILE="$tmp/terraformrc" TF_LOG_CORE=trace TF_LOG_PATH="$tmp/core.log" \
    GHPACKAGES_STATS="$tmp/stats" terraform apply -auto-approve -no-color -input=false -var "base_url=$url" >"$tmp/apply.log") ||
    { cat "$tmp/apply.log" >&2; exit 1; }
  end="$(date +%s.%N)"
  # Log timestamps are UTC wall clock: the start and end of the command in
  # the same terms.
  day_start="$(awk -v s="$start" 'BEGIN { printf "%.3f", s - int(s / 86400) * 86400 }')"
  day_end="$(awk -v s="$end" 'BEGIN { printf "%.3f", s - int(s / 86400) * 86400 }')"
  sent="$(seconds "$tmp/core.log" 'GRPCProvider.v6: ReadDataSource')"
  answered="$(seconds "$tmp/core.log" 'writeResourceInstanceState: writing state object for data.ghpackages_versions.big')"
  cpu="$(awk '{ n += $2 } END { printf "%.2f", n / 1000 }' "$tmp/stats")"
  awk -v lat="$lat" -v base="$base" -v s="$day_start" -v e="$day_end" -v sent="$sent" -v ans="$answered" -v cpu="$cpu" 'BEGIN {
    printf "%-8s %8.2fs %8.2fs %8.2fs %8.2fs %8.2fs %13.2fs\n", lat, base, e - s, sent - s, ans - sent, e - ans, cpu }'
  fake_env_stop "$name"
done
