#!/usr/bin/env bash
# `make demo`: the provider at work against the project's fake GitHub, with no
# GitHub account and nothing but Go and terraform on the machine.
#
# It builds the provider and the fake, serves the fake on a free loopback port
# seeded with examples/demo/seed.json, points terraform at the built provider
# with dev_overrides in a CLI configuration of its own, and runs
# examples/demo (in a temporary copy) twice:
#   1. plan and apply: read the registry, apply a retention policy to acme's
#      container image web/app (the 3 newest versions, and the tags latest
#      and 2.1.*, each kept version with its reasons), restore the deleted
#      version tagged 2.0.0;
#   2. plan and apply with -var keep=2: the policy stops keeping the third
#      newest version, which is deleted;
#   3. a refresh that prints the outputs as they now are, and a plan that
#      finds nothing to do.
# Everything it starts or writes is removed on exit, also on Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"

command -v go >/dev/null 2>&1 || { echo "demo: go is not on PATH" >&2; exit 1; }
command -v terraform >/dev/null 2>&1 || {
  echo "demo: terraform is not on PATH (install it, or build one: go install github.com/hashicorp/terraform@v1.5.7)" >&2
  exit 1
}

# shellcheck source=lib/fake-env.sh
source "$root/scripts/lib/fake-env.sh"
fake_env_init demo

# Colours only on a terminal.
color=() bold="" plain=""
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else color=(-no-color); fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

step "Building the provider and the fake GitHub"
mkdir -p "$tmp/work"
fake_env_build

step "Starting the fake GitHub API (seed: examples/demo/seed.json)"
fake_env_start fake -seed "$root/examples/demo/seed.json"
url="$url_fake"
cat "$tmp/fake.log"

# A CLI configuration of the demo's own: terraform takes the provider from the
# build above instead of a registry.
fake_env_cli_config

# The demo's configuration: a copy of examples/demo and its variables for the
# fake. The token is the seed's octocat token, a member of the acme org.
cp "$root"/examples/demo/*.tf "$tmp/work/"
cat >"$tmp/work/demo.auto.tfvars" <<EOF
base_url     = "$url"
org          = "acme"
package_name = "web/app"
restore_tag  = "2.0.0"
EOF

# XDG_CACHE_HOME: the provider's manifest cache goes with the temporary files.
tf() {
  printf '\n$ terraform %s\n' "$*"
  TF_CLI_CONFIG_FILE="$tmp/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 XDG_CACHE_HOME="$tmp/cache" \
    GITHUB_TOKEN=ghp_demo_octocat \
    terraform -chdir="$tmp/work" "$@"
}

step "1. Plan: read the registry, keep the 3 newest versions of web/app and the tags latest and 2.1.*, restore the version tagged 2.0.0"
tf plan "${color[@]}" -out=keep3.tfplan
step "1. Apply"
tf apply "${color[@]}" keep3.tfplan
tf output "${color[@]}"
step "1. The policy: why each version is kept (output policy)"
tf output "${color[@]}" policy

step "2. Plan with keep=2: the policy no longer keeps the third newest version, which is deleted"
tf plan "${color[@]}" -var keep=2 -out=keep2.tfplan
step "2. Apply"
tf apply "${color[@]}" keep2.tfplan

step "3. Refresh: the registry after both applies, and a plan with nothing left to do"
tf apply "${color[@]}" -refresh-only -auto-approve -var keep=2
tf plan "${color[@]}" -var keep=2 -detailed-exitcode

step "Stopping the fake GitHub"
fake_env_stop fake
echo "The fake saw no OpenAPI contract violation."

cat <<'EOF'

Done. Against real GitHub, the same configuration runs with your own variables:
  GITHUB_TOKEN=... terraform -chdir=examples/demo apply -var org=YOUR_ORG -var package_name=YOUR_IMAGE
(with the provider installed, or a dev_overrides CLI configuration as this script writes).
EOF
