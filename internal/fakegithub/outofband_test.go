package fakegithub_test

import (
	"slices"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestPushVersion(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	id := s.PushVersion("acme", "container", "web", fakegithub.SeedVersion{Tags: []string{"latest", "3.0.0"}})
	if id < 1<<31 {
		t.Errorf("id %d not above 2^31", id)
	}
	var vs []apiVersion
	get(t, s, "/orgs/acme/packages/container/web/versions", fullToken).expect(t, 200, "").decode(t, &vs)
	if vs[0].ID != id || !slices.Equal(vs[0].Metadata.Container.Tags, []string{"latest", "3.0.0"}) {
		t.Errorf("newest = %+v", vs[0])
	}
	// The tag moved off the version that had it.
	if v, _ := s.Version("acme", "container", "web", fakegithub.AcmeWebV4); !slices.Equal(v.Tags, []string{"2.0.0"}) {
		t.Errorf("old version tags %q", v.Tags)
	}

	// A push to a new name creates the package, and the owner if need be.
	id = s.PushVersion("newcomer", "npm", "fresh", fakegithub.SeedVersion{ID: 3900000000, Name: "0.1.0"})
	ps, ok := s.Package("newcomer", "npm", "fresh")
	if !ok || id != 3900000000 || ps.Visibility != "private" || !slices.Equal(ps.ActiveVersionIDs, []int64{id}) {
		t.Errorf("pushed package = %+v", ps)
	}

	if err := s.SetVersionTags("acme", "container", "web", fakegithub.AcmeWebV2, []string{"edge"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version("acme", "container", "web", fakegithub.AcmeWebV2); !slices.Equal(v.Tags, []string{"edge"}) {
		t.Errorf("retagged = %q", v.Tags)
	}
	defer func() {
		if recover() == nil {
			t.Error("PushVersion with an invalid type did not panic")
		}
	}()
	s.PushVersion("acme", "gradle", "x", fakegithub.SeedVersion{})
}

func TestDeleteOutOfBand(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	if err := s.DeleteVersionOutOfBand("acme", "container", "web", fakegithub.AcmeWebV4); err != nil {
		t.Fatal(err)
	}
	get(t, s, "/orgs/acme/packages/container/web/versions/3200000004", fullToken).expect(t, 404, "Package version not found.")
	if err := s.DeleteVersionOutOfBand("acme", "container", "web", fakegithub.AcmeWebV4); err == nil {
		t.Error("deleting a deleted version out of band succeeded")
	}

	// The last version takes the package with it.
	if err := s.DeleteVersionOutOfBand("acme", "container", "orphan", fakegithub.AcmeOrphanV1); err != nil {
		t.Fatal(err)
	}
	get(t, s, "/orgs/acme/packages/container/orphan", fullToken).expect(t, 404, "Package not found.")

	if err := s.DeletePackageOutOfBand("octocat", "npm", "hello-npm"); err != nil {
		t.Fatal(err)
	}
	get(t, s, "/user/packages/npm/hello-npm", fullToken).expect(t, 404, "Package not found.")
	if err := s.DeletePackageOutOfBand("octocat", "npm", "hello-npm"); err == nil {
		t.Error("deleting a deleted package out of band succeeded")
	}
	if _, ok := s.Package("nobody", "npm", "x"); ok {
		t.Error("Package found an unknown package")
	}
	if _, ok := s.Version("acme", "container", "web", 1); ok {
		t.Error("Version found an unknown version")
	}
}
