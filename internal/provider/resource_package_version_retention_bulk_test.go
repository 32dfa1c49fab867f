package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// Every request of adopting and destroying many versions, accounted for:
// adopting sends one GET per version (the fresh read that decides between
// adopting and restoring) plus what the plan's reads cost (a few GETs, then
// one listing of the package answers the rest); destroying sends one DELETE
// per version and no read before it, plus the refresh before the destroy
// (again a few GETs and one listing).
func TestAccPackageVersionRetention_bulkRequests(t *testing.T) {
	const n, versions = 20, 150 // two pages of versions
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		if seed.Owners[i].Login == "acme" {
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "bulk", Type: "npm", Visibility: "public", CreatedDaysAgo: 10, GenerateVersions: versions,
			})
		}
	}
	fake := startFake(t, seed)
	pkg, ok := fake.Package("acme", "npm", "bulk")
	if !ok || len(pkg.ActiveVersionIDs) != versions {
		t.Fatalf("seed: want acme/npm/bulk with %d versions, got %+v", versions, pkg)
	}
	ids := pkg.ActiveVersionIDs[:n]
	config := func(ids []int64) string {
		quoted := make([]string, len(ids))
		for i, id := range ids {
			quoted[i] = fmt.Sprintf("%q", fmt.Sprint(id))
		}
		return providerConfig(fake, tokenFull) + fmt.Sprintf(`
resource "ghpackages_package_version_retention" "keep" {
  for_each           = toset([%s])
  org                = "acme"
  package_type       = "npm"
  package_name       = "bulk"
  package_version_id = tonumber(each.key)
}
`, strings.Join(quoted, ", "))
	}
	getVersion := ownerAcme.route(http.MethodGet, versionRoute)
	deleteVersion := ownerAcme.route(http.MethodDelete, versionRoute)
	listVersions := ownerAcme.route(http.MethodGet, packageRoute+"/versions")

	// perRoute counts the window's requests by route, and by id for the
	// version routes; total is how many there are.
	perRoute := func(w *requestWindow) (routes, byID map[string]int, total int, err error) {
		reqs, err := w.requests()
		routes, byID = map[string]int{}, map[string]int{}
		for _, r := range reqs {
			routes[r.Route]++
			if r.Route == getVersion || r.Route == deleteVersion {
				byID[r.Method+" "+r.Path[strings.LastIndex(r.Path, "/")+1:]]++
			}
		}
		return routes, byID, len(reqs), err
	}
	adoption, destroy := newRequestWindow(fake), newRequestWindow(fake)

	// As in TestAccPackageVersionRetention_keepNewest: no CheckDestroy, and
	// the last step leaves no for_each instance in state.
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: adoption.open,
				Config:    config(ids),
				ConfigStateChecks: []statecheck.StateCheck{adoption.writes(), serverCheck(func() error {
					// The plan shows what each create keeps, read like a refresh
					// (a few GETs, then one listing), at plan time and again
					// when terraform plans anew at apply time; each Create then
					// decides on a fresh GET of its own.
					routes, byID, total, err := perRoute(adoption)
					if err != nil {
						return err
					}
					planGETs := routes[getVersion] - n
					if planGETs < 0 || planGETs > 2*ghclient.DefaultSnapshotThreshold || routes[listVersions] > 2*2 ||
						routes[getVersion]+routes[listVersions] != total {
						return fmt.Errorf("adopting %d versions sent %v; want %d GETs of a version (one per create), plus for each of "+
							"the two plans at most %d GETs and 2 pages of the list, and nothing else", n, routes, n, ghclient.DefaultSnapshotThreshold)
					}
					for _, id := range ids {
						if got := byID[fmt.Sprintf("GET %d", id)]; got < 1 || got > 3 {
							return fmt.Errorf("version %d read %d times while adopted, want once by its create (and at most once by each plan)", id, got)
						}
					}
					return nil
				})},
			},
			{
				PreConfig: destroy.open,
				Config:    config(nil),
				ConfigStateChecks: []statecheck.StateCheck{serverCheck(func() error {
					routes, byID, total, err := perRoute(destroy)
					if err != nil {
						return err
					}
					for _, id := range ids {
						if byID[fmt.Sprintf("DELETE %d", id)] != 1 {
							return fmt.Errorf("version %d deleted %d times, want once", id, byID[fmt.Sprintf("DELETE %d", id)])
						}
						if v, _ := fake.Version("acme", "npm", "bulk", id); !v.Deleted {
							return fmt.Errorf("version %d not deleted on the server", id)
						}
					}
					refreshGETs, pages := routes[getVersion], routes[listVersions]
					if refreshGETs > ghclient.DefaultSnapshotThreshold || pages > 2 ||
						refreshGETs+pages+routes[deleteVersion] != total {
						return fmt.Errorf("destroying %d versions sent %v; want %d DELETEs, at most %d GETs of a version and 2 pages of "+
							"the list (the refresh before it), nothing else", n, routes, n, ghclient.DefaultSnapshotThreshold)
					}
					return nil
				})},
			},
		},
	})
}

// GitHub throttles deletions (about 1,000 per 30 minutes). A destroy of
// many retention resources rides the throttle (here 20 per second, below
// the pace terraform sends them at): each DELETE that meets a 429 waits out
// its Retry-After and goes on, and the destroy ends with every version
// deleted and nothing left in the state. 600 resources, not the 2,000 of
// TestAccDeletePackageVersionsAction_ridesTheDeletionThrottle: the time of
// this test is terraform core's, per instance (2,000 took four minutes), and
// the provider does the same for each delete however many there are.
func TestAccPackageVersionRetention_destroyRidesTheDeletionThrottle(t *testing.T) {
	const n = 600
	fake := startFake(t)
	pushBulk(fake, n+1) // GitHub refuses to delete a package's last version
	pkg, _ := fake.Package("acme", "npm", "bulk")
	ids := make([]string, n)
	for i, id := range pkg.ActiveVersionIDs[:n] {
		ids[i] = fmt.Sprint(id)
	}
	config := func(count int) string {
		return providerConfig(fake, tokenFull) + fmt.Sprintf(`
locals {
  ids = [%s]
}
resource "ghpackages_package_version_retention" "keep" {
  count              = %d
  org                = "acme"
  package_type       = "npm"
  package_name       = "bulk"
  package_version_id = local.ids[count.index]
}
`, strings.Join(ids, ", "), count)
	}
	destroy := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config(n)},
			{
				PreConfig: func() {
					fake.SetDeleteThrottle(20, time.Second)
					destroy.open()
				},
				Config: config(0),
				// 601 active versions down to 1: each of the 600 was
				// deleted once.
				ConfigStateChecks: []statecheck.StateCheck{
					activeVersionCount(fake, ownerAcme, "npm", "bulk", 1),
					destroy.throttledDeletes(),
				},
			},
		},
	})
}
