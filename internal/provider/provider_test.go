package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// A data source that needs the API, so that Terraform configures the
// provider and the provider calls GitHub.
const containerPackagesOfAcme = `
data "ghpackages_packages" "acme" {
  org          = "acme"
  package_type = "container"
}
`

// bareProvider configures only base_url, so that the token must come from
// the environment or the gh CLI.
func bareProvider(fake *fakegithub.Server) string {
	return fmt.Sprintf("provider \"ghpackages\" {\n  base_url = %q\n}\n", fake.URL())
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

// sentToken checks that every request the fake saw carried want.
func sentToken(fake *fakegithub.Server, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := fake.Requests()
		if len(reqs) == 0 {
			return fmt.Errorf("the provider sent no request")
		}
		for _, r := range reqs {
			if got := r.Header.Get("Authorization"); got != "Bearer "+want {
				return fmt.Errorf("request %s %s sent %q, want the token %q", r.Method, r.Path, got, want)
			}
		}
		return nil
	}
}

// TestAccProvider_TokenSources configures the provider from each of the four
// token sources, in their order of precedence. It sets environment variables,
// so it does not run in parallel.
func TestAccProvider_TokenSources(t *testing.T) {
	fake := startFake(t)
	host := strings.TrimPrefix(fake.URL(), "http://")
	cases := []struct {
		name   string
		config string
		env    map[string]string
		want   string
	}{
		{"attribute wins over the environment", providerConfig(fake, tokenFull), map[string]string{"GITHUB_TOKEN": tokenReadOnly, "GH_TOKEN": tokenReadOnly}, tokenFull},
		{"the attribute is trimmed (file() leaves a newline)", providerConfig(fake, tokenFull+"\n"), nil, tokenFull},
		{"GITHUB_TOKEN wins over GH_TOKEN", bareProvider(fake), map[string]string{"GITHUB_TOKEN": tokenFull, "GH_TOKEN": tokenReadOnly}, tokenFull},
		{"GH_TOKEN", bareProvider(fake), map[string]string{"GITHUB_TOKEN": "", "GH_TOKEN": tokenReadOnly}, tokenReadOnly},
		{"gh auth token for the API's host", bareProvider(fake), map[string]string{"GITHUB_TOKEN": "", "GH_TOKEN": "", "PATH": pathWithOnly(t, fakeGH(t, host, tokenFull))}, tokenFull},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			fake.ResetRequests()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories(),
				Steps: []resource.TestStep{{
					Config: c.config + containerPackagesOfAcme,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttrSet("data.ghpackages_packages.acme", "packages.0.name"),
						sentToken(fake, c.want),
					),
				}},
			})
		})
	}
}

func TestAccProvider_MissingToken(t *testing.T) {
	fake := startFake(t)
	t.Setenv("GITHUB_TOKEN", "")
	t.Setenv("GH_TOKEN", "")
	t.Setenv("PATH", pathWithOnly(t))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      bareProvider(fake) + containerPackagesOfAcme,
			ExpectError: expectError(`No GitHub token.*token.*attribute.*GITHUB_TOKEN.*GH_TOKEN.*gh auth login --hostname 127\.0\.0\.1:\d+.*read:packages.*delete:packages.*write:packages`),
		}},
	})
	// Nothing was sent to GitHub without a token.
	assertNoRequests(t, fake)
}

// TestAccProvider_BaseURL: a host without a path is GitHub Enterprise
// Server (/api/v3/); an explicit path is kept; GITHUB_BASE_URL stands in
// for the attribute.
func TestAccProvider_BaseURL(t *testing.T) {
	fake := startFake(t)
	pathsStartWith := func(prefix string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, r := range fake.Requests() {
				if !strings.HasPrefix(r.Path, prefix) {
					return fmt.Errorf("request path %q does not start with %q", r.Path, prefix)
				}
			}
			return nil
		}
	}
	step := func(config, prefix string) resource.TestStep {
		return resource.TestStep{
			PreConfig: fake.ResetRequests,
			Config:    config + containerPackagesOfAcme,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("data.ghpackages_packages.acme", "packages.0.name"),
				pathsStartWith(prefix),
			),
		}
	}
	t.Setenv("GITHUB_BASE_URL", fake.URL()+"/api/v3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			step(providerConfig(fake, tokenFull), "/api/v3/orgs/acme/"),
			step(fmt.Sprintf("provider \"ghpackages\" {\n  base_url = %q\n  token = %q\n}\n", fake.URL()+"/", tokenFull), "/api/v3/orgs/acme/"),
			step(fmt.Sprintf("provider \"ghpackages\" {\n  token = %q\n}\n", tokenFull), "/api/v3/orgs/acme/"),
		},
	})
}

// TestAccProvider_InvalidAttributes: each bad provider attribute is an error
// that names the attribute, the value and what is allowed, before any call.
func TestAccProvider_InvalidAttributes(t *testing.T) {
	fake := startFake(t)
	cases := map[string]string{
		`base_url = "ghe.example.com"`:              `base_url.*"ghe\.example\.com".*must start with https://`,
		`base_url = "https://ghe.example.com/?a=b"`: `base_url.*must not contain credentials, a query or a fragment`,
		`max_rate_limit_wait = "soon"`:              `max_rate_limit_wait = "soon".*not a valid Go Time Duration string format.*such as "300ms".*Given Value: soon`,
		`max_rate_limit_wait = "-5m"`:               `max_rate_limit_wait must not be negative, got: -5m`,
		`max_concurrent_requests = 0`:               `max_concurrent_requests.*must be between 1 and 32.*got: 0`,
		`max_retries = -1`:                          `max_retries.*must be between 0 and 50.*got: -1`,
		`token = ""`:                                `token.*string length must be at least 1`,
		`token = " \n"`:                             `Blank token.*token attribute holds only white space`,
		`registry_url = "ghcr.io"`:                  `registry_url.*"ghcr\.io".*must start with https://.*https://ghcr\.io`,
		`registry_url = "https://ghcr.io/v2/"`:      `registry_url.*must be the registry's root, without a path.*"/v2/"`,
	}
	var steps []resource.TestStep
	for attr, want := range cases {
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("provider \"ghpackages\" {\n  %s\n}\n", attr) + containerPackagesOfAcme,
			ExpectError: expectError(want),
			PlanOnly:    true,
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories(), Steps: steps})
	assertNoRequests(t, fake)
}

// TestAccProvider_TokenKnownOnlyAtApply: a token that comes from another
// resource is unknown while planning. The provider then stays unconfigured
// during the plan (creating a retention resource needs no API call to plan)
// and is configured with the real token for the apply.
func TestAccProvider_TokenKnownOnlyAtApply(t *testing.T) {
	fake := startFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "token" {
  input = %q
}

provider "ghpackages" {
  base_url = %q
  token    = terraform_data.token.output
}

resource "ghpackages_package_version_retention" "restored" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000001
}
`, tokenFull, fake.URL()),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("ghpackages_package_version_retention.restored", "tags.0", "1.0.0"),
				func(*terraform.State) error {
					if v, _ := fake.Version("acme", "container", "web", fakegithub.AcmeWebV1); v.Deleted {
						return fmt.Errorf("the version was not restored")
					}
					return nil
				},
				sentToken(fake, tokenFull),
			),
		}},
	})
}

// TestResolveRegistryURL: registry_url, then GITHUB_REGISTRY_URL, then the
// registry that goes with base_url, for each kind of GitHub.
func TestResolveRegistryURL(t *testing.T) {
	for _, tc := range []struct{ configured, env, baseURL, want string }{
		{baseURL: "", want: "https://ghcr.io"},
		{baseURL: "https://github.com", want: "https://ghcr.io"},
		{baseURL: "https://ghe.example.com", want: "https://containers.ghe.example.com"},
		{baseURL: "https://ghe.example.com/api/v3/", want: "https://containers.ghe.example.com"},
		{baseURL: "https://octo.ghe.com", want: "https://containers.octo.ghe.com"},
		{baseURL: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{env: "https://registry.example.com/", baseURL: "https://ghe.example.com", want: "https://registry.example.com"},
		{configured: "http://localhost:5000", env: "https://registry.example.com", want: "http://localhost:5000"},
	} {
		api, err := ghclient.NormalizeBaseURL(tc.baseURL)
		if err != nil {
			t.Fatal(err)
		}
		got, err := resolveRegistryURL(tc.configured, tc.env, api)
		if err != nil || got != tc.want {
			t.Errorf("%+v: got %q, %v", tc, got, err)
		}
	}
	if _, err := resolveRegistryURL("", "ghcr.io", "https://api.github.com/"); err == nil {
		t.Error("GITHUB_REGISTRY_URL without a scheme was accepted")
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{5 * time.Minute: "5m", 10 * time.Minute: "10m", time.Hour: "1h", 90 * time.Second: "1m30s", 2*time.Hour + 30*time.Minute: "2h30m"} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %q, want %q", d, got, want)
		}
	}
}
