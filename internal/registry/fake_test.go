package registry_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// TestDescribeAgainstTheFake reads the seeded multi-arch package through the
// fake's registry side: challenge, token, manifests.
func TestDescribeAgainstTheFake(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	pkg, _ := fake.Package("imagesmith", "container", "app")
	var versions []registry.Version
	for _, id := range pkg.ActiveVersionIDs {
		v, _ := fake.Version("imagesmith", "container", "app", id)
		versions = append(versions, registry.Version{ID: id, Digest: v.Name, Tags: v.Tags})
	}
	c, err := registry.New(registry.Config{URL: fake.URL(), Token: "ghp_readonly"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.Describe(context.Background(), registry.RepositoryPath("ImageSmith", "app"), versions)
	if err != nil {
		t.Fatal(err)
	}
	check := func(id int64, kind registry.Kind, platform string, children, parents []int64, subject int64) {
		t.Helper()
		f := g.Facts[id]
		if f.Kind != kind || f.Platform != platform || !slices.Equal(f.ChildIDs, children) || !slices.Equal(f.ParentIDs, parents) || f.SubjectID != subject {
			t.Errorf("version %d: %+v", id, *f)
		}
	}
	check(fakegithub.MultiArchIndex120, registry.KindIndex, "", []int64{fakegithub.MultiArchAmd64, fakegithub.MultiArchArm64, fakegithub.MultiArchAttAmd64, fakegithub.MultiArchAttArm64}, nil, 0)
	check(fakegithub.MultiArchArm64, registry.KindImage, "linux/arm64/v8", nil, []int64{fakegithub.MultiArchIndex120}, 0)
	check(fakegithub.MultiArchAttAmd64, registry.KindAttestation, "unknown/unknown", nil, []int64{fakegithub.MultiArchIndex120}, fakegithub.MultiArchAmd64)
	check(fakegithub.MultiArchSignature, registry.KindSignature, "", nil, nil, fakegithub.MultiArchIndex120)
	check(fakegithub.MultiArchReferrer, registry.KindSignature, "", nil, nil, fakegithub.MultiArchIndex120)
	check(fakegithub.MultiArchIndex110, registry.KindIndex, "", []int64{fakegithub.MultiArchNested, fakegithub.MultiArchAmd64V110}, nil, 0)
	check(fakegithub.MultiArchAmd64V110, registry.KindImage, "linux/amd64", nil, []int64{fakegithub.MultiArchIndex110, fakegithub.MultiArchNested}, 0)
	check(fakegithub.MultiArchOrphanOld, registry.KindImage, "", nil, nil, 0)
	check(fakegithub.MultiArchNoManifest, registry.KindUnknown, "", nil, nil, 0)
	if w := strings.Join(g.Warnings, "\n"); len(g.Warnings) != 2 || !strings.Contains(w, "platform linux/arm64") || !strings.Contains(w, "has no manifest") {
		t.Errorf("warnings:\n%s", w)
	}
	// One ping, one token, one GET per version that has a manifest.
	var pings, tokens, gets int
	for _, r := range fake.Requests() {
		switch r.Route {
		case fakegithub.RegistryRoutePing:
			pings++
		case fakegithub.RegistryRouteToken:
			tokens++
		case fakegithub.RegistryRouteManifest:
			gets++
		}
	}
	if pings != 1 || tokens != 1 || gets != len(versions) {
		t.Errorf("requests: %d pings, %d tokens, %d manifest GETs for %d versions", pings, tokens, gets, len(versions))
	}
}

// TestDescribeThousandVersions measures the cost of manifests at 1,000
// versions (100 releases of an index, four platform images and four
// attestations, and 100 stray images), through the REST client's shared
// stack with its default bound of 4 concurrent requests: one ping, one
// token and 1,000 manifest GETs on the first run; none on a second run
// that finds them in the disk cache.
func TestDescribeThousandVersions(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 versions")
	}
	var versions []fakegithub.SeedVersion
	for r := range 100 {
		keys := []string{}
		for _, p := range []string{"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/ppc64le"} {
			k := fmt.Sprintf("%d-%s", r, p)
			versions = append(versions, fakegithub.SeedVersion{Key: k, Manifest: &fakegithub.SeedManifest{Kind: "image", Platform: p}},
				fakegithub.SeedVersion{Key: "att-" + k, Manifest: &fakegithub.SeedManifest{Kind: "attestation", Subject: k}})
			keys = append(keys, k, "att-"+k)
		}
		versions = append(versions,
			fakegithub.SeedVersion{Key: fmt.Sprint("idx-", r), Tags: []string{fmt.Sprintf("1.%d.0", r)}, Manifest: &fakegithub.SeedManifest{Kind: "index", Children: keys}},
			fakegithub.SeedVersion{Key: fmt.Sprint("stray-", r), Manifest: &fakegithub.SeedManifest{Kind: "image"}})
	}
	seed := fakegithub.Seed{
		Owners: []fakegithub.SeedOwner{{Login: "big", Packages: []fakegithub.SeedPackage{{Name: "img", Type: "container", Versions: versions}}}},
		Tokens: []fakegithub.SeedToken{{Token: "ghp_big", Login: "big", Scopes: []string{"read:packages"}}},
	}
	fake := fakegithub.Start(t, seed)
	pkg, _ := fake.Package("big", "container", "img")
	var in []registry.Version
	for _, id := range pkg.ActiveVersionIDs {
		v, _ := fake.Version("big", "container", "img", id)
		in = append(in, registry.Version{ID: id, Digest: v.Name, Tags: v.Tags})
	}
	if len(in) != 1000 {
		t.Fatalf("%d versions", len(in))
	}
	gh, err := ghclient.New(ghclient.Config{BaseURL: fake.URL(), Token: "ghp_big", MaxConcurrentRequests: 4, Retry: ghclient.DefaultRetryPolicy})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func() (time.Duration, int, *registry.Graph) {
		fake.ResetRequests()
		c, err := registry.New(registry.Config{URL: fake.URL(), Token: "ghp_big", Transport: gh.SharedTransport(), CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		g, err := c.Describe(context.Background(), "big/img", in)
		if err != nil {
			t.Fatal(err)
		}
		return time.Since(start), len(fake.Requests()), g
	}
	first, firstReqs, g := run()
	second, secondReqs, _ := run()
	t.Logf("1,000 versions: first run %d registry requests in %v; second run (disk cache) %d requests in %v",
		firstReqs, first.Round(time.Millisecond), secondReqs, second.Round(time.Millisecond))
	if firstReqs != 1002 || secondReqs != 0 {
		t.Errorf("requests: first run %d, want 1002; second run %d, want 0", firstReqs, secondReqs)
	}
	indexes := 0
	for _, f := range g.Facts {
		if f.Kind == registry.KindIndex {
			indexes++
			if len(f.ChildIDs) != 8 {
				t.Errorf("an index with %d children, want 8", len(f.ChildIDs))
			}
		}
	}
	if indexes != 100 {
		t.Errorf("%d indexes, want 100", indexes)
	}
}
