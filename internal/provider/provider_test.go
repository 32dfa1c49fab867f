package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// firstPackageName checks that containerPackagesOfAcme read a package.
var firstPackageName = statecheck.ExpectKnownValue("data.ghpackages_packages.acme",
	tfjsonpath.New("packages").AtSliceIndex(0).AtMapKey("name"), knownvalue.NotNull())

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
			sent := openRequestWindow(fake) // this case's requests
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories(),
				Steps: []resource.TestStep{{
					Config: c.config + containerPackagesOfAcme,
					ConfigStateChecks: []statecheck.StateCheck{
						firstPackageName,
						sent.sentToken(c.want),
					},
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
	step := func(config, prefix string) resource.TestStep {
		read := newRequestWindow(fake)
		return resource.TestStep{
			PreConfig: read.open,
			Config:    config + containerPackagesOfAcme,
			ConfigStateChecks: []statecheck.StateCheck{
				firstPackageName,
				read.every(func(r fakegithub.RequestRecord) error {
					if !strings.HasPrefix(r.Path, prefix) {
						return fmt.Errorf("the path does not start with %q", prefix)
					}
					return nil
				}),
			},
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
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("ghpackages_package_version_retention.restored", tfjsonpath.New("tags").AtSliceIndex(0), knownvalue.StringExact("1.0.0")),
				versionOnServer(fake, ownerAcme, "container", "web", fakegithub.AcmeWebV1, false), // restored
				requestsSinceStart(fake).sentToken(tokenFull),
			},
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
