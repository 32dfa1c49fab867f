package fakegithub_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// bigSeed has a package with 250 versions under each owner route.
func bigSeed() fakegithub.Seed {
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		switch seed.Owners[i].Login {
		case "acme":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages,
				fakegithub.SeedPackage{Name: "many", Type: "container", GenerateVersions: 250})
		case "octocat":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages,
				fakegithub.SeedPackage{Name: "many", Type: "npm", GenerateVersions: 250})
		}
	}
	return seed
}

// walk follows rel="next" from path to the end and returns every version.
func walk(t *testing.T, s *fakegithub.Server, path string) ([]apiVersion, []string) {
	t.Helper()
	var all []apiVersion
	var followed []string
	next := s.URL() + path
	for next != "" {
		if len(followed) > 20 {
			t.Fatal("pagination does not end")
		}
		followed = append(followed, next)
		var page []apiVersion
		r := get(t, s, strings.TrimPrefix(next, s.URL()), fullToken).expect(t, 200, "")
		r.decode(t, &page)
		all = append(all, page...)
		next = links(r.header)["next"]
	}
	return all, followed
}

func TestPaginationFollowsLinks(t *testing.T) {
	s := fakegithub.Start(t, bigSeed())
	for _, tc := range []struct {
		path, linkPrefix string
	}{
		{"/orgs/acme/packages/container/many/versions?per_page=100", "/organizations/50001/packages/container/many/versions?"},
		{"/users/octocat/packages/npm/many/versions?per_page=100", "/user/583231/packages/npm/many/versions?"},
		{"/user/packages/npm/many/versions?per_page=100", "/user/packages/npm/many/versions?"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			all, followed := walk(t, s, tc.path)
			if len(all) != 250 || len(followed) != 3 {
				t.Fatalf("%d versions in %d pages, want 250 in 3", len(all), len(followed))
			}
			for _, u := range followed[1:] {
				if !strings.HasPrefix(u, s.URL()+tc.linkPrefix) {
					t.Errorf("link %s, want prefix %s", u, tc.linkPrefix)
				}
			}
			ids := versionIDs(all)
			if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 250 {
				t.Error("versions repeat across pages")
			}
			for i := 1; i < len(all); i++ {
				if all[i-1].CreatedAt < all[i].CreatedAt {
					t.Fatalf("not newest first at %d: %s < %s", i, all[i-1].CreatedAt, all[i].CreatedAt)
				}
			}
			if all[0].ID < 1<<31 {
				t.Errorf("id %d not above 2^31", all[0].ID)
			}
		})
	}
}

func TestPaginationLinkHeader(t *testing.T) {
	s := fakegithub.Start(t, bigSeed())
	const path = "/orgs/acme/packages/container/many/versions"
	rels := func(r result) []string {
		var out []string
		for rel := range links(r.header) {
			out = append(out, rel)
		}
		slices.Sort(out)
		return out
	}
	pageOf := func(link string) string {
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		return u.Query().Get("page")
	}

	var page []apiVersion
	r := get(t, s, path, fullToken).expect(t, 200, "")
	r.decode(t, &page)
	if len(page) != 30 {
		t.Errorf("default page has %d versions, want 30", len(page))
	}
	if got := rels(r); !slices.Equal(got, []string{"last", "next"}) {
		t.Errorf("first page rels %v", got)
	}
	if l := links(r.header); pageOf(l["next"]) != "2" || pageOf(l["last"]) != "9" {
		t.Errorf("first page links %v", l)
	}

	r = get(t, s, path+"?per_page=100&page=2&state=active", fullToken).expect(t, 200, "")
	if got := rels(r); !slices.Equal(got, []string{"first", "last", "next", "prev"}) {
		t.Errorf("middle page rels %v", got)
	}
	l := links(r.header)
	if pageOf(l["prev"]) != "1" || pageOf(l["first"]) != "1" || pageOf(l["next"]) != "3" || pageOf(l["last"]) != "3" {
		t.Errorf("middle page links %v", l)
	}
	if u, _ := url.Parse(l["next"]); u.Query().Get("per_page") != "100" || u.Query().Get("state") != "active" {
		t.Errorf("link %s lost the query", l["next"])
	}

	r = get(t, s, path+"?per_page=100&page=3", fullToken).expect(t, 200, "")
	r.decode(t, &page)
	if len(page) != 50 {
		t.Errorf("last page has %d versions, want 50", len(page))
	}
	if got := rels(r); !slices.Equal(got, []string{"first", "prev"}) {
		t.Errorf("last page rels %v", got)
	}

	// per_page is capped at 100; beyond the end is an empty list.
	get(t, s, path+"?per_page=500", fullToken).expect(t, 200, "").decode(t, &page)
	if len(page) != 100 {
		t.Errorf("per_page=500 gave %d versions, want 100", len(page))
	}
	r = get(t, s, path+"?per_page=100&page=7", fullToken).expect(t, 200, "")
	if string(r.body) != "[]" {
		t.Errorf("page past the end = %s", r.body)
	}

	// A list that fits on one page has no Link header.
	r = get(t, s, "/orgs/acme/packages/container/web/versions", fullToken).expect(t, 200, "")
	if h := r.header.Get("Link"); h != "" {
		t.Errorf("single page Link = %q", h)
	}
}

func TestListPackages(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	names := func(path string) []string {
		var pkgs []apiPackage
		get(t, s, path, fullToken).expect(t, 200, "").decode(t, &pkgs)
		var out []string
		for _, p := range pkgs {
			out = append(out, p.Name)
		}
		return out
	}
	// Ordered by id; deleted packages are not listed.
	if got := names("/orgs/acme/packages?package_type=container"); !slices.Equal(got, []string{"web", "team/app", "orphan", "ci-cache"}) {
		t.Errorf("containers = %q", got)
	}
	if got := names("/orgs/acme/packages?package_type=npm"); !slices.Equal(got, []string{"client-lib", "popular"}) {
		t.Errorf("npm = %q", got)
	}
	if got := names("/orgs/acme/packages?package_type=container&visibility=public"); !slices.Equal(got, []string{"team/app"}) {
		t.Errorf("public containers = %q", got)
	}
	if got := names("/orgs/acme/packages?package_type=container&visibility=internal"); len(got) != 0 {
		t.Errorf("internal containers = %q", got)
	}
	r := get(t, s, "/orgs/acme/packages?package_type=container&per_page=2", fullToken).expect(t, 200, "")
	if l := links(r.header)["next"]; !strings.Contains(l, "/organizations/50001/packages?") || !strings.Contains(l, "package_type=container") {
		t.Errorf("next link %q", l)
	}
	get(t, s, "/orgs/acme/packages?package_type=container&per_page=100&page=100", fullToken).expect(t, 200, "")
	if got := names("/orgs/acme/docker/conflicts"); !slices.Equal(got, []string{"legacy-image"}) {
		t.Errorf("docker conflicts = %q", got)
	}
}

func TestListPackagesRefusals(t *testing.T) {
	// These requests break the contract on purpose.
	s := newServer(t, fakegithub.DefaultSeed())
	base := serveUnchecked(t, s)
	send(t, base, "GET", "/orgs/acme/packages", fullToken).expect(t, 400, "")
	send(t, base, "GET", "/orgs/acme/packages?package_type=gradle", fullToken).expect(t, 400, "")
	send(t, base, "GET", "/orgs/acme/packages?package_type=npm&visibility=secret", fullToken).expect(t, 400, "")
	send(t, base, "GET", "/orgs/acme/packages/npm/client-lib/versions?state=gone", fullToken).expect(t, 400, "")
	if n := len(s.ContractViolations()); n != 4 {
		t.Errorf("%d violations, want 4: %q", n, s.ContractViolations())
	}
	// Within the contract, but beyond GitHub's 10000-result window.
	s2 := fakegithub.Start(t, fakegithub.DefaultSeed())
	get(t, s2, "/orgs/acme/packages?package_type=npm&per_page=100&page=101", fullToken).expect(t, 400, "")
}
