package registry_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
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
