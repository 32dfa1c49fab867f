package fakegithub_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestPackageJSON(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
	s := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithClock(c.Now))

	r := get(t, s, "/orgs/acme/packages/container/web", fullToken).expect(t, 200, "")
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	if raw["id"].(json.Number).String() != "2500000101" {
		t.Errorf("id %v", raw["id"])
	}
	if raw["created_at"] != "2025-02-01T12:00:00Z" || raw["updated_at"] != "2025-05-31T12:00:00Z" {
		t.Errorf("times %v %v", raw["created_at"], raw["updated_at"])
	}
	if raw["html_url"] != "https://github.com/orgs/acme/packages/container/package/web" {
		t.Errorf("html_url %v", raw["html_url"])
	}
	owner := raw["owner"].(map[string]any)
	for _, k := range []string{"login", "id", "node_id", "avatar_url", "gravatar_id", "url", "html_url", "repos_url", "type", "site_admin"} {
		if _, ok := owner[k]; !ok {
			t.Errorf("owner lacks %s", k)
		}
	}
	if repo := raw["repository"].(map[string]any); repo["full_name"] != "acme/web" || repo["owner"].(map[string]any)["login"] != "acme" {
		t.Errorf("repository %v", repo)
	}

	// A package linked to no repository says so with null.
	r = get(t, s, "/orgs/acme/packages/container/orphan", fullToken).expect(t, 200, "")
	if !bytes.Contains(r.body, []byte(`"repository":null`)) {
		t.Errorf("orphan body %s", r.body)
	}
	// Other registries link to their repository's package page.
	var p apiPackage
	get(t, s, "/orgs/acme/packages/npm/client-lib", fullToken).expect(t, 200, "").decode(t, &p)
	if p.HTMLURL != "https://github.com/acme/client-lib/packages/2500000103" {
		t.Errorf("npm html_url %q", p.HTMLURL)
	}
}

func TestVersionJSON(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	var v apiVersion
	get(t, s, "/orgs/acme/packages/container/web/versions/3200000002", fullToken).expect(t, 200, "").decode(t, &v)
	if v.Metadata.PackageType != "container" || v.Metadata.Container == nil || v.Metadata.Container.Tags == nil ||
		len(v.Metadata.Container.Tags) != 0 || !strings.HasPrefix(v.Name, "sha256:") {
		t.Errorf("untagged container version = %+v", v)
	}
	get(t, s, "/orgs/acme/packages/docker/legacy-image/versions/3200000042", fullToken).expect(t, 200, "").decode(t, &v)
	if v.Metadata.Docker == nil || !slices.Equal(v.Metadata.Docker.Tag, []string{"latest"}) ||
		!slices.Equal(v.Metadata.Docker.Tags, []string{"latest"}) {
		t.Errorf("docker version = %+v", v.Metadata)
	}
	r := get(t, s, "/orgs/acme/packages/npm/client-lib/versions/3200000023", fullToken).expect(t, 200, "")
	var raw map[string]any
	r.decode(t, &raw)
	meta := raw["metadata"].(map[string]any)
	if len(meta) != 1 || meta["package_type"] != "npm" {
		t.Errorf("npm metadata %v", meta)
	}
	if _, ok := raw["deleted_at"]; ok {
		t.Error("active version has deleted_at")
	}
	if raw["license"] != "MIT" || raw["html_url"] != "https://github.com/acme/client-lib/packages/2500000103?version=2.0.0" {
		t.Errorf("npm version %v", raw)
	}
	if !strings.HasPrefix(raw["url"].(string), s.URL()+"/orgs/acme/packages/npm/client-lib/versions/") {
		t.Errorf("url %v", raw["url"])
	}
}
