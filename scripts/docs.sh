#!/usr/bin/env bash
# `make docs` (scripts/docs.sh generate) renders docs/ from templates/,
# examples/ and the provider's schema with tfplugindocs; `make docs-check`
# (scripts/docs.sh check) also fails when the committed docs/ differs from
# what the sources render, or when `tfplugindocs validate` complains.
#
# Offline by construction. Left to itself, tfplugindocs builds the provider
# and runs `terraform providers schema -json` with the terraform on PATH, and
# downloads the latest terraform when there is none. Here the script builds the
# provider once, asks a terraform 1.14+ (see below) for the schema (installing the
# build with -plugin-dir, no registry), and hands tfplugindocs the JSON with
# --providers-schema, so tfplugindocs neither builds nor looks for terraform.
# tfplugindocs itself comes from the tools module (tools/go.mod) through the
# Go module proxy.
set -euo pipefail

mode="${1:-generate}"
case "$mode" in
  generate | check) ;;
  *) echo "usage: $0 generate|check" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CHECKPOINT_DISABLE=1

# The terraform that exports the schema must know list resources (1.14+):
# an older one leaves them out of the schema, and so out of docs/. It is
# $TERRAFORM, else the newest that .ci/run installed in .ci/bin/, else the
# terraform on PATH.
tf_minor() { "$1" version 2>/dev/null | sed -n 1p | sed -nE 's/^Terraform v1\.([0-9]+)\..*/\1/p'; }
terraform="${TERRAFORM:-}"
if [[ -z "$terraform" ]]; then
  for candidate in $(ls -d .ci/bin/*/terraform 2>/dev/null | sort -V -r) "$(command -v terraform || true)"; do
    if [[ -x "$candidate" ]]; then terraform="$candidate"; break; fi
  done
fi
if [[ -z "$terraform" || ! -x "$terraform" ]]; then
  echo "docs: no terraform: set TERRAFORM=/path/to/terraform (1.14 or later), or run .ci/run once, which builds" >&2
  echo "docs: terraform into .ci/bin/ (scripts/install-terraform.sh 1.16.4 .ci/bin/1.16.4). tfplugindocs is not allowed to download one." >&2
  exit 1
fi
minor="$(tf_minor "$terraform")"
if [[ -z "$minor" || "$minor" -lt 14 ]]; then
  echo "docs: $terraform is $("$terraform" version | sed -n 1p), which does not know list resources: the docs need" >&2
  echo "docs: terraform 1.14 or later. Set TERRAFORM=/path/to/terraform, or: scripts/install-terraform.sh 1.16.4 .ci/bin/1.16.4" >&2
  exit 1
fi
terraform="$(cd "$(dirname "$terraform")" && pwd)/$(basename "$terraform")"

# tfplugindocs treats examples/resources/*/import-by-identity.tf specially and
# fails when the schema has no resource identity, which is the case with every
# terraform before 1.12. The identity import examples are named
# import-identity.tf and included by the templates instead, so that the
# examples stay plannable by older terraforms (examples-check).
misnamed="$(find examples/resources -name import-by-identity.tf)"
if [[ -n "$misnamed" ]]; then
  echo "docs: rename to import-identity.tf (and include it from the resource's template):" >&2
  echo "$misnamed" >&2
  echo "docs: tfplugindocs rejects import-by-identity.tf when terraform is older than 1.12" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ghpackages-docs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# The schema. Terraform's JSON names the provider by its source address, and
# tfplugindocs looks the schema up as "ghpackages" or
# "registry.terraform.io/hashicorp/ghpackages", so the build is installed
# under that address (as tfplugindocs does itself); the address appears
# nowhere in the rendered docs.
plugin_dir="$tmp/plugins/registry.terraform.io/hashicorp/ghpackages/0.0.1/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "$plugin_dir" "$tmp/tf"
echo "docs: building the provider"
go build -o "$plugin_dir/terraform-provider-ghpackages" .
cat >"$tmp/tf/main.tf" <<'EOF'
terraform {
  required_providers {
    ghpackages = {
      source  = "hashicorp/ghpackages"
      version = "0.0.1"
    }
  }
}
EOF
: >"$tmp/terraformrc" # no user CLI configuration (mirrors, overrides) gets in the way
echo "docs: exporting the schema with $(TF_CLI_CONFIG_FILE="$tmp/terraformrc" "$terraform" version | sed -n 1p) ($terraform)"
(
  cd "$tmp/tf"
  export TF_CLI_CONFIG_FILE="$tmp/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0
  unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR
  "$terraform" init -backend=false -plugin-dir="$tmp/plugins" >"$tmp/init.log" 2>&1 \
    || { cat "$tmp/init.log" >&2; exit 1; }
  "$terraform" providers schema -json >"$tmp/schema.json"
)

tfplugindocs() {
  go -C "$root/tools" run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs "$@"
}

echo "docs: rendering docs/"
tfplugindocs generate --provider-dir "$root" --provider-name ghpackages --providers-schema "$tmp/schema.json"

if [[ "$mode" == check ]]; then
  echo "docs: checking that the committed docs/ is up to date"
  stale=0
  git diff --exit-code --stat -- docs/ || stale=1
  untracked="$(git ls-files --others --exclude-standard -- docs/)"
  if [[ -n "$untracked" ]]; then
    echo "untracked files in docs/:"
    echo "$untracked"
    stale=1
  fi
  if [[ "$stale" -ne 0 ]]; then
    echo "docs: docs/ is stale: run 'make docs' and commit the result" >&2
    exit 1
  fi
  echo "docs: validating docs/"
  tfplugindocs validate --provider-dir "$root" --provider-name ghpackages --providers-schema "$tmp/schema.json"
fi
echo "docs: ok"
