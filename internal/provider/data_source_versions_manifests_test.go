package provider

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

const multiArchVersions = `
data "ghpackages_versions" "app" {
  org          = "imagesmith"
  package_type = "container"
  package_name = "app"
  manifests    = true
}
`

// versionFacts checks the manifest facts of the element of `versions`
// whose id is id (found by its position in the fake's newest-first list).
func versionFacts(t *testing.T, fake *fakegithub.Server, id int64, kind, platform string, children, parents []int64, subject int64) statecheck.StateCheck {
	t.Helper()
	pkg := packageState(t, fake, "imagesmith", "container", "app")
	pos := slices.Index(pkg.ActiveVersionIDs, id)
	if pos < 0 {
		t.Fatalf("version %d is not active", id)
	}
	var plat knownvalue.Check = knownvalue.Null()
	if platform != "" {
		plat = knownvalue.StringExact(platform)
	}
	var subj knownvalue.Check = knownvalue.Null()
	if subject != 0 {
		subj = knownvalue.Int64Exact(subject)
	}
	return statecheck.ExpectKnownValue("data.ghpackages_versions.app", tfjsonpath.New("versions").AtSliceIndex(pos),
		knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"id":         knownvalue.Int64Exact(id),
			"kind":       knownvalue.StringExact(kind),
			"platform":   plat,
			"child_ids":  idList(children),
			"parent_ids": idList(parents),
			"subject_id": subj,
		}))
}

// TestAccVersionsDataSource_manifests reads the seeded multi-arch package
// with manifests = true: every kind, nested indexes, a ghost platform and a
// version without a manifest (kind unknown, with a warning).
func TestAccVersionsDataSource_manifests(t *testing.T) {
	fake := startFake(t)
	idx, _ := fake.Version("imagesmith", "container", "app", fakegithub.MultiArchIndex120)
	pkg := packageState(t, fake, "imagesmith", "container", "app")
	read := newRequestWindow(fake)
	manifestGETs := func(want int) serverCheck {
		return func() error {
			reqs, err := read.requests()
			if err != nil {
				return err
			}
			n := 0
			for _, r := range reqs {
				if r.Route == fakegithub.RegistryRouteManifest {
					n++
					if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ghp_") {
						return fmt.Errorf("the GitHub token itself was sent to the registry")
					}
				}
			}
			if n != want {
				return fmt.Errorf("%d manifest requests, want %d", n, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: read.open,
			Config:    providerConfig(fake, tokenReadOnly) + multiArchVersions,
			ConfigStateChecks: []statecheck.StateCheck{
				manifestGETs(len(pkg.ActiveVersionIDs)),
				versionFacts(t, fake, fakegithub.MultiArchIndex120, "index", "", []int64{fakegithub.MultiArchAmd64, fakegithub.MultiArchArm64, fakegithub.MultiArchAttAmd64, fakegithub.MultiArchAttArm64}, []int64{}, 0),
				versionFacts(t, fake, fakegithub.MultiArchAmd64, "image", "linux/amd64", []int64{}, []int64{fakegithub.MultiArchIndex120}, 0),
				versionFacts(t, fake, fakegithub.MultiArchArm64, "image", "linux/arm64/v8", []int64{}, []int64{fakegithub.MultiArchIndex120}, 0),
				versionFacts(t, fake, fakegithub.MultiArchAttArm64, "attestation", "unknown/unknown", []int64{}, []int64{fakegithub.MultiArchIndex120}, fakegithub.MultiArchArm64),
				versionFacts(t, fake, fakegithub.MultiArchSignature, "signature", "", []int64{}, []int64{}, fakegithub.MultiArchIndex120),
				versionFacts(t, fake, fakegithub.MultiArchReferrer, "signature", "", []int64{}, []int64{}, fakegithub.MultiArchIndex120),
				versionFacts(t, fake, fakegithub.MultiArchIndex110, "index", "", []int64{fakegithub.MultiArchNested, fakegithub.MultiArchAmd64V110}, []int64{}, 0),
				versionFacts(t, fake, fakegithub.MultiArchNested, "index", "", []int64{fakegithub.MultiArchAmd64V110}, []int64{fakegithub.MultiArchIndex110}, 0),
				versionFacts(t, fake, fakegithub.MultiArchGhostIndex, "index", "", []int64{fakegithub.MultiArchAmd64V100}, []int64{}, 0),
				versionFacts(t, fake, fakegithub.MultiArchOrphanOld, "image", "", []int64{}, []int64{}, 0),
				versionFacts(t, fake, fakegithub.MultiArchNoManifest, "unknown", "", []int64{}, []int64{}, 0),
				statecheck.ExpectKnownValue("data.ghpackages_versions.app", tfjsonpath.New("versions").AtSliceIndex(slices.Index(pkg.ActiveVersionIDs, fakegithub.MultiArchIndex120)),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":       knownvalue.StringExact(idx.Name),
						"media_type": knownvalue.StringExact("application/vnd.oci.image.index.v1+json"),
					})),
				statecheck.ExpectKnownValue("data.ghpackages_versions.app", tfjsonpath.New("versions").AtSliceIndex(slices.Index(pkg.ActiveVersionIDs, fakegithub.MultiArchIndex110)).AtMapKey("media_type"),
					knownvalue.StringExact("application/vnd.docker.distribution.manifest.list.v2+json")),
				statecheck.ExpectKnownValue("data.ghpackages_versions.app", tfjsonpath.New("versions").AtSliceIndex(slices.Index(pkg.ActiveVersionIDs, fakegithub.MultiArchNoManifest)).AtMapKey("media_type"),
					knownvalue.Null()),
			},
		}},
	})
}

// TestAccVersionsDataSource_manifestErrors: a registry that fails, denies or
// does not answer is an error that says what to check.
func TestAccVersionsDataSource_manifestErrors(t *testing.T) {
	fake := startFake(t)
	for _, tc := range []struct {
		name   string
		setup  func()
		config string
		want   string
	}{
		{"server error", func() { fake.SetRegistryFailure(http.StatusServiceUnavailable, 1000) },
			providerConfig(fake, tokenFull, "max_retries = 1"),
			`Cannot read the manifests of .*imagesmith.*503 Service Unavailable, also on every retry.*manifests = false`},
		{"denied", func() { fake.SetRegistryFailure(http.StatusForbidden, 1000) }, providerConfig(fake, tokenFull),
			`Cannot read the manifests of .*denied access \(403 Forbidden\).*can read the package`},
		{"unauthorized", func() { fake.SetRegistryFailure(http.StatusUnauthorized, 1000) }, providerConfig(fake, tokenFull),
			`Cannot read the manifests of .*refused the token \(401 Unauthorized\).*read:packages`},
		{"no registry", func() { fake.SetRegistryFailure(0, 0) }, providerConfig(fake, tokenFull, `registry_url = "http://127.0.0.1:1"`),
			`container registry http://127\.0\.0\.1:1 did not answer.*registry_url`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories(),
				Steps: []resource.TestStep{{
					Config:      tc.config + multiArchVersions,
					ExpectError: expectError(tc.want),
				}},
			})
		})
	}
}

// TestAccVersionsDataSource_manifestsValidate: manifests = true on a package
// that has no manifests, or on deleted versions, fails at validate time.
func TestAccVersionsDataSource_manifestsValidate(t *testing.T) {
	fake := startFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + `
data "ghpackages_versions" "x" {
  org          = "acme"
  package_type = "npm"
  package_name = "client-lib"
  manifests    = true
}
`,
				ExpectError: expectError(`manifests needs a container package.*package_type is "npm"`),
				PlanOnly:    true,
			},
			{
				Config: providerConfig(fake, tokenFull) + `
data "ghpackages_versions" "x" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
  state        = "deleted"
  manifests    = true
}
`,
				ExpectError: expectError(`manifests needs active versions`),
				PlanOnly:    true,
			},
		},
	})
	assertNoRequests(t, fake)
}
