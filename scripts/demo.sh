#!/usr/bin/env bash
# `make demo`: the provider at work against the project's fake GitHub, with no
# GitHub account and nothing but Go and terraform on the machine.
#
# It builds the provider and the fake, serves the fake on a free loopback port
# seeded with examples/demo/seed.json, points terraform at the built provider
# with dev_overrides in a CLI configuration of its own, and runs
# examples/demo (in a temporary copy) twice:
#   1. plan and apply: read the registry, keep the 3 newest versions of
#      acme's container image web/app, restore the deleted version tagged 2.0.0;
#   2. plan and apply with -var keep=2: the third newest version leaves the
#      window and is deleted;
#   3. a refresh that prints the outputs as they now are, and a plan that
#      finds nothing to do.
# Everything it starts or writes is removed on exit, also on Ctrl-C.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1

command -v go >/dev/null 2>&1 || { echo "demo: go is not on PATH" >&2; exit 1; }
command -v terraform >/dev/null 2>&1 || {
  echo "demo: terraform is not on PATH (install it, or build one: go install github.com/hashicorp/terraform@v1.5.7)" >&2
  exit 1
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ghpackages-demo.XXXXXX")"
fake_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$fake_pid" ]] && kill -0 "$fake_pid" 2>/dev/null; then
    kill -TERM "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'echo; echo "demo: interrupted, cleaning up" >&2; exit 130' INT
trap 'exit 143' TERM

# Colours only on a terminal.
color=() bold="" plain=""
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else color=(-no-color); fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

step "Building the provider and the fake GitHub"
mkdir -p "$tmp/bin" "$tmp/work"
# One go build for both: they share the compiled packages and link in parallel.
(cd "$root" && go build -o "$tmp/bin/" . ./internal/fakegithub/cmd/fakegithub)
[[ -x "$tmp/bin/terraform-provider-ghpackages" && -x "$tmp/bin/fakegithub" ]] || {
  echo "demo: go build made no terraform-provider-ghpackages and fakegithub in $tmp/bin" >&2
  exit 1
}

step "Starting the fake GitHub API (seed: examples/demo/seed.json)"
"$tmp/bin/fakegithub" -seed "$root/examples/demo/seed.json" -listen 127.0.0.1:0 \
  -url-file "$tmp/url" >"$tmp/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do
  [[ -s "$tmp/url" ]] && break
  kill -0 "$fake_pid" 2>/dev/null || { cat "$tmp/fake.log" >&2; echo "demo: the fake GitHub did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -s "$tmp/url" ]] || { echo "demo: the fake GitHub wrote no URL in 10 s" >&2; exit 1; }
url="$(cat "$tmp/url")"
cat "$tmp/fake.log"

# A CLI configuration of the demo's own: terraform takes the provider from the
# build above instead of a registry. It applies to the demo's terraform runs
# only; ~/.terraformrc and the caller's TF_CLI_CONFIG_FILE are left alone.
cat >"$tmp/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/ghpackages/ghpackages" = "$tmp/bin"
  }
  direct {}
}
EOF

# The demo's configuration: a copy of examples/demo and its variables for the
# fake. The token is the seed's octocat token, a member of the acme org.
cp "$root"/examples/demo/*.tf "$tmp/work/"
cat >"$tmp/work/demo.auto.tfvars" <<EOF
base_url     = "$url"
org          = "acme"
package_name = "web/app"
restore_tag  = "2.0.0"
EOF

tf() {
  printf '\n$ terraform %s\n' "$*"
  TF_CLI_CONFIG_FILE="$tmp/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 \
    GITHUB_TOKEN=ghp_demo_octocat \
    terraform -chdir="$tmp/work" "$@"
}

step "1. Plan: read the registry, keep the 3 newest versions of web/app, restore the version tagged 2.0.0"
tf plan "${color[@]}" -out=keep3.tfplan
step "1. Apply"
tf apply "${color[@]}" keep3.tfplan
tf output "${color[@]}"

step "2. Plan with keep=2: the third newest version leaves the window and is deleted"
tf plan "${color[@]}" -var keep=2 -out=keep2.tfplan
step "2. Apply"
tf apply "${color[@]}" keep2.tfplan

step "3. Refresh: the registry after both applies, and a plan with nothing left to do"
tf apply "${color[@]}" -refresh-only -auto-approve -var keep=2
tf plan "${color[@]}" -var keep=2 -detailed-exitcode

step "Stopping the fake GitHub"
kill -TERM "$fake_pid"
if ! wait "$fake_pid"; then
  fake_pid=""
  cat "$tmp/fake.log" >&2
  echo "demo: the fake GitHub reported problems (above)" >&2
  exit 1
fi
fake_pid=""
echo "The fake saw no OpenAPI contract violation."

cat <<'EOF'

Done. Against real GitHub, the same configuration runs with your own variables:
  GITHUB_TOKEN=... terraform -chdir=examples/demo apply -var org=YOUR_ORG -var package_name=YOUR_IMAGE
(with the provider installed, or a dev_overrides CLI configuration as this script writes).
EOF
