package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// The lifecycle every reliability test runs: data sources, a restore, an
// adoption, a package restore, an import, a deletion and the final destroy.
const lifecycleResources = `
data "ghpackages_packages" "acme" {
  org          = "acme"
  package_type = "container"
}

data "ghpackages_versions" "web" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
}

data "ghpackages_version" "web_latest" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000004
}

resource "ghpackages_package_version_retention" "restored" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000001 # deleted 5 days ago
}

resource "ghpackages_package_retention" "old_tool" {
  org          = "acme"
  package_type = "npm"
  package_name = "old-tool" # deleted 3 days ago
}
`

const lifecycleAdopted = `
resource "ghpackages_package_version_retention" "adopted" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000003
}
`

// lifecycleSteps runs the lifecycle and checks the fake's state after each
// step: at the end it holds exactly what the configuration said.
func lifecycleSteps(fake *fakegithub.Server, provider string) []resource.TestStep {
	return []resource.TestStep{
		{
			Config: provider + lifecycleResources + lifecycleAdopted,
			ConfigStateChecks: []statecheck.StateCheck{
				stateValue("data.ghpackages_version.web_latest", "tags", knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.ghpackages_packages.acme", tfjsonpath.New("packages").AtSliceIndex(0).AtMapKey("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("ghpackages_package_version_retention.restored", tfjsonpath.New("tags").AtSliceIndex(0), knownvalue.StringExact("1.0.0")),
				stateValue("ghpackages_package_retention.old_tool", "version_count", knownvalue.Int64Exact(1)),
				versionsOnServer(fake, ownerAcme, "container", "web", []int64{fakegithub.AcmeWebV4, fakegithub.AcmeWebV3, fakegithub.AcmeWebV2, fakegithub.AcmeWebV1}, nil),
				packageOnServer(fake, ownerAcme, "npm", "old-tool", false),
			},
		},
		{
			ResourceName:      "ghpackages_package_version_retention.adopted",
			ImportState:       true,
			ImportStateId:     "orgs/acme/container/web/3200000003",
			ImportStateVerify: true,
		},
		{
			// Dropping the adopted version from the configuration deletes it.
			Config: provider + lifecycleResources,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("ghpackages_package_version_retention.adopted", plancheck.ResourceActionDestroy),
				plancheck.ExpectResourceAction("ghpackages_package_version_retention.restored", plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				versionsOnServer(fake, ownerAcme, "container", "web", []int64{fakegithub.AcmeWebV4, fakegithub.AcmeWebV2, fakegithub.AcmeWebV1}, []int64{fakegithub.AcmeWebV3}),
			},
		},
	}
}

// lifecycleDestroyed is the state after the test's final destroy.
func lifecycleDestroyed(fake *fakegithub.Server) []serverCheck {
	return []serverCheck{
		versionsOnServer(fake, ownerAcme, "container", "web", []int64{fakegithub.AcmeWebV4, fakegithub.AcmeWebV2}, []int64{fakegithub.AcmeWebV3, fakegithub.AcmeWebV1}),
		packageOnServer(fake, ownerAcme, "npm", "old-tool", true),
	}
}

// TestAccReliability_ServerFaults: a fifth of all answers are 5xx (for
// writes, half of them after the change was applied); the lifecycle still
// ends exactly as configured.
func TestAccReliability_ServerFaults(t *testing.T) {
	fake := startFake(t)
	fake.SetFaultRate(0.2)
	provider := providerConfig(fake, tokenFull, "max_retries = 12")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps:                    lifecycleSteps(fake, provider),
		CheckDestroy: onDestroy(append(lifecycleDestroyed(fake),
			requestsSinceStart(fake).some("an injected 5xx", func(s int) bool { return s >= 500 }))...),
	})
}

// TestAccReliability_SecondaryRateLimit: every 10th request meets GitHub's
// secondary rate limit (Retry-After: 1); the provider waits and goes on.
func TestAccReliability_SecondaryRateLimit(t *testing.T) {
	fake := startFake(t)
	fake.SetSecondaryRateLimitEvery(10, time.Second)
	provider := providerConfig(fake, tokenFull)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps:                    lifecycleSteps(fake, provider),
		CheckDestroy: onDestroy(append(lifecycleDestroyed(fake),
			requestsSinceStart(fake).some("a secondary rate limit (403 or 429)", func(s int) bool { return s == 403 || s == 429 }))...),
	})
}

// TestAccReliability_PrimaryRateLimitResetsInTime: the quota (8 requests
// per 2 s) runs out again and again; each reset is within
// max_rate_limit_wait, so the provider waits and the reads succeed.
func TestAccReliability_PrimaryRateLimitResetsInTime(t *testing.T) {
	fake := startFake(t)
	fake.SetPrimaryRateLimit(8, 2*time.Second)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull, `max_rate_limit_wait = "30s"`) + lifecycleResources,
			ConfigStateChecks: []statecheck.StateCheck{
				stateValue("data.ghpackages_versions.web", "ids", knownvalue.ListSizeExact(3)),
				requestsSinceStart(fake).some("an exhausted quota (403)", func(s int) bool { return s == 403 }),
			},
		}},
	})
}

// TestAccReliability_PrimaryRateLimitBeyondMaxWait: the quota resets in an
// hour, beyond max_rate_limit_wait: the provider fails at once and says when
// the quota resets.
func TestAccReliability_PrimaryRateLimitBeyondMaxWait(t *testing.T) {
	fake := startFake(t)
	fake.SetPrimaryRateLimit(1, time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      providerConfig(fake, tokenFull, `max_rate_limit_wait = "1m"`) + lifecycleResources,
			ExpectError: expectError(`primary rate limit is exhausted.*quota resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (59m|1h)`),
		}},
	})
}

// TestAccReliability_TokenNeverLeaks runs the lifecycle, with failures,
// under TF_LOG=TRACE with a recognizable token, and looks for the token in
// everything Terraform and the provider wrote: logs, plans, state.
func TestAccReliability_TokenNeverLeaks(t *testing.T) {
	const canary = "ghp_CANARY0tokenLEAKcheck4242"
	seed := fakegithub.DefaultSeed()
	seed.Tokens = append(seed.Tokens, fakegithub.SeedToken{Token: canary, Login: "octocat", Scopes: []string{"read:packages", "write:packages", "delete:packages", "repo"}})
	fake := startFake(t, seed)
	fake.SetFaultRate(0.1)
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	// From the environment, as users should give it: terraform-plugin-testing
	// logs the configuration it writes, which would hold a literal token.
	t.Setenv("GITHUB_TOKEN", canary)

	provider := fmt.Sprintf("provider \"ghpackages\" {\n  base_url    = %q\n  max_retries = 12\n}\n", fake.URL())
	steps := lifecycleSteps(fake, provider)
	for i := range steps {
		if steps[i].ImportState {
			continue
		}
		steps[i].ConfigStateChecks = append(steps[i].ConfigStateChecks, stateLacks{canary})
		steps[i].ConfigPlanChecks.PreApply = append(steps[i].ConfigPlanChecks.PreApply, planLacks{canary})
	}
	// An error answer, so that error paths are logged as well.
	steps = append(steps, resource.TestStep{
		Config: provider + `
data "ghpackages_package" "secret" {
  user         = "hubot"
  package_type = "container"
  package_name = "hubot-secret"
}
`,
		ExpectError: expectError(`not found`),
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps:                    steps,
		CheckDestroy:             onDestroy(lifecycleDestroyed(fake)...),
	})

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	// The capture must hold the provider's own request logs, or finding no
	// token in it would prove nothing.
	for _, want := range []string{"GitHub API request", "GitHub API response", "ghpackages"} {
		if !strings.Contains(string(logs), want) {
			t.Fatalf("the captured log (%d bytes) lacks %q", len(logs), want)
		}
	}
	if i := strings.Index(string(logs), canary); i >= 0 {
		t.Errorf("the token appears in the TRACE log: …%s…", logs[max(0, i-200):min(len(logs), i+100)])
	}
}

// stateLacks fails when the token is anywhere in the state.
type stateLacks struct{ secret string }

func (c stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(b), c.secret) {
		resp.Error = fmt.Errorf("the token is in the state")
	}
}

// planLacks fails when the token is anywhere in the plan.
type planLacks struct{ secret string }

func (p planLacks) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if strings.Contains(string(b), p.secret) {
		resp.Error = fmt.Errorf("the token is in the plan")
	}
}

// TestAccReliability_RedirectedWrite: a GHES base_url that a proxy
// redirects (here: 301 for every DELETE) must not turn the DELETE into a GET
// whose 200 would make Terraform drop the resource. The destroy fails with
// the Location and how to fix base_url, the version stays on GitHub and in
// the state, and the destroy succeeds once the redirect is gone.
func TestAccReliability_RedirectedWrite(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_version_retention.v3"
	kept := providerConfig(fake, tokenFull) + versionRetentionHCL("v3", ownerAcme, "container", "web", webV3)
	gone := providerConfig(fake, tokenFull)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: kept},
			{
				PreConfig: func() { fake.SetRedirect(http.MethodDelete, http.StatusMovedPermanently, "") },
				Config:    gone,
				ExpectError: expectError(`Cannot delete version 3200000003 .* the request was redirected.*` +
					`GitHub answered 301 Moved Permanently with Location http://127\.0\.0\.1:\d+/orgs/acme/packages/container/web/versions/3200000003.*` +
					`set base_url .* https:// instead of http://`),
			},
			{
				// Still in state (the plan deletes it again) and on GitHub.
				PreConfig: func() { fake.SetRedirect("", 0, "") },
				Config:    kept,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{versionOnServer(fake, ownerAcme, "container", "web", webV3, false)},
			},
			{
				Config:            gone,
				ConfigStateChecks: []statecheck.StateCheck{versionOnServer(fake, ownerAcme, "container", "web", webV3, true)},
			},
		},
	})
}

// TestAccReliability_LongRetryAfterFailsFast: a 503 asking for a day's wait
// fails the plan at once, naming the wait and max_rate_limit_wait.
func TestAccReliability_LongRetryAfterFailsFast(t *testing.T) {
	fake := startFake(t)
	fake.SetOutage(1000, 24*time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      providerConfig(fake, tokenFull) + containerPackagesOfAcme,
			ExpectError: expectError(`GitHub failed to read .*asked to retry after 24h0m0s \(Retry-After\).*longer than max_rate_limit_wait allows`),
		}},
	})
	if reqs, err := requestsSinceStart(fake).requests(); err != nil || len(reqs) != 1 {
		t.Errorf("%d requests (%v); want 1: no retry when the wait is refused", len(reqs), err)
	}
}
