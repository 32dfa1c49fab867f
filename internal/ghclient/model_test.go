package ghclient

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-github/v92/github"
)

func TestTagsFrom(t *testing.T) {
	for raw, want := range map[string]string{
		`{"package_type":"container","container":{"tags":["latest","1.0"]}}`: "latest,1.0",
		`{"package_type":"container","container":{"tags":[]}}`:               "",
		`{"package_type":"container","container":{}}`:                        "",
		`{"package_type":"docker","docker":{"tag":["a"],"tags":["a","b"]}}`:  "a,b",
		`{"package_type":"npm"}`:                                             "",
		`"not an object"`:                                                    "",
		``:                                                                   "",
	} {
		got := tagsFrom(json.RawMessage(raw))
		if got == nil || strings.Join(got, ",") != want {
			t.Errorf("tagsFrom(%s) = %#v, want %q", raw, got, want)
		}
	}
}

func TestVersionFromTimestamps(t *testing.T) {
	var v github.PackageVersion
	if err := json.Unmarshal([]byte(`{"id":3000000001,"name":"1.0.0","created_at":"2024-01-02T03:04:05Z","deleted_at":"2024-02-01T00:00:00+02:00"}`), &v); err != nil {
		t.Fatal(err)
	}
	got := versionFrom(&v)
	if got.ID != 3000000001 || got.CreatedAt != "2024-01-02T03:04:05Z" || got.DeletedAt != "2024-01-31T22:00:00Z" || got.UpdatedAt != "" {
		t.Errorf("versionFrom = %+v", got)
	}
}

// FuzzDecodeList: any body a server sends for a list decodes into an error
// or into values the provider can use, never into a panic.
func FuzzDecodeList(f *testing.F) {
	f.Add([]byte(`[{"id":1,"name":"x","metadata":{"container":{"tags":["a"]}},"created_at":"2020-01-01T00:00:00Z"}]`))
	f.Add([]byte(`[null,{"owner":null,"repository":null}]`))
	f.Add([]byte(`[{"metadata":[1,2],"deleted_at":"yesterday"}]`))
	f.Add([]byte(`{"message":"Not Found"}`))
	f.Add([]byte(`<html>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var versions []*github.PackageVersion
		if json.Unmarshal(body, &versions) == nil {
			for _, v := range versions {
				if v != nil {
					_ = versionFrom(v)
				}
			}
		}
		var packages []*github.Package
		if json.Unmarshal(body, &packages) == nil {
			_ = packagesFrom(packages)
		}
	})
}
