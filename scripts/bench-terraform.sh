#!/usr/bin/env bash
# Terraform-level benchmark of the two ways to write a retention policy, run
# by `make bench` after the client benchmarks. For one package of
# BENCH_VERSIONS versions (default 10,000), each pattern keeps the
# BENCH_KEEP newest (default 300):
#   baseline  ghpackages_versions, for_each over slice(ids, 0, KEEP): every
#             version object is in the state
#   policy    ghpackages_retention_policy with keep_newest = KEEP, for_each
#             over keep_ids (in a local, as the guide writes it): only ids
#             and reasons are in the state
# and times, with the terraform on PATH against a fresh fake GitHub each:
#   adopt     terraform apply: creates the KEEP retention resources
#   replan    terraform plan with nothing to change
#   destroy   terraform destroy: deletes the KEEP versions on the fake
# It prints seconds, the policy's time as a ratio of the baseline's, and the
# size of the state after adopting. BENCH_LATENCY=100ms delays every answer
# of the fake. The contract check of the fake is off, as in the Go benchmarks.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
versions="${BENCH_VERSIONS:-10000}"
keep="${BENCH_KEEP:-300}"
latency="${BENCH_LATENCY:-0s}"

command -v terraform >/dev/null 2>&1 || { echo "bench-terraform: terraform is not on PATH" >&2; exit 1; }

# shellcheck source=lib/fake-env.sh
source "$root/scripts/lib/fake-env.sh"
fake_env_init bench
fake_env_build
fake_env_cli_config

cat >"$tmp/seed.json" <<JSON
{
  "owners": [
    {"login": "acme", "type": "Organization", "members": ["octocat"], "packages": [
      {"name": "big", "type": "container", "created_days_ago": 400, "generate_versions": $versions}
    ]}
  ],
  "tokens": [
    {"token": "ghp_bench", "login": "octocat", "scopes": ["read:packages", "write:packages", "delete:packages", "repo"]}
  ]
}
JSON

header='
terraform {
  required_providers {
    ghpackages = {
      source = "ghpackages/ghpackages"
    }
  }
}

provider "ghpackages" {}
'
resource_block() {
  cat <<HCL
resource "ghpackages_package_version_retention" "keep" {
  for_each = toset([for id in $1 : tostring(id)])

  org                = "acme"
  package_type       = "container"
  package_name       = "big"
  package_version_id = each.value
}
HCL
}

write_config() {
  local dir="$tmp/work/$1"
  mkdir -p "$dir"
  printf '%s\n' "$header" >"$dir/main.tf"
  case "$1" in
    baseline)
      cat >>"$dir/main.tf" <<HCL
data "ghpackages_versions" "big" {
  org          = "acme"
  package_type = "container"
  package_name = "big"
}
HCL
      resource_block "slice(data.ghpackages_versions.big.ids, 0, $keep)" >>"$dir/main.tf"
      ;;
    policy)
      cat >>"$dir/main.tf" <<HCL
data "ghpackages_retention_policy" "big" {
  org          = "acme"
  package_type = "container"
  package_name = "big"
  keep_newest  = $keep
  # The generated versions have no registry manifests: the bench measures
  # the REST path, as the baseline pattern does.
  manifests = false
}
HCL
      # As the guide writes it: the for_each set in a local, evaluated once.
      cat >>"$dir/main.tf" <<HCL

locals {
  keep = toset([for id in data.ghpackages_retention_policy.big.keep_ids : tostring(id)])
}

resource "ghpackages_package_version_retention" "keep" {
  for_each = local.keep

  org                = "acme"
  package_type       = "container"
  package_name       = "big"
  package_version_id = each.value
}
HCL
      ;;
  esac
}

# timed PATTERN STEP terraform-args...: runs terraform, records seconds.
declare -A secs=() state_bytes=()
timed() {
  local pattern="$1" step="$2" start end status=0
  shift 2
  start="$(date +%s.%N)"
  TF_CLI_CONFIG_FILE="$tmp/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 \
    GITHUB_TOKEN=ghp_bench GITHUB_BASE_URL="$url" \
    terraform -chdir="$tmp/work/$pattern" "$@" >"$tmp/$pattern-$step.log" 2>&1 || status=$?
  end="$(date +%s.%N)"
  # plan -detailed-exitcode: 0 is "no changes", the only acceptable answer.
  if ((status != 0)); then
    cat "$tmp/$pattern-$step.log" >&2
    echo "bench-terraform: $pattern $step failed (exit $status)" >&2
    exit 1
  fi
  secs[$pattern,$step]="$(echo "$end - $start" | bc)"
  printf '  %-8s %-8s %7.1f s\n' "$pattern" "$step" "${secs[$pattern,$step]}"
}

echo "bench-terraform: $versions versions, keep $keep, latency $latency, $(TF_CLI_CONFIG_FILE=$tmp/terraformrc terraform version | sed -n 1p)"
for pattern in baseline policy; do
  fake_env_start "$pattern" -seed "$tmp/seed.json" -contract=false -latency "$latency" -rate-limit 1000000000
  url="$(eval echo "\$url_$pattern")"
  write_config "$pattern"
  timed "$pattern" adopt apply -auto-approve -no-color
  state_bytes[$pattern]="$(wc -c <"$tmp/work/$pattern/terraform.tfstate")"
  timed "$pattern" replan plan -detailed-exitcode -no-color
  timed "$pattern" destroy destroy -auto-approve -no-color
  fake_env_stop "$pattern"
done

echo
printf '%-10s %12s %12s %10s\n' "step" "baseline" "policy" "ratio"
for step in adopt replan destroy; do
  b="${secs[baseline,$step]}" p="${secs[policy,$step]}"
  printf '%-10s %10.1f s %10.1f s %9.2fx\n' "$step" "$b" "$p" "$(echo "$p / $b" | bc -l)"
done
printf '%-10s %10s B %10s B %9.3fx\n' "state" "${state_bytes[baseline]}" "${state_bytes[policy]}" \
  "$(echo "${state_bytes[policy]} / ${state_bytes[baseline]}" | bc -l)"
