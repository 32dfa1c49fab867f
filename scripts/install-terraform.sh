#!/usr/bin/env bash
# scripts/install-terraform.sh VERSION DIR
#
# Puts a terraform VERSION binary at DIR/terraform, built from source fetched
# through the Go module proxy: the only place this project's machines can get
# terraform from. Binaries are cached by version under
# ${GHPACKAGES_TF_CACHE:-$HOME/.cache/ghpackages-terraform}/VERSION, so a warm
# machine builds each version once.
#
# Why not `go install github.com/hashicorp/terraform@VERSION`? From 1.14 on,
# terraform's go.mod has `replace` directives for the remote-state backends
# (internal/backend/remote-state/*) and internal/legacy, nested modules that
# the module zip does not contain; `go install` refuses replace directives.
# So the build:
#   1. downloads the module with `go mod download`, outside any module: the go
#      command checks the zip against the checksum database (GOSUMDB,
#      sum.golang.org unless configured otherwise; the script refuses
#      GOSUMDB=off) before it enters the module cache, and the build then
#      checks every dependency against terraform's own go.sum;
#   2. copies it somewhere writable;
#   3. drops the replace and require lines of the nested modules from go.mod,
#      and those backends from internal/backend/init/init.go;
#   4. builds with -mod=mod, stamping the version as HashiCorp's release build
#      does (version.dev=no), so that `terraform version` prints VERSION and
#      not VERSION-dev.
# The result is the real terraform core and CLI with the local, inmem, http,
# remote and cloud backends; it lacks only the cloud-storage state backends
# (azurerm, consul, cos, gcs, kubernetes, oss, pg, s3, oci), which no test
# here uses. Older versions, whose go.mod has no such replaces, are built
# with plain `go install`.
set -euo pipefail

version="${1:?usage: install-terraform.sh VERSION DIR}"
version="${version#v}"
dir="${2:?usage: install-terraform.sh VERSION DIR}"
cache="${GHPACKAGES_TF_CACHE:-$HOME/.cache/ghpackages-terraform}/$version"

mkdir -p "$dir" "$(dirname "$cache")"
dir="$(cd "$dir" && pwd)"
# One build per version at a time: a second caller waits for the first and
# then takes its binary from the cache.
exec 9>"$cache.lock"
flock 9

if [ -x "$cache/terraform" ] && "$cache/terraform" version 2>/dev/null | sed -n 1p | grep -qx "Terraform v$version"; then
  cp "$cache/terraform" "$dir/terraform"
  echo "terraform $version: from the cache ($cache)" >&2
  exit 0
fi

export GOFLAGS=-mod=mod
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
if [ "$(go env GOSUMDB)" = off ]; then
  echo "install-terraform.sh: GOSUMDB=off: refusing to build terraform from a download that is not sum-checked" >&2
  exit 1
fi
module="github.com/hashicorp/terraform@v$version"
# Outside any module, so that no project's go.mod or go.sum is touched.
cd /
src="$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
  echo "install-terraform.sh: could not download $module from the Go module proxy" >&2
  exit 1
fi

ldflags="-s -w -X github.com/hashicorp/terraform/version.dev=no"
mkdir -p "$cache"
started=$(date +%s)
if ! grep -q '^replace ' "$src/go.mod"; then
  # Before 1.14: a plain go install builds it.
  bin="$(mktemp -d)"
  GOBIN="$bin" go install -ldflags "$ldflags" "$module"
  mv "$bin/terraform" "$cache/terraform"
  rmdir "$bin"
else
  work="$(mktemp -d)"
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  # Step 3: the nested modules are gone from go.mod ...
  sed -i -E '/^replace github\.com\/hashicorp\/terraform\/internal\//d;
             /^[[:space:]]*github\.com\/hashicorp\/terraform\/internal\/[^ ]+ v0\.0\.0-00010101000000-000000000000/d' "$work/go.mod"
  # ... and their backends from the registry of backends.
  init="$work/internal/backend/init/init.go"
  for b in azure consul cos gcs kubernetes oci oss pg s3; do
    sed -i -E "/\"github\.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/$b\"/d" "$init"
  done
  sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)\.New\(\)/d' "$init"
  (cd "$work" && go build -trimpath -ldflags "$ldflags" -o "$cache/terraform" .)
fi
echo "terraform $version: built in $(( $(date +%s) - started )) s" >&2
"$cache/terraform" version | sed -n 1p | grep -qx "Terraform v$version" || {
  echo "install-terraform.sh: the built binary does not report v$version:" >&2
  "$cache/terraform" version >&2
  exit 1
}
cp "$cache/terraform" "$dir/terraform"
