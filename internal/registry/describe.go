package registry

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Kind is what a container version is, as its manifest and its neighbours
// say.
type Kind string

// The kinds of a container version.
const (
	KindIndex       Kind = "index"       // an OCI image index or a Docker manifest list
	KindImage       Kind = "image"       // a (usually single-platform) image manifest
	KindAttestation Kind = "attestation" // a buildx attestation manifest (unknown/unknown entry of an index)
	KindSignature   Kind = "signature"   // a cosign signature or attestation, or an OCI 1.1 referrer
	KindUnknown     Kind = "unknown"     // no manifest, or one of a type the provider does not know
)

// Version is a package version as the REST API lists it.
type Version struct {
	ID int64
	// Digest is the version's name: the manifest digest, sha256:...
	Digest string
	Tags   []string
}

// Facts is what the manifests say about one version.
type Facts struct {
	MediaType string // "" when the manifest is missing
	Kind      Kind
	// Platform is os/architecture[/variant] as the referencing index lists
	// it; "unknown/unknown" for buildx attestations; "" for an index or an
	// image that no index of the package references.
	Platform string
	// ChildIDs are the versions this index references, directly or through
	// nested indexes (followed recursively); sorted.
	ChildIDs []int64
	// ParentIDs are the indexes of the package that reference this
	// version; sorted.
	ParentIDs []int64
	// SubjectID is the version a signature or attestation is about; 0 when
	// none.
	SubjectID int64
	// Missing is set when the registry has no manifest for the version.
	Missing bool
}

// Graph is the manifest facts of a package's versions.
type Graph struct {
	Facts map[int64]*Facts
	// Warnings name each version without a manifest and each digest an
	// index references that is no version of the package ("ghost" images).
	Warnings []string
}

// cosignTag is a cosign signature or attestation tag: sha256-HEX.sig|.att.
var cosignTag = regexp.MustCompile(`^sha256-([0-9a-f]{64})\.(sig|att)$`)

// IsCosignTag tells a cosign signature or attestation tag
// (sha256-HEX.sig, sha256-HEX.att) from a release tag.
func IsCosignTag(tag string) bool { return cosignTag.MatchString(tag) }

// maxParallel bounds the manifest fetches one Describe starts; the shared
// transport's concurrency bound still applies below it.
const maxParallel = 16

// Describe reads the manifest of every version (one request each, at most,
// within the shared concurrency bound) and links them. versions are the
// active versions of one container package at repository. A version whose
// manifest the registry does not have gets KindUnknown and a warning; any
// other registry failure fails the whole call.
func (c *Client) Describe(ctx context.Context, repository string, versions []Version) (*Graph, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	manifests := make([]*Manifest, len(versions))
	errs := make([]error, len(versions))
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, v := range versions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			defer func() { <-sem }()
			manifests[i], errs[i] = c.Manifest(ctx, repository, v.Digest)
			if errs[i] != nil && !errors.Is(errs[i], ErrNotFound) {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		for _, e := range errs {
			if e != nil && !errors.Is(e, ErrNotFound) {
				return nil, e
			}
		}
	}

	g := &Graph{Facts: make(map[int64]*Facts, len(versions))}
	byDigest := make(map[string]int64, len(versions))
	for _, v := range versions {
		byDigest[v.Digest] = v.ID
	}
	children := map[int64]map[int64]bool{}
	parents := map[int64]map[int64]bool{}
	for i, v := range versions {
		f := &Facts{Kind: KindUnknown}
		g.Facts[v.ID] = f
		m := manifests[i]
		if m == nil {
			f.Missing = true
			g.Warnings = append(g.Warnings, fmt.Sprintf("version %d (%s%s) has no manifest in the registry: its kind is \"unknown\"",
				v.ID, v.Digest, tagNote(v.Tags)))
			continue
		}
		f.MediaType = m.MediaType
		switch {
		case m.IsIndex():
			f.Kind = KindIndex
		case isImageMediaType(m.MediaType):
			f.Kind = KindImage
		}
		if m.Subject != "" {
			f.Kind = KindSignature
			f.SubjectID = byDigest[m.Subject]
		}
		for _, t := range v.Tags {
			if sm := cosignTag.FindStringSubmatch(t); sm != nil {
				f.Kind = KindSignature
				if id, ok := byDigest["sha256:"+sm[1]]; ok {
					f.SubjectID = id
				}
			}
		}
	}

	// Indexes: follow every entry, through nested indexes, recursively.
	for i, v := range versions {
		m := manifests[i]
		if m == nil || !m.IsIndex() {
			continue
		}
		visited := map[string]bool{v.Digest: true}
		var walk func(idx *Manifest) error
		walk = func(idx *Manifest) error {
			for _, ch := range idx.Children {
				if visited[ch.Digest] {
					continue
				}
				visited[ch.Digest] = true
				id, isVersion := byDigest[ch.Digest]
				if isVersion {
					addEdge(children, v.ID, id)
					addEdge(parents, id, v.ID)
					cf := g.Facts[id]
					if ch.Attestation {
						cf.Kind = KindAttestation
						cf.Platform = "unknown/unknown"
						if subj, ok := byDigest[ch.AttestationOf]; ok {
							cf.SubjectID = subj
						}
					} else if cf.Platform == "" && ch.Platform != "" && cf.Kind != KindIndex {
						cf.Platform = ch.Platform
					}
				}
				if isVersion && !isIndexMediaType(ch.MediaType) {
					continue
				}
				// A nested index is followed, whether it is a version or not,
				// so the outer index also keeps what the inner one needs.
				// Anything else that is no version is a ghost.
				if !isVersion && !isIndexMediaType(ch.MediaType) {
					g.Warnings = append(g.Warnings, fmt.Sprintf("index %d (%s%s) references %s%s, which is not a version of the package (a ghost image): pulling that platform fails",
						v.ID, v.Digest, tagNote(v.Tags), ch.Digest, platformNote(ch)))
					continue
				}
				inner, err := c.Manifest(ctx, repository, ch.Digest)
				if errors.Is(err, ErrNotFound) {
					if !isVersion {
						g.Warnings = append(g.Warnings, fmt.Sprintf("index %d (%s%s) references index %s, which the registry does not have (a ghost index)",
							v.ID, v.Digest, tagNote(v.Tags), ch.Digest))
					}
					continue
				}
				if err != nil {
					return err
				}
				if err := walk(inner); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(m); err != nil {
			return nil, err
		}
	}
	for id, f := range g.Facts {
		f.ChildIDs = sortedKeys(children[id])
		f.ParentIDs = sortedKeys(parents[id])
	}
	return g, nil
}

func addEdge(m map[int64]map[int64]bool, from, to int64) {
	if m[from] == nil {
		m[from] = map[int64]bool{}
	}
	m[from][to] = true
}

func sortedKeys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func tagNote(tags []string) string {
	if len(tags) == 0 {
		return ", untagged"
	}
	return ", tags " + strings.Join(tags, ", ")
}

func platformNote(ch Child) string {
	if ch.Attestation {
		return " (attestation manifest)"
	}
	if ch.Platform != "" {
		return " (platform " + ch.Platform + ")"
	}
	return ""
}
