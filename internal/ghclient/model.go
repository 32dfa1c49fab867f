package ghclient

import (
	"encoding/json"
	"time"

	"github.com/google/go-github/v92/github"
)

// Package is a package as the provider uses it: plain values, decoded once
// from go-github's pointer-heavy type so that no caller dereferences a nil.
type Package struct {
	ID           int64
	Name         string
	PackageType  string
	Visibility   string
	VersionCount int64
	// Owner is the owner's login.
	Owner string
	// Repository is the full name (owner/repo) of the linked repository,
	// empty when the package is linked to none.
	Repository string
	HTMLURL    string
	URL        string
	CreatedAt  string
	UpdatedAt  string
}

// Version is a package version as the provider uses it.
type Version struct {
	ID   int64
	Name string
	// Tags are the container or docker tags; empty (never nil) when the
	// version is untagged or its type has no tags.
	Tags           []string
	CreatedAt      string
	UpdatedAt      string
	DeletedAt      string // empty while the version is active
	HTMLURL        string
	PackageHTMLURL string
	URL            string
	License        string
	Description    string
}

func packageFrom(p *github.Package) Package {
	return Package{
		ID:           p.GetID(),
		Name:         p.GetName(),
		PackageType:  p.GetPackageType(),
		Visibility:   p.GetVisibility(),
		VersionCount: p.GetVersionCount(),
		Owner:        p.GetOwner().GetLogin(),
		Repository:   p.GetRepository().GetFullName(),
		HTMLURL:      p.GetHTMLURL(),
		URL:          p.GetURL(),
		CreatedAt:    timestamp(p.CreatedAt),
		UpdatedAt:    timestamp(p.UpdatedAt),
	}
}

// versionsFrom converts a list, keeping its order and skipping null items,
// as packagesFrom does for packages.
func versionsFrom(list []*github.PackageVersion) []Version {
	out := make([]Version, 0, len(list))
	for _, v := range list {
		if v != nil {
			out = append(out, versionFrom(v))
		}
	}
	return out
}

func versionFrom(v *github.PackageVersion) Version {
	return Version{
		ID:             v.GetID(),
		Name:           v.GetName(),
		Tags:           tagsFrom(v.Metadata),
		CreatedAt:      timestamp(v.CreatedAt),
		UpdatedAt:      timestamp(v.UpdatedAt),
		DeletedAt:      timestamp(v.DeletedAt),
		HTMLURL:        v.GetHTMLURL(),
		PackageHTMLURL: v.GetPackageHTMLURL(),
		URL:            v.GetURL(),
		License:        v.GetLicense(),
		Description:    v.GetDescription(),
	}
}

// tagsFrom reads the tags out of a version's metadata: container images
// carry metadata.container.tags; docker images metadata.docker.tag (GitHub's
// description also names a "tags" field, so both are read). Metadata that
// does not decode means no tags, not an error: tags are informative only.
func tagsFrom(raw json.RawMessage) []string {
	var m struct {
		Container struct {
			Tags []string `json:"tags"`
		} `json:"container"`
		Docker struct {
			Tag  []string `json:"tag"`
			Tags []string `json:"tags"`
		} `json:"docker"`
	}
	tags := []string{}
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return tags
	}
	seen := map[string]bool{}
	for _, list := range [][]string{m.Container.Tags, m.Docker.Tag, m.Docker.Tags} {
		for _, t := range list {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	return tags
}

// timestamp writes a GitHub time the way GitHub sends it (RFC 3339, UTC).
func timestamp(t *github.Timestamp) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
