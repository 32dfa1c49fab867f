#!/usr/bin/env bash
# `make examples-check`: the examples that the docs show are `terraform fmt`
# clean and work: each one is planned with the built provider against the
# project's fake GitHub (internal/fakegithub), seeded with the state the
# example was written for.
#   examples/data-sources/*, examples/resources/*  the fake's DefaultSeed
#   examples/guides/*                              examples/demo/seed.json
# examples/demo is `make demo`'s. Identity import blocks (import-identity.tf)
# need terraform 1.12 and are left out when terraform is older; the list
# resources' queries (examples/list-resources, *.tfquery.hcl) run with
# `terraform query` on terraform 1.14 and later.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v terraform >/dev/null 2>&1 || { echo "examples-check: terraform is not on PATH" >&2; exit 1; }

# shellcheck source=lib/fake-env.sh
source "$root/scripts/lib/fake-env.sh"
fake_env_init examples

echo "examples-check: building the provider and the fake GitHub"
fake_env_build

fake_env_start default
fake_env_start demo -seed examples/demo/seed.json
fake_env_cli_config

# The check's own CLI configuration, for every terraform run below.
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"

echo "examples-check: terraform fmt -check -recursive examples"
terraform fmt -check -recursive examples

identity=true query=true
tf_version="$(terraform version | sed -n 1p | sed -E 's/^Terraform v([0-9]+)\.([0-9]+).*/\1 \2/')"
read -r major minor <<<"$tf_version"
if ((major == 1 && minor < 12)); then identity=false; fi
if ((major == 1 && minor < 14)); then query=false; fi

# check DIR URL TOKEN [WITHOUT]: plans a copy of DIR, less the file WITHOUT,
# with the extra plan arguments in plan_args,
# against the fake at URL. A resource's two import examples import the same
# resource (by ID and by identity), which one configuration cannot do: the
# loop below plans each without the other.
failed=0
plan_args=()
check() {
  local dir="$1" url="$2" token="$3" without="${4:-}" work
  work="$tmp/work/${dir//\//_}${without:+_without_$without}"
  mkdir -p "$work"
  cp "$dir"/*.tf "$work/"
  if [[ -n "$without" ]]; then rm -f "$work/$without"; fi
  # Examples name only the resource types: tell terraform where the
  # provider comes from (registry.terraform.io/hashicorp/ghpackages otherwise).
  if ! grep -q required_providers "$work"/*.tf; then
    cat >"$work/zz_provider.tf" <<'EOF'
terraform {
  required_providers {
    ghpackages = {
      source = "ghpackages/ghpackages"
    }
  }
}
EOF
  fi
  # XDG_CACHE_HOME: the provider's manifest cache stays in the check's
  # temporary directory.
  if TF_IN_AUTOMATION=1 TF_INPUT=0 XDG_CACHE_HOME="$tmp/cache" \
    GITHUB_TOKEN="$token" GITHUB_BASE_URL="$url" \
    terraform -chdir="$work" plan -no-color -lock=false "${plan_args[@]}" >"$work/plan.log" 2>&1; then
    echo "ok    $dir${without:+ (without $without)}: $(grep -m1 -E '^(Plan:|No changes|Changes to Outputs)' "$work/plan.log")"
  else
    echo "FAIL  $dir${without:+ (without $without)}"
    sed 's/^/      /' "$work/plan.log"
    failed=1
  fi
}

# check_query DIR URL TOKEN: runs `terraform query` on a copy of DIR (list
# resources, terraform 1.14+) against the fake at URL; it must find something.
check_query() {
  local dir="$1" url="$2" token="$3" work
  work="$tmp/work/${dir//\//_}"
  mkdir -p "$work"
  cp "$dir"/*.tfquery.hcl "$work/"
  cat >"$work/zz_provider.tf" <<'EOF'
terraform {
  required_providers {
    ghpackages = {
      source = "ghpackages/ghpackages"
    }
  }
}
EOF
  if TF_IN_AUTOMATION=1 TF_INPUT=0 \
    GITHUB_TOKEN="$token" GITHUB_BASE_URL="$url" \
    terraform -chdir="$work" query -no-color >"$work/query.log" 2>&1 && grep -q '^list\.' "$work/query.log"; then
    echo "ok    $dir: $(grep -c '^list\.' "$work/query.log") result(s) from terraform query"
  else
    echo "FAIL  $dir"
    sed 's/^/      /' "$work/query.log"
    failed=1
  fi
}

for dir in examples/data-sources/*/; do
  check "${dir%/}" "$url_default" ghp_fulltoken
done
for dir in examples/resources/*/; do
  if [[ ! -f "$dir/import-identity.tf" ]]; then
    check "${dir%/}" "$url_default" ghp_fulltoken
    continue
  fi
  check "${dir%/}" "$url_default" ghp_fulltoken import-identity.tf
  if [[ "$identity" == true ]]; then
    check "${dir%/}" "$url_default" ghp_fulltoken import-by-string-id.tf
  else
    echo "skip  ${dir%/}/import-identity.tf: import by identity needs terraform 1.12"
  fi
done
for dir in examples/list-resources/*/; do
  if [[ "$query" == true ]]; then
    check_query "${dir%/}" "$url_default" ghp_fulltoken
  else
    echo "skip  ${dir%/}: terraform query needs terraform 1.14"
  fi
done
# Actions (terraform 1.14+): `terraform plan -invoke`, the action's preview.
for dir in examples/actions/*/; do
  if [[ "$query" != true ]]; then
    echo "skip  ${dir%/}: actions need terraform 1.14"
    continue
  fi
  plan_args=()
  for address in $(sed -nE 's/^action "([a-z0-9_]+)" "([A-Za-z0-9_-]+)".*/action.\1.\2/p' "$dir"/*.tf); do
    plan_args+=("-invoke=$address")
  done
  check "${dir%/}" "$url_default" ghp_fulltoken
  plan_args=()
done
for dir in examples/guides/*/; do
  check "${dir%/}" "$url_demo" ghp_demo_octocat
done

if ((failed)); then
  echo "examples-check: some examples do not work (above)" >&2
  exit 1
fi
echo "examples-check: ok"
