package fakegithub_test

import (
	"slices"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// clock is a settable time for WithClock.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time          { return c.now }
func (c *clock) advance(d time.Duration) { c.now = c.now.Add(d) }

func TestDeleteVersion(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const web = "/orgs/acme/packages/container/web/versions/"
	del := func(path string) result { return send(t, s.URL(), "DELETE", path, fullToken) }

	del(web+"3200000001").expect(t, 404, "Package version not found.") // already deleted
	del(web+"999").expect(t, 404, "Package version not found.")
	del("/orgs/acme/packages/container/orphan/versions/3200000051").
		expect(t, 400, "You cannot delete the last tagged version of a package. You must delete the package instead.")
	del("/orgs/acme/packages/npm/popular/versions/3200000071").
		expect(t, 400, "Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.")
	del("/orgs/acme/packages/npm/popular/versions/3200000072").expect(t, 204, "")

	del(web+"3200000003").expect(t, 204, "")
	v, ok := s.Version("acme", "container", "web", fakegithub.AcmeWebV3)
	if !ok || !v.Deleted || v.DeletedAt.IsZero() {
		t.Errorf("version after delete = %+v", v)
	}
	get(t, s, web+"3200000003", fullToken).expect(t, 404, "Package version not found.")
	del(web+"3200000003").expect(t, 404, "Package version not found.")
	var p apiPackage
	get(t, s, "/orgs/acme/packages/container/web", fullToken).expect(t, 200, "").decode(t, &p)
	if p.VersionCount != 2 {
		t.Errorf("version_count = %d, want 2", p.VersionCount)
	}
	ps, _ := s.Package("acme", "container", "web")
	if !slices.Equal(ps.ActiveVersionIDs, []int64{fakegithub.AcmeWebV4, fakegithub.AcmeWebV2}) ||
		!slices.Equal(ps.DeletedVersionIDs, []int64{fakegithub.AcmeWebV3, fakegithub.AcmeWebV1}) {
		t.Errorf("package state = %+v", ps)
	}
}

func TestDeletedVersionsList(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	s := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithClock(c.Now))
	const versions = "/orgs/acme/packages/container/web/versions"

	var vs []apiVersion
	get(t, s, versions+"?state=deleted", fullToken).expect(t, 200, "").decode(t, &vs)
	if len(vs) != 1 || vs[0].ID != fakegithub.AcmeWebV1 || vs[0].DeletedAt != "2025-05-27T12:00:00Z" {
		t.Fatalf("deleted versions = %+v", vs)
	}
	vs = nil
	get(t, s, versions, fullToken).expect(t, 200, "").decode(t, &vs)
	for _, v := range vs {
		if v.DeletedAt != "" {
			t.Errorf("active version %d has deleted_at", v.ID)
		}
	}
	// Past the 30-day window a deleted version is gone for good.
	c.advance(26 * 24 * time.Hour)
	get(t, s, versions+"?state=deleted", fullToken).expect(t, 200, "").decode(t, &vs)
	if len(vs) != 0 {
		t.Errorf("version deleted 31 days ago still listed: %+v", vs)
	}
	send(t, s.URL(), "POST", versions+"/3200000001/restore", fullToken).expect(t, 404, "Package version not found.")
}

func TestRestoreVersion(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const web = "/orgs/acme/packages/container/web/versions/"
	restore := func(id string) result { return send(t, s.URL(), "POST", web+id+"/restore", fullToken) }

	restore("3200000004").expect(t, 404, "Package version not found.") // active
	restore("12345").expect(t, 404, "Package version not found.")
	restore("3200000001").expect(t, 204, "")
	get(t, s, web+"3200000001", fullToken).expect(t, 200, "")
	restore("3200000001").expect(t, 404, "Package version not found.")

	// A version whose name is active again cannot come back.
	send(t, s.URL(), "DELETE", "/orgs/acme/packages/npm/client-lib/versions/3200000022", fullToken).expect(t, 204, "")
	s.PushVersion("acme", "npm", "client-lib", fakegithub.SeedVersion{Name: "1.1.0"})
	send(t, s.URL(), "POST", "/orgs/acme/packages/npm/client-lib/versions/3200000022/restore", fullToken).
		expect(t, 404, "Package version not found.")

	// Nor one deleted more than 30 days ago.
	if err := s.SetVersionDeletedDaysAgo("acme", "container", "web", fakegithub.AcmeWebV2, 31); err != nil {
		t.Fatal(err)
	}
	restore("3200000002").expect(t, 404, "Package version not found.")
}

func TestDeleteAndRestorePackage(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const pkg = "/orgs/acme/packages/npm/client-lib"

	send(t, s.URL(), "DELETE", "/orgs/acme/packages/npm/popular", fullToken).
		expect(t, 400, "Publicly visible packages with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.")

	send(t, s.URL(), "DELETE", pkg, fullToken).expect(t, 204, "")
	get(t, s, pkg, fullToken).expect(t, 404, "Package not found.")
	get(t, s, pkg+"/versions", fullToken).expect(t, 404, "Package not found.")
	get(t, s, pkg+"/versions/3200000023", fullToken).expect(t, 404, "Package not found.")
	var pkgs []apiPackage
	get(t, s, "/orgs/acme/packages?package_type=npm", fullToken).expect(t, 200, "").decode(t, &pkgs)
	if len(pkgs) != 1 || pkgs[0].Name != "popular" {
		t.Errorf("deleted package still listed: %+v", pkgs)
	}
	send(t, s.URL(), "DELETE", pkg, fullToken).expect(t, 404, "Package not found.")
	if ps, _ := s.Package("acme", "npm", "client-lib"); !ps.Deleted {
		t.Error("package not deleted")
	}

	send(t, s.URL(), "POST", pkg+"/restore", fullToken).expect(t, 204, "")
	var p apiPackage
	get(t, s, pkg, fullToken).expect(t, 200, "").decode(t, &p)
	if p.ID != fakegithub.AcmeClientLibPackageID || p.VersionCount != 3 {
		t.Errorf("restored package = %+v", p)
	}
	send(t, s.URL(), "POST", pkg+"/restore", fullToken).expect(t, 404, "Package not found.") // active

	// The seed's deleted package comes back; a non-member cannot do it.
	send(t, s.URL(), "POST", "/orgs/acme/packages/npm/old-tool/restore", hubotToken).expect(t, 404, "Package not found.")
	send(t, s.URL(), "POST", "/orgs/acme/packages/npm/old-tool/restore", fullToken).expect(t, 204, "")

	// Once a new package takes the name, the old one cannot come back.
	send(t, s.URL(), "DELETE", pkg, fullToken).expect(t, 204, "")
	s.PushVersion("acme", "npm", "client-lib", fakegithub.SeedVersion{Name: "9.0.0"})
	get(t, s, pkg, fullToken).expect(t, 200, "").decode(t, &p)
	if p.ID == fakegithub.AcmeClientLibPackageID || p.VersionCount != 1 {
		t.Errorf("new package = %+v", p)
	}
	send(t, s.URL(), "POST", pkg+"/restore", fullToken).expect(t, 404, "Package not found.")

	// Nor after 30 days.
	const orphan = "/orgs/acme/packages/container/orphan"
	send(t, s.URL(), "DELETE", orphan, fullToken).expect(t, 204, "")
	if err := s.SetPackageDeletedDaysAgo("acme", "container", "orphan", 31); err != nil {
		t.Fatal(err)
	}
	send(t, s.URL(), "POST", orphan+"/restore", fullToken).expect(t, 404, "Package not found.")
}
