package provider

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// Actions need Terraform 1.14. As in HashiCorp's providers, the tests
// trigger the action after a terraform_data is created, and check what the
// fake GitHub holds.

// deleteActionHCL is the action with config lines, and a terraform_data
// that triggers it when created.
func deleteActionHCL(configLines string) string {
	return fmt.Sprintf(`
action "ghpackages_delete_package_versions" "prune" {
  config {
    %s
  }
}

resource "terraform_data" "trigger" {
  input = "prune"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.ghpackages_delete_package_versions.prune]
    }
  }
}
`, configLines)
}

// The versions that the keep rules do not keep are deleted; the newest
// stays, and so do the versions of keep_version_ids.
func TestAccDeletePackageVersionsAction_deletes(t *testing.T) {
	fake := startFake(t)
	invoke := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: invoke.open,
			Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org              = "acme"
    package_type     = "npm"
    package_name     = "client-lib"
    keep_newest      = 1
    keep_version_ids = [3200000021]
    max_deletions    = 1`),
			ConfigStateChecks: []statecheck.StateCheck{
				versionOnServer(fake, ownerAcme, "npm", "client-lib", fakegithub.AcmeClientLibV3, false), // newest
				versionOnServer(fake, ownerAcme, "npm", "client-lib", fakegithub.AcmeClientLibV2, true),
				versionOnServer(fake, ownerAcme, "npm", "client-lib", fakegithub.AcmeClientLibV1, false), // by id
				invoke.writes(ownerAcme.route("DELETE", versionRoute)),
			},
		}},
	})
}

// More deletions than max_deletions: refused at plan time, nothing goes.
// dry_run: reported, nothing goes.
func TestAccDeletePackageVersionsAction_capAndDryRun(t *testing.T) {
	fake := startFake(t)
	web := func(max int, extra string) string {
		return providerConfig(fake, tokenFull) + deleteActionHCL(fmt.Sprintf(`
    org           = "acme"
    package_type  = "container"
    package_name  = "web"
    keep_newest   = 1
    max_deletions = %d
    %s`, max, extra))
	}
	// The window opens before the refused plan and spans the dry run:
	// neither writes.
	sinceCapped := newRequestWindow(fake)
	unchanged := []statecheck.StateCheck{
		versionOnServer(fake, ownerAcme, "container", "web", fakegithub.AcmeWebV3, false),
		versionOnServer(fake, ownerAcme, "container", "web", fakegithub.AcmeWebV2, false),
		sinceCapped.writes(),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: sinceCapped.open,
				Config:    web(1, ""),
				ExpectError: expectError(`More versions to delete than max_deletions.*would delete 2 of the 3 active versions of ` +
					`container package "web" of organization "acme", more than max_deletions = 1`),
			},
			{
				Config:            web(5, "dry_run = true"),
				ConfigStateChecks: unchanged,
			},
		},
	})
}

// GitHub's refusal of one deletion (a public version with more than 5,000
// downloads) does not stop the others, and fails the action at the end.
func TestAccDeletePackageVersionsAction_refusals(t *testing.T) {
	fake := startFake(t)
	fake.PushVersion("acme", "npm", "popular", fakegithub.SeedVersion{Name: "3.1.0"})
	fake.PushVersion("acme", "npm", "popular", fakegithub.SeedVersion{Name: "4.0.0"})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "popular"
    keep_newest   = 1
    max_deletions = 10`),
				ExpectError: expectError(`5000 downloads`),
			},
			{
				Config: providerConfig(fake, tokenFull),
				ConfigStateChecks: []statecheck.StateCheck{
					versionOnServer(fake, ownerAcme, "npm", "popular", fakegithub.AcmePopularV2, true),  // 3.0.0: deleted
					versionOnServer(fake, ownerAcme, "npm", "popular", fakegithub.AcmePopularV1, false), // 2.0.0: refused
				},
			},
		},
	})
}

// Bad configuration is refused at validate time, before any request.
func TestAccDeletePackageVersionsAction_invalid(t *testing.T) {
	fake := startFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy:             onDestroy(requestsSinceStart(fake).none()),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "client-lib"
    max_deletions = 5`),
				ExpectError: expectError(`No keep rule`),
			},
			{
				Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "client-lib"
    keep_newest   = 2
    max_deletions = 0`),
				ExpectError: expectError(`max_deletions value must be at least 1, got: 0`),
			},
		},
	})
}

// inFlight is a transport that records the most requests it had in flight
// at once.
type inFlight struct {
	mu        sync.Mutex
	now, peak int
}

func (f *inFlight) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.now++
	f.peak = max(f.peak, f.now)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.now--
		f.mu.Unlock()
	}()
	return http.DefaultTransport.RoundTrip(req)
}

// Deletions run in parallel, but never more at once than
// max_concurrent_requests.
func TestAccDeletePackageVersionsAction_concurrencyBound(t *testing.T) {
	fake := startFake(t)
	for i := range 8 {
		fake.PushVersion("acme", "npm", "busy", fakegithub.SeedVersion{Name: fmt.Sprintf("0.%d.0", i)})
	}
	counter := &inFlight{}
	invoke := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactoriesWith(func(c *ghclient.Config) { c.Transport = counter }),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				invoke.open()
				fake.SetLatency(50 * time.Millisecond) // requests overlap
			},
			Config: providerConfig(fake, tokenFull, "max_concurrent_requests = 2") + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "busy"
    keep_newest   = 1
    max_deletions = 7`),
			ConfigStateChecks: []statecheck.StateCheck{
				invoke.writes(slices.Repeat([]string{ownerAcme.route("DELETE", versionRoute)}, 7)...),
				serverCheck(func() error {
					counter.mu.Lock()
					defer counter.mu.Unlock()
					if counter.peak != 2 {
						return fmt.Errorf("at most %d requests in flight at once, want 2 (max_concurrent_requests)", counter.peak)
					}
					return nil
				}),
			},
		}},
	})
}

// pushBulk publishes n versions of acme's npm package "bulk", oldest first.
func pushBulk(fake *fakegithub.Server, n int) {
	for i := 0; i < n; i++ {
		fake.PushVersion("acme", "npm", "bulk", fakegithub.SeedVersion{Name: fmt.Sprintf("0.0.%d", i), CreatedDaysAgo: float64(n-i) / 1000})
	}
}

// GitHub throttles deletions (about 1,000 per 30 minutes). A prune of 2,000
// versions rides the throttle (here 500 per second): it waits out each 429
// and deletes them all.
func TestAccDeletePackageVersionsAction_ridesTheDeletionThrottle(t *testing.T) {
	fake := startFake(t)
	pushBulk(fake, 2001)
	fake.SetDeleteThrottle(500, time.Second)
	prune := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: prune.open,
			Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "bulk"
    keep_newest   = 1
    max_deletions = 2000`),
			ConfigStateChecks: []statecheck.StateCheck{
				activeVersionCount(fake, ownerAcme, "npm", "bulk", 1),
				prune.throttledDeletes(),
			},
		}},
	})
}

// When the throttle asks for a wait longer than max_rate_limit_wait, the
// prune stops at once, with one error that says how far it got, and
// starts no further delete.
func TestAccDeletePackageVersionsAction_stopsAtTheDeletionThrottle(t *testing.T) {
	fake := startFake(t)
	pushBulk(fake, 301)
	fake.SetDeleteThrottle(100, time.Hour)
	prune := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: prune.open,
			Config: providerConfig(fake, tokenFull, `max_rate_limit_wait = "1s"`) + deleteActionHCL(`
    org           = "acme"
    package_type  = "npm"
    package_name  = "bulk"
    keep_newest   = 1
    max_deletions = 300`),
			ExpectError: expectError(`GitHub rate limit.*Retry-After: 1h0m0s.*GitHub's rate limit stopped the deletions after 100 of the 300 versions to delete`),
		}},
	})
	p, _ := fake.Package("acme", "npm", "bulk")
	if len(p.ActiveVersionIDs) != 201 {
		t.Errorf("%d active versions left, want 201 (100 deleted before the throttle)", len(p.ActiveVersionIDs))
	}
	requests, err := prune.requests()
	if err != nil {
		t.Fatal(err)
	}
	deletes := 0
	for _, r := range requests {
		if r.Method == http.MethodDelete {
			deletes++
		}
	}
	if deletes > 100+4 { // the 100 allowed, and at most one throttled attempt per worker
		t.Errorf("%d DELETEs sent; after the first refused wait no further delete may start", deletes)
	}
}
