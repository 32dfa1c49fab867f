package fakegithub_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestLoadSeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seed.json")
	const seed = `{
	  "owners": [{
	    "login": "initech", "id": 77, "type": "Organization", "members": ["peter"],
	    "packages": [{
	      "name": "tps/report", "type": "container", "visibility": "public", "repository": "initech/tps",
	      "docker_conflict": true, "created_days_ago": 1, "generate_versions": 3,
	      "versions": [{"id": 3500000001, "name": "sha256:abc", "tags": ["v1"], "downloads": 3,
	                    "created_days_ago": 1, "license": "MIT", "description": "first"},
	                   {"name": "sha256:def", "created_days_ago": 2, "deleted_days_ago": 1}]
	    }, {"id": 12, "name": "gone", "type": "npm", "deleted_days_ago": 2}]
	  }],
	  "tokens": [{"token": "ghp_peter", "login": "peter", "scopes": ["read:packages"], "kind": "classic"}]
	}`
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	loaded, err := fakegithub.LoadSeed(path)
	if err != nil {
		t.Fatal(err)
	}
	s := fakegithub.Start(t, loaded)
	var p apiPackage
	get(t, s, "/orgs/initech/packages/container/tps%2Freport", "ghp_peter").expect(t, 200, "").decode(t, &p)
	if p.Owner.ID != 77 || p.VersionCount != 4 || p.Visibility != "public" || p.Repository.FullName != "initech/tps" {
		t.Errorf("package = %+v", p)
	}
	var vs []apiVersion
	get(t, s, "/orgs/initech/packages/container/tps%2Freport/versions", "ghp_peter").expect(t, 200, "").decode(t, &vs)
	if vs[0].ID != 3500000001 || vs[0].Metadata.Container.Tags[0] != "v1" {
		t.Errorf("versions = %+v", vs)
	}
	// Generated versions are older than the listed ones, and the package
	// (said to be a day old) is as old as its oldest version.
	if oldest := vs[len(vs)-1]; oldest.ID == 3500000001 || p.CreatedAt != oldest.CreatedAt {
		t.Errorf("package created %s, oldest version %s", p.CreatedAt, oldest.CreatedAt)
	}
	if ps, ok := s.Package("initech", "npm", "gone"); !ok || !ps.Deleted || ps.ID != 12 {
		t.Errorf("deleted package = %+v", ps)
	}
	get(t, s, "/user/packages?package_type=npm", "ghp_peter").expect(t, 200, "") // peter exists now

	if err := os.WriteFile(path, []byte(`{"owners": [{"login": "x", "pakages": []}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := fakegithub.LoadSeed(path); err == nil || !strings.Contains(err.Error(), "pakages") {
		t.Errorf("misspelt field: err = %v", err)
	}
}

func TestSeedErrors(t *testing.T) {
	pkg := func(p fakegithub.SeedPackage) fakegithub.Seed {
		return fakegithub.Seed{Owners: []fakegithub.SeedOwner{{Login: "o", Packages: []fakegithub.SeedPackage{p}}}}
	}
	for name, seed := range map[string]fakegithub.Seed{
		"owner type":     {Owners: []fakegithub.SeedOwner{{Login: "o", Type: "Team"}}},
		"owner twice":    {Owners: []fakegithub.SeedOwner{{Login: "o"}, {Login: "O"}}},
		"owner id twice": {Owners: []fakegithub.SeedOwner{{Login: "o", ID: 5}, {Login: "p", ID: 5}}},
		"no login":       {Owners: []fakegithub.SeedOwner{{}}},
		"package type":   pkg(fakegithub.SeedPackage{Name: "p", Type: "gradle"}),
		"visibility":     pkg(fakegithub.SeedPackage{Name: "p", Type: "npm", Visibility: "internal"}),
		"no name":        pkg(fakegithub.SeedPackage{Type: "npm"}),
		"version id twice": pkg(fakegithub.SeedPackage{Name: "p", Type: "npm",
			Versions: []fakegithub.SeedVersion{{ID: 1, Name: "a"}, {ID: 1, Name: "b"}}}),
		"token kind":  {Tokens: []fakegithub.SeedToken{{Token: "t", Login: "u", Kind: "oauth"}}},
		"token twice": {Tokens: []fakegithub.SeedToken{{Token: "t", Login: "u"}, {Token: "t", Login: "v"}}},
	} {
		if _, err := fakegithub.New(seed); err == nil {
			t.Errorf("%s: New accepted the seed", name)
		}
	}
}
