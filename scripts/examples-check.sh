#!/usr/bin/env bash
# `make examples-check`: the examples that the docs show are `terraform fmt`
# clean and work: each one is planned with the built provider against the
# project's fake GitHub (internal/fakegithub), seeded with the state the
# example was written for.
#   examples/data-sources/*, examples/resources/*  the fake's DefaultSeed
#   examples/guides/*                              examples/demo/seed.json
# examples/demo is `make demo`'s. Identity import blocks (import-identity.tf)
# need terraform 1.12 and are left out when terraform is older.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CHECKPOINT_DISABLE=1

command -v terraform >/dev/null 2>&1 || { echo "examples-check: terraform is not on PATH" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ghpackages-examples.XXXXXX")"
pids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "examples-check: building the provider and the fake GitHub"
mkdir -p "$tmp/bin"
go build -o "$tmp/bin/" . ./internal/fakegithub/cmd/fakegithub

# start_fake NAME [SEED]: serves a fake and sets url_NAME.
start_fake() {
  local name="$1"
  shift
  "$tmp/bin/fakegithub" "$@" -listen 127.0.0.1:0 -url-file "$tmp/$name.url" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    [[ -s "$tmp/$name.url" ]] && break
    sleep 0.1
  done
  [[ -s "$tmp/$name.url" ]] || { cat "$tmp/$name.log" >&2; echo "examples-check: the fake did not start" >&2; exit 1; }
  printf -v "url_$name" '%s' "$(cat "$tmp/$name.url")"
}
start_fake default
start_fake demo -seed examples/demo/seed.json

cat >"$tmp/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/ghpackages/ghpackages" = "$tmp/bin"
  }
  direct {}
}
EOF

# The check's own CLI configuration, for every terraform run below.
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"

echo "examples-check: terraform fmt -check -recursive examples"
terraform fmt -check -recursive examples

identity=true
tf_version="$(terraform version | head -n1 | sed -E 's/^Terraform v([0-9]+)\.([0-9]+).*/\1 \2/')"
read -r major minor <<<"$tf_version"
if ((major == 1 && minor < 12)); then identity=false; fi

# check DIR URL TOKEN: plans a copy of DIR against the fake at URL.
failed=0
check() {
  local dir="$1" url="$2" token="$3" work
  work="$tmp/work/${dir//\//_}"
  mkdir -p "$work"
  cp "$dir"/*.tf "$work/"
  if [[ "$identity" == false ]]; then rm -f "$work/import-identity.tf"; fi
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
  if TF_IN_AUTOMATION=1 TF_INPUT=0 \
    GITHUB_TOKEN="$token" GITHUB_BASE_URL="$url" \
    terraform -chdir="$work" plan -no-color -lock=false >"$work/plan.log" 2>&1; then
    echo "ok    $dir: $(grep -E '^(Plan:|No changes|Changes to Outputs)' "$work/plan.log" | head -n1)"
  else
    echo "FAIL  $dir"
    sed 's/^/      /' "$work/plan.log"
    failed=1
  fi
}

for dir in examples/data-sources/*/ examples/resources/*/; do
  check "${dir%/}" "$url_default" ghp_fulltoken
done
for dir in examples/guides/*/; do
  check "${dir%/}" "$url_demo" ghp_demo_octocat
done

if ((failed)); then
  echo "examples-check: some examples do not work (above)" >&2
  exit 1
fi
echo "examples-check: ok"
