package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func appRetention(label string, id int64, extra ...string) string {
	return versionRetentionHCL(label, ownerImagesmith, "container", "app", id, extra...)
}

func appOnServer(fake *fakegithub.Server, id int64, wantDeleted bool) serverCheck {
	return versionOnServer(fake, ownerImagesmith, "container", "app", id, wantDeleted)
}

// TestAccPackageVersionRetention_referenced: destroying a platform image or
// an attestation of the tagged 1.2.0 index is refused with nothing deleted;
// destroying them together with the index deletes all of them, state in
// sync; an unreferenced old image is deleted as before.
func TestAccPackageVersionRetention_referenced(t *testing.T) {
	fake := startFake(t)
	idx, _ := fake.Version("imagesmith", "container", "app", fakegithub.MultiArchIndex120)
	provider := providerConfig(fake, tokenFull)
	index := appRetention("index", fakegithub.MultiArchIndex120)
	arm := appRetention("arm", fakegithub.MultiArchArm64)
	att := appRetention("att", fakegithub.MultiArchAttArm64)
	orphan := appRetention("orphan", fakegithub.MultiArchOrphanOld)
	deleteRoute := ownerImagesmith.route("DELETE", versionRoute)
	// refusals spans the two refused destroys and the plan after them.
	refusals, together := newRequestWindow(fake), newRequestWindow(fake)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: provider + index + arm + att + orphan},
			{
				// The arm64 image alone: refused, naming the index, its tags,
				// the platform and what to do.
				PreConfig: refusals.open,
				Config:    provider + index + att + orphan,
				ExpectError: expectError(fmt.Sprintf(`Refusing to delete .*%d.*: an active tagged image still uses it.*`+
					`the linux/arm64/v8 image of index %d \(%s, tags 1\.2\.0, latest\).*break .docker pull. .*for linux/arm64/v8.*`+
					`Nothing was deleted.*delete the index too.*allow_delete_referenced = true`,
					fakegithub.MultiArchArm64, fakegithub.MultiArchIndex120, idx.Name)),
			},
			{
				Config: provider + index + arm + orphan,
				ExpectError: expectError(fmt.Sprintf(`Refusing to delete .*%d.*the attestation manifest of index %d`,
					fakegithub.MultiArchAttArm64, fakegithub.MultiArchIndex120)),
			},
			{
				// Both refusals deleted nothing.
				Config: provider + index + arm + att + orphan,
				ConfigStateChecks: []statecheck.StateCheck{
					refusals.writes(),
					appOnServer(fake, fakegithub.MultiArchArm64, false),
					appOnServer(fake, fakegithub.MultiArchAttArm64, false),
				},
			},
			{
				// The index, its arm64 image and attestation, and an unrelated
				// old image, in one apply: all deleted; the framework's
				// follow-up plan finds the state in sync.
				PreConfig: together.open,
				Config:    provider,
				ConfigStateChecks: []statecheck.StateCheck{
					together.writes(deleteRoute, deleteRoute, deleteRoute, deleteRoute),
					// The reference checks of one terraform run share a
					// listing: one for the refresh (a snapshot), one for the
					// destroy plans, one for the deletes; and each of the 4
					// deletes reads the newest page first, so that none
					// decides on a stale listing.
					listings(together, ownerImagesmith, 3+4),
					appOnServer(fake, fakegithub.MultiArchIndex120, true),
					appOnServer(fake, fakegithub.MultiArchArm64, true),
					appOnServer(fake, fakegithub.MultiArchAttArm64, true),
					appOnServer(fake, fakegithub.MultiArchOrphanOld, true),
					appOnServer(fake, fakegithub.MultiArchAmd64, false),
				},
			},
		},
	})
}

// TestAccPackageVersionRetention_allowDeleteReferenced: with the escape
// hatch set (and applied) first, the amd64 image of 1.2.0 is deleted while
// its index stays.
func TestAccPackageVersionRetention_allowDeleteReferenced(t *testing.T) {
	fake := startFake(t)
	provider := providerConfig(fake, tokenFull)
	change, deletion := newRequestWindow(fake), newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: provider + appRetention("amd", fakegithub.MultiArchAmd64)},
			{
				// Changing the switch changes nothing on GitHub.
				PreConfig: change.open,
				Config:    provider + appRetention("amd", fakegithub.MultiArchAmd64, "allow_delete_referenced = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					change.writes(),
					stateValue("ghpackages_package_version_retention.amd", "allow_delete_referenced", knownvalue.Bool(true)),
				},
			},
			{
				PreConfig: deletion.open,
				Config:    provider,
				ConfigStateChecks: []statecheck.StateCheck{
					deletion.writes(ownerImagesmith.route("DELETE", versionRoute)),
					appOnServer(fake, fakegithub.MultiArchAmd64, true),
					appOnServer(fake, fakegithub.MultiArchIndex120, false),
				},
			},
		},
	})
}

// TestAccPackageVersionRetention_referenceCheckNeedsRegistry: when the
// registry cannot be read the delete is refused, saying how to go without
// the check.
func TestAccPackageVersionRetention_referenceCheckNeedsRegistry(t *testing.T) {
	fake := startFake(t)
	broken := providerConfig(fake, tokenFull, `registry_url = "http://127.0.0.1:1"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: broken + appRetention("old", fakegithub.MultiArchOrphanOlder)},
			{
				Config:      broken,
				ExpectError: expectError(`Cannot check what references .*did not answer.*Nothing was deleted.*allow_delete_referenced = true`),
			},
			{
				Config:            providerConfig(fake, tokenFull) + appRetention("old", fakegithub.MultiArchOrphanOlder),
				ConfigStateChecks: []statecheck.StateCheck{appOnServer(fake, fakegithub.MultiArchOrphanOlder, false)},
			},
		},
	})
}

// listings checks how many times the window listed the versions of a
// package (first pages): at most max.
func listings(w *requestWindow, o testOwner, max int) serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		n := 0
		for _, r := range reqs {
			if r.Route == o.route("GET", packageRoute+"/versions") && !strings.Contains(r.RawQuery, "page=2") {
				n++
			}
		}
		if n > max {
			return fmt.Errorf("the versions were listed %d times, want at most %d", n, max)
		}
		return nil
	}
}
