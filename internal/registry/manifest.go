package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Media types the client asks for (the Accept header of every manifest GET).
var acceptedMediaTypes = []types.MediaType{
	types.OCIImageIndex,
	types.DockerManifestList,
	types.OCIManifestSchema1,
	types.DockerManifestSchema2,
}

// Annotations buildx puts on the index entry of an attestation manifest.
const (
	annotationReferenceType   = "vnd.docker.reference.type"
	annotationReferenceDigest = "vnd.docker.reference.digest"
	referenceTypeAttestation  = "attestation-manifest"
)

// Manifest is one manifest as the registry served it.
type Manifest struct {
	Digest    string
	MediaType string
	Raw       []byte
	// Children are the entries of an index (empty for an image manifest).
	Children []Child
	// Subject is the digest an OCI 1.1 referrer (a signature, an SBOM, an
	// attestation) points at; empty when there is none.
	Subject string
}

// Child is one entry of an index.
type Child struct {
	Digest    string
	MediaType string
	// Platform is os/architecture[/variant], "" when the entry has none.
	Platform string
	// AttestationOf is, for a buildx attestation manifest, the digest of the
	// image it describes; empty for every other entry.
	AttestationOf string
	Attestation   bool
}

// IsIndex tells an image index or manifest list from an image manifest.
func (m *Manifest) IsIndex() bool { return isIndexMediaType(m.MediaType) }

func isIndexMediaType(mt string) bool {
	return mt == string(types.OCIImageIndex) || mt == string(types.DockerManifestList)
}

func isImageMediaType(mt string) bool {
	return mt == string(types.OCIManifestSchema1) || mt == string(types.DockerManifestSchema2)
}

// parseManifest decodes raw with go-containerregistry's types. mediaType is
// the Content-Type the registry sent; when it is missing the manifest's own
// mediaType field decides, and then the presence of "manifests".
func parseManifest(digest, mediaType string, raw []byte) (*Manifest, error) {
	var head struct {
		MediaType string          `json:"mediaType"`
		Manifests json.RawMessage `json:"manifests"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("manifest %s is not JSON: %v", digest, err)
	}
	mt := strings.TrimSpace(strings.SplitN(mediaType, ";", 2)[0])
	if mt == "" || mt == "application/json" || mt == "application/octet-stream" {
		mt = head.MediaType
	}
	if mt == "" {
		mt = string(types.OCIManifestSchema1)
		if len(head.Manifests) > 0 {
			mt = string(types.OCIImageIndex)
		}
	}
	m := &Manifest{Digest: digest, MediaType: mt, Raw: raw}
	switch {
	case isIndexMediaType(mt):
		idx, err := v1.ParseIndexManifest(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("index %s: %v", digest, err)
		}
		for _, d := range idx.Manifests {
			c := Child{Digest: d.Digest.String(), MediaType: string(d.MediaType)}
			if d.Platform != nil {
				c.Platform = platformString(d.Platform)
			}
			if d.Annotations[annotationReferenceType] == referenceTypeAttestation {
				c.Attestation = true
				c.AttestationOf = d.Annotations[annotationReferenceDigest]
			}
			m.Children = append(m.Children, c)
		}
		if idx.Subject != nil {
			m.Subject = idx.Subject.Digest.String()
		}
	case isImageMediaType(mt):
		im, err := v1.ParseManifest(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("manifest %s: %v", digest, err)
		}
		if im.Subject != nil {
			m.Subject = im.Subject.Digest.String()
		}
	}
	return m, nil
}

// platformString writes os/architecture[/variant], e.g. linux/arm64/v8.
func platformString(p *v1.Platform) string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}
