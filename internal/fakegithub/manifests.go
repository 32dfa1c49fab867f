package fakegithub

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// SeedManifest describes the registry manifest of a container version. A
// version with a manifest takes the manifest's digest as its name, as on
// GitHub, so the seed gives a Key to refer to it instead.
type SeedManifest struct {
	// Kind is "image", "index", "attestation" (a buildx attestation
	// manifest) or "signature" (a cosign signature).
	Kind string `json:"kind"`
	// Docker uses Docker's media types (manifest list, v2 manifest) instead
	// of OCI's.
	Docker bool `json:"docker"`
	// Platform is an image's os/architecture[/variant], as an index that
	// references it lists it.
	Platform string `json:"platform"`
	// Children are the Keys of the versions of the same package that an
	// index references, in order; attestations are listed as buildx lists
	// them (unknown/unknown, annotated with the image they describe).
	Children []string `json:"children"`
	// GhostChildren are the platforms of index entries that no version has.
	GhostChildren []string `json:"ghost_children"`
	// Subject is the Key of the version an attestation describes or a
	// signature signs. A signature gets cosign's tag sha256-HEX.sig unless
	// SubjectField is set, which makes it an OCI 1.1 referrer instead.
	Subject      string `json:"subject"`
	SubjectField bool   `json:"subject_field"`
	// Absent makes the registry lack the manifest: the version exists in
	// the REST API only (its name is then a digest of its Key).
	Absent bool `json:"absent"`
}

// Media types the fake's registry serves.
const (
	mtOCIIndex       = "application/vnd.oci.image.index.v1+json"
	mtOCIManifest    = "application/vnd.oci.image.manifest.v1+json"
	mtDockerList     = "application/vnd.docker.distribution.manifest.list.v2+json"
	mtDockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
)

type builtManifest struct {
	digest    string
	mediaType string
	body      []byte // nil when Absent
	platform  string
	kind      string
	subject   string // digest
}

// buildManifests computes the manifest of every version of sp that has one,
// children before the indexes that list them. It returns them by Key.
func buildManifests(where string, sp SeedPackage) (map[string]*builtManifest, error) {
	specs := map[string]*SeedManifest{}
	for _, sv := range sp.Versions {
		if sv.Manifest == nil {
			continue
		}
		if sp.Type != "container" {
			return nil, fmt.Errorf("fakegithub: %s: only container versions have manifests", where)
		}
		if sv.Key == "" {
			return nil, fmt.Errorf("fakegithub: %s: a version with a manifest needs a key", where)
		}
		if specs[sv.Key] != nil {
			return nil, fmt.Errorf("fakegithub: %s: key %q used twice", where, sv.Key)
		}
		specs[sv.Key] = sv.Manifest
	}
	built := map[string]*builtManifest{}
	var build func(key string, depth int) (*builtManifest, error)
	build = func(key string, depth int) (*builtManifest, error) {
		if b := built[key]; b != nil {
			return b, nil
		}
		spec := specs[key]
		if spec == nil {
			return nil, fmt.Errorf("fakegithub: %s: no version with key %q and a manifest", where, key)
		}
		if depth > len(specs) {
			return nil, fmt.Errorf("fakegithub: %s: manifests of %q reference each other in a cycle", where, key)
		}
		b := &builtManifest{kind: spec.Kind, platform: spec.Platform}
		var doc map[string]any
		switch spec.Kind {
		case "image", "attestation", "signature":
			b.mediaType = mtOCIManifest
			config, layer := "application/vnd.oci.image.config.v1+json", "application/vnd.oci.image.layer.v1.tar+gzip"
			if spec.Docker {
				b.mediaType = mtDockerManifest
				config, layer = "application/vnd.docker.container.image.v1+json", "application/vnd.docker.image.rootfs.diff.tar.gzip"
			}
			switch spec.Kind {
			case "attestation":
				layer = "application/vnd.in-toto+json"
			case "signature":
				layer = "application/vnd.dev.cosign.simplesigning.v1+json"
			}
			doc = map[string]any{
				"schemaVersion": 2,
				"mediaType":     b.mediaType,
				"config":        map[string]any{"mediaType": config, "size": 1234, "digest": digest("config " + key)},
				"layers":        []any{map[string]any{"mediaType": layer, "size": 5678, "digest": digest("layer " + key)}},
			}
			if spec.Subject != "" {
				subj, err := build(spec.Subject, depth+1)
				if err != nil {
					return nil, err
				}
				b.subject = subj.digest
				if spec.Kind == "signature" && spec.SubjectField {
					doc["subject"] = map[string]any{"mediaType": subj.mediaType, "digest": subj.digest, "size": len(subj.body)}
				}
			}
		case "index":
			b.mediaType = mtOCIIndex
			if spec.Docker {
				b.mediaType = mtDockerList
			}
			var entries []any
			for _, ck := range spec.Children {
				child, err := build(ck, depth+1)
				if err != nil {
					return nil, err
				}
				e := map[string]any{"mediaType": child.mediaType, "digest": child.digest, "size": len(child.body)}
				switch {
				case child.kind == "attestation":
					e["platform"] = map[string]any{"os": "unknown", "architecture": "unknown"}
					e["annotations"] = map[string]string{
						"vnd.docker.reference.type":   "attestation-manifest",
						"vnd.docker.reference.digest": child.subject,
					}
				case child.platform != "":
					e["platform"] = platformJSON(child.platform)
				}
				entries = append(entries, e)
			}
			for _, pl := range spec.GhostChildren {
				entries = append(entries, map[string]any{"mediaType": mtOCIManifest, "digest": digest("ghost " + key + " " + pl),
					"size": 1000, "platform": platformJSON(pl)})
			}
			doc = map[string]any{"schemaVersion": 2, "mediaType": b.mediaType, "manifests": entries}
		default:
			return nil, fmt.Errorf("fakegithub: %s: version %q: manifest kind %q, want image, index, attestation or signature", where, key, spec.Kind)
		}
		if spec.Absent {
			b.digest = digest("absent " + key)
		} else {
			body, err := json.Marshal(doc)
			if err != nil {
				return nil, err
			}
			b.body = body
			b.digest = digest(string(body))
		}
		built[key] = b
		return b, nil
	}
	keys := make([]string, 0, len(specs))
	for k := range specs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if _, err := build(k, 0); err != nil {
			return nil, err
		}
	}
	return built, nil
}

func platformJSON(p string) map[string]any {
	parts := strings.SplitN(p, "/", 3)
	out := map[string]any{"os": parts[0]}
	if len(parts) > 1 {
		out["architecture"] = parts[1]
	}
	if len(parts) > 2 {
		out["variant"] = parts[2]
	}
	return out
}
