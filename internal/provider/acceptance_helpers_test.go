package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// Acceptance tests run the real terraform CLI (TF_ACC=1) against the
// provider served in-process and the fake GitHub started per test on
// 127.0.0.1:0. The fake validates every request and response against
// GitHub's OpenAPI description and fails the test on any violation.
//
// The helpers the tests share live in three files:
//   - this one: the provider, the fake, configurations (HCL), state checks
//     and ExpectError patterns;
//   - server_checks_test.go: checks of what the fake GitHub holds;
//   - request_window_test.go: checks of the requests the fake received.

// Tokens of fakegithub.DefaultSeed.
const (
	tokenFull     = fakegithub.TokenFull     // octocat: read, write, delete packages, repo
	tokenReadOnly = fakegithub.TokenReadOnly // octocat: read:packages
	tokenHubot    = fakegithub.TokenHubot
	tokenApp      = fakegithub.TokenApp
	tokenActions  = fakegithub.TokenActions
)

// --- The provider and the fake ---

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

// The data source tests run the fake on a fixed clock, so that every
// timestamp the fake derives from the seed ("created 120 days ago") is known
// to the second and can be checked exactly.
var dataSourceTestNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// startFakeAtFixedTime is startFake on dataSourceTestNow.
func startFakeAtFixedTime(t *testing.T, seed fakegithub.Seed) *fakegithub.Server {
	t.Helper()
	return fakegithub.Start(t, seed, fakegithub.WithClock(func() time.Time { return dataSourceTestNow }))
}

// daysAgo is the timestamp the fake sends for something the seed dates
// that many days before dataSourceTestNow.
func daysAgo(days float64) string {
	return dataSourceTestNow.Add(-time.Duration(days * float64(24*time.Hour))).Format(time.RFC3339)
}

// pathWithOnly returns a PATH that finds terraform (the tests need it) and
// the given directories, and nothing else: no real gh CLI.
func pathWithOnly(t *testing.T, dirs ...string) string {
	t.Helper()
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal(err)
	}
	tfDir := t.TempDir()
	if err := os.Symlink(tf, filepath.Join(tfDir, "terraform")); err != nil {
		t.Fatal(err)
	}
	return strings.Join(append(dirs, tfDir), string(os.PathListSeparator))
}

// fakeGH writes a gh CLI stand-in that prints token for exactly
// `gh auth token --hostname host`, and fails otherwise.
func fakeGH(t *testing.T, host, token string) string {
	t.Helper()
	dir := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$*\" = \"auth token --hostname %s\" ]; then echo %s; exit 0; fi\necho \"unexpected: $*\" >&2\nexit 1\n", host, token)
	if err := os.WriteFile(filepath.Join(dir, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// --- Configurations ---

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

// bareProvider configures only base_url, so that the token must come from
// the environment or the gh CLI.
func bareProvider(fake *fakegithub.Server) string {
	return fmt.Sprintf("provider \"ghpackages\" {\n  base_url = %q\n}\n", fake.URL())
}

// A data source that needs the API, so that Terraform configures the
// provider and the provider calls GitHub.
const containerPackagesOfAcme = `
data "ghpackages_packages" "acme" {
  org          = "acme"
  package_type = "container"
}
`

// testOwner is one of the three kinds of owner: its line in a resource
// block, the login the fake knows it by, and its part of the fake's route
// templates.
type testOwner struct {
	line        string // `org = "acme"`, `user = "hubot"` or nothing
	login       string
	routePrefix string
}

var (
	ownerAcme  = testOwner{`org = "acme"`, "acme", "/orgs/{org}"}
	ownerHubot = testOwner{`user = "hubot"`, "hubot", "/users/{username}"}
	ownerMe    = testOwner{"", "octocat", "/user"} // the account of tokenFull and tokenReadOnly
	// The organization of the seed's multi-arch container images.
	ownerImagesmith = testOwner{`org = "imagesmith"`, "imagesmith", "/orgs/{org}"}
)

// Route templates below the owner, as fake.Requests reports them.
const (
	packageRoute = "/packages/{package_type}/{package_name}"
	versionRoute = packageRoute + "/versions/{package_version_id}"
)

// route is the fake's name of a route of this owner, such as
// "DELETE /orgs/{org}/packages/{package_type}/{package_name}".
func (o testOwner) route(method, rest string) string {
	return method + " " + o.routePrefix + rest
}

// versionRetentionHCL is one ghpackages_package_version_retention block;
// extra lines (provider = ..., lifecycle) go inside it.
func versionRetentionHCL(label string, o testOwner, pkgType, pkgName string, id int64, extra ...string) string {
	return fmt.Sprintf(`
resource "ghpackages_package_version_retention" %q {
  %s
  package_type       = %q
  package_name       = %q
  package_version_id = %d
  %s
}
`, label, o.line, pkgType, pkgName, id, strings.Join(extra, "\n  "))
}

// packageRetentionHCL is one ghpackages_package_retention block.
func packageRetentionHCL(label string, o testOwner, pkgType, pkgName string, extra ...string) string {
	return fmt.Sprintf(`
resource "ghpackages_package_retention" %q {
  %s
  package_type = %q
  package_name = %q
  %s
}
`, label, o.line, pkgType, pkgName, strings.Join(extra, "\n  "))
}

// joinLines indents configuration lines for the inside of a block.
func joinLines(lines []string) string {
	out := ""
	for _, l := range lines {
		out += l + "\n  "
	}
	return out
}

// --- Steps, state checks and errors ---

// importSteps imports resourceName with importID by `terraform import`,
// checking that the imported state equals the created one, and by an import
// block, checking that the import plans no change.
func importSteps(resourceName, importID string) []resource.TestStep {
	return []resource.TestStep{
		{ResourceName: resourceName, ImportState: true, ImportStateId: importID, ImportStateVerify: true},
		{ResourceName: resourceName, ImportState: true, ImportStateId: importID, ImportStateKind: resource.ImportBlockWithID},
	}
}

// stateValue is statecheck.ExpectKnownValue for a top-level attribute.
func stateValue(resourceAddress, attribute string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(resourceAddress, tfjsonpath.New(attribute), want)
}

// idList is the exact check of an `ids` list.
func idList(ids []int64) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(ids))
	for _, id := range ids {
		checks = append(checks, knownvalue.Int64Exact(id))
	}
	return knownvalue.ListExact(checks)
}

// stringsList is the exact check of a list of strings; no strings is an
// empty list, not null.
func stringsList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(checks)
}

// expectError compiles an ExpectError pattern in which each space matches
// any run of white space: Terraform wraps diagnostics at 80 columns.
func expectError(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}
