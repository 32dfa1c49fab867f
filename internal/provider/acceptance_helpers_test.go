package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// Acceptance tests run the real terraform CLI (TF_ACC=1) against the
// provider served in-process and the fake GitHub started per test on
// 127.0.0.1:0. The fake validates every request and response against
// GitHub's OpenAPI description and fails the test on any violation.

// Tokens of fakegithub.DefaultSeed.
const (
	tokenFull     = fakegithub.TokenFull     // octocat: read, write, delete packages, repo
	tokenReadOnly = fakegithub.TokenReadOnly // octocat: read:packages
	tokenHubot    = fakegithub.TokenHubot
	tokenApp      = fakegithub.TokenApp
	tokenActions  = fakegithub.TokenActions
)

// testProviderFactories serves the provider with backoff waits shrunk, so
// that tests with injected faults spend milliseconds, not seconds, per retry.
func testProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return testProviderFactoriesWith(nil)
}

// testProviderFactoriesWith also lets a test adjust the client configuration.
func testProviderFactoriesWith(adjust func(*ghclient.Config)) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ghpackages": providerserver.NewProtocol6WithError(&ghpackagesProvider{
			version: "test",
			clientOverrides: func(c *ghclient.Config) {
				c.Retry.WaitMin = 5 * time.Millisecond
				c.Retry.WaitMax = 50 * time.Millisecond
				if adjust != nil {
					adjust(c)
				}
			},
			// Tests never write to the user's manifest cache.
			registryOverrides: func(c *registry.Config) { c.CacheDir = "" },
		}),
	}
}

// startFake starts the fake GitHub with the default seed, or with seed.
func startFake(t *testing.T, seed ...fakegithub.Seed) *fakegithub.Server {
	t.Helper()
	s := fakegithub.DefaultSeed()
	if len(seed) > 0 {
		s = seed[0]
	}
	return fakegithub.Start(t, s)
}

// providerConfig is the provider block for the fake: base_url without a
// path, so every acceptance test also goes through the GitHub Enterprise
// Server mapping to /api/v3/. extra lines go inside the block.
func providerConfig(fake *fakegithub.Server, token string, extra ...string) string {
	return fmt.Sprintf(`
provider "ghpackages" {
  base_url = %q
  token    = %q
  %s
}
`, fake.URL(), token, strings.Join(extra, "\n  "))
}

// expectError compiles an ExpectError pattern in which each space matches
// any run of white space: Terraform wraps diagnostics at 80 columns.
func expectError(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// assertNoRequests proves that invalid configurations were refused before
// the provider called GitHub: the fake saw nothing.
func assertNoRequests(t *testing.T, fake *fakegithub.Server) {
	t.Helper()
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Errorf("invalid input reached GitHub: %d request(s), the first %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
	}
}
