# shellcheck shell=bash
# Sourced by demo.sh and examples-check.sh: what both need to run terraform
# against the project's fake GitHub with a local build of the provider.
#
#   fake_env_init NAME          a temporary directory ($tmp), removed on exit
#                               with every fake started below, also on Ctrl-C
#   fake_env_build              $tmp/bin/terraform-provider-ghpackages and
#                               $tmp/bin/fakegithub, in one go build
#   fake_env_start NAME [FLAGS] serves a fake on a free loopback port; sets
#                               url_NAME; its log is $tmp/NAME.log
#   fake_env_stop NAME          stops it; fails when the fake reports contract
#                               violations (it exits 1 then)
#   fake_env_cli_config         $tmp/terraformrc: dev_overrides to the build,
#                               for TF_CLI_CONFIG_FILE (~/.terraformrc and the
#                               caller's TF_CLI_CONFIG_FILE are left alone)
#
# The caller sets `root` (the repository) and `set -euo pipefail`.

export CHECKPOINT_DISABLE=1
declare -A fake_env_pids=()

fake_env_init() {
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/ghpackages-$1.XXXXXX")"
  trap fake_env_cleanup EXIT
  trap 'echo; echo "interrupted, cleaning up" >&2; exit 130' INT
  trap 'exit 143' TERM
}

fake_env_cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${fake_env_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
  exit "$status"
}

fake_env_build() {
  mkdir -p "$tmp/bin"
  # One go build for both: they share the compiled packages and link in parallel.
  (cd "$root" && go build -o "$tmp/bin/" . ./internal/fakegithub/cmd/fakegithub)
  [[ -x "$tmp/bin/terraform-provider-ghpackages" && -x "$tmp/bin/fakegithub" ]] || {
    echo "go build made no terraform-provider-ghpackages and fakegithub in $tmp/bin" >&2
    exit 1
  }
}

fake_env_start() {
  local name="$1" pid
  shift
  "$tmp/bin/fakegithub" "$@" -listen 127.0.0.1:0 -url-file "$tmp/$name.url" >"$tmp/$name.log" 2>&1 &
  pid=$!
  fake_env_pids[$name]=$pid
  for _ in $(seq 100); do
    [[ -s "$tmp/$name.url" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/$name.log" >&2; echo "the fake GitHub ($name) did not start" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$tmp/$name.url" ]] || { echo "the fake GitHub ($name) wrote no URL in 10 s" >&2; exit 1; }
  printf -v "url_$name" '%s' "$(cat "$tmp/$name.url")"
}

fake_env_stop() {
  local name="$1" pid="${fake_env_pids[$1]}"
  unset "fake_env_pids[$name]"
  kill -TERM "$pid"
  if ! wait "$pid"; then
    cat "$tmp/$name.log" >&2
    echo "the fake GitHub ($name) reported problems (above)" >&2
    return 1
  fi
}

fake_env_cli_config() {
  printf '%s\n' \
    'provider_installation {' \
    '  dev_overrides {' \
    "    \"registry.terraform.io/ghpackages/ghpackages\" = \"$tmp/bin\"" \
    '  }' \
    '  direct {}' \
    '}' >"$tmp/terraformrc"
}
