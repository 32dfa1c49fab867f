package provider

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// ghCLITimeout bounds `gh auth token`: a hung keyring prompt must not hang
// terraform.
const ghCLITimeout = 10 * time.Second

// ghCLIWaitDelay bounds the wait for gh's output to close after gh exited
// (or was killed): a child process that gh leaves behind (a credential
// helper, a pager) can hold stdout open for ever, and the timeout above does
// not end that wait on its own.
const ghCLIWaitDelay = time.Second

// resolveToken finds the token in the documented order: the `token`
// attribute, GITHUB_TOKEN, GH_TOKEN, then the GitHub CLI for the API's host.
// It returns the token and where it came from (never the token in logs).
func resolveToken(ctx context.Context, attribute, host string) (token, source string) {
	if attribute != "" {
		// Trimmed as the environment's are: a token read with file() ends
		// with a newline, which is not valid in an Authorization header.
		return strings.TrimSpace(attribute), "the token attribute"
	}
	for _, env := range []string{"GITHUB_TOKEN", "GH_TOKEN"} {
		if v := strings.TrimSpace(os.Getenv(env)); v != "" {
			return v, env
		}
	}
	if v := ghCLIToken(ctx, host); v != "" {
		return v, "gh auth token --hostname " + host
	}
	return "", ""
}

// ghCLIToken asks the GitHub CLI for its token for host; empty when gh is not
// installed, not logged in to that host, or fails.
func ghCLIToken(ctx context.Context, host string) string {
	gh, err := exec.LookPath("gh")
	if err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, ghCLITimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, gh, "auth", "token", "--hostname", host)
	cmd.WaitDelay = ghCLIWaitDelay
	out, err := cmd.Output()
	if errors.Is(err, exec.ErrWaitDelay) {
		// gh exited with success and printed its token; only a child of it
		// kept stdout open.
		err = nil
	}
	if err != nil {
		tflog.Debug(ctx, "gh auth token gave no token", map[string]any{"host": host, "error": err.Error()})
		return ""
	}
	return strings.TrimSpace(string(out))
}

func noTokenDetail(host string) string {
	return "The provider found no GitHub token. Give one in any of these four ways (the first found wins):\n" +
		"  1. the provider's `token` attribute\n" +
		"  2. the GITHUB_TOKEN environment variable\n" +
		"  3. the GH_TOKEN environment variable\n" +
		"  4. the GitHub CLI: `gh auth login --hostname " + host + "` (the provider runs `gh auth token --hostname " + host + "`)\n\n" +
		"Use a personal access token (classic) with the scopes of what you do: read:packages to read; " +
		"read:packages and delete:packages to delete; read:packages and write:packages to restore; " +
		"and repo as well for repository-scoped registries (maven, nuget, rubygems, docker)."
}
