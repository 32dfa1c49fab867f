package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/retention"
)

// manifestsDescription is the `manifests` attribute of the retention policy
// and of the delete action.
const manifestsDescription = "For a `container` package, read each version's manifest from the container registry " +
	"(`registry_url`) so that a kept image keeps everything it needs: a kept index keeps its platform images, attestation " +
	"manifests and nested indexes (reason `platform linux/arm64 of 1.2.0`, `attestation of 1.2.0`), and a kept version " +
	"keeps its cosign signatures and OCI referrers (`signature of 1.2.0`). A platform image shared by two indexes is kept " +
	"when either is. Default `true` for container packages, and ignored for the others. When the registry cannot be read " +
	"the read fails (it never falls back to rules that ignore the manifests); `false` opts out."

// wantManifests is the `manifests` attribute's value, with its default.
func wantManifests(attr types.Bool, packageType string) bool {
	if packageType != "container" {
		return false
	}
	return attr.IsNull() || attr.IsUnknown() || attr.ValueBool()
}

// manifestCompanions is the retention policy's Companions seam fed by the
// registry: what a kept version needs so that `docker pull` of it works.
type manifestCompanions struct {
	graph *registry.Graph
	// signatures of each version: cosign signatures and OCI referrers
	// whose subject it is. Buildx attestations are kept as children of
	// their index instead.
	signatures map[int64][]int64
}

var _ retention.Companions = manifestCompanions{}

func newManifestCompanions(g *registry.Graph) manifestCompanions {
	c := manifestCompanions{graph: g, signatures: map[int64][]int64{}}
	for id, f := range g.Facts {
		if f.Kind == registry.KindSignature && f.SubjectID != 0 {
			c.signatures[f.SubjectID] = append(c.signatures[f.SubjectID], id)
		}
	}
	return c
}

// CompanionsOf keeps, with a kept index, every version it references
// (through nested indexes too), and with any kept version its signatures.
func (c manifestCompanions) CompanionsOf(kept retention.Version, all []retention.Version) []retention.Companion {
	f := c.graph.Facts[kept.ID]
	if f == nil {
		return nil
	}
	label := versionLabel(kept)
	if len(kept.Tags) == 0 && f.Kind == registry.KindIndex && len(f.ParentIDs) > 0 {
		// A nested index is named after the index it is in, so that its
		// children get the same reason from both.
		for _, v := range all {
			if v.ID == f.ParentIDs[0] {
				label = versionLabel(v)
			}
		}
	}
	var out []retention.Companion
	for _, id := range f.ChildIDs {
		child := c.graph.Facts[id]
		reason := "image of " + label
		switch {
		case child.Kind == registry.KindAttestation:
			reason = "attestation of " + label
		case child.Kind == registry.KindIndex:
			reason = "index inside " + label
		case child.Platform != "":
			reason = "platform " + child.Platform + " of " + label
		}
		out = append(out, retention.Companion{ID: id, Reason: reason})
	}
	for _, id := range c.signatures[kept.ID] {
		out = append(out, retention.Companion{ID: id, Reason: "signature of " + label})
	}
	return out
}

// withoutCosignTags drops the sha256-HEX.sig / .att tags of signatures from
// what the keep rules see: such a tag names the image a signature signs, not
// a release, and would otherwise make the signature the "newest tagged"
// version. The signature is kept with its subject instead.
func withoutCosignTags(versions []retention.Version, g *registry.Graph) []retention.Version {
	out := make([]retention.Version, len(versions))
	for i, v := range versions {
		out[i] = v
		if f := g.Facts[v.ID]; f != nil && f.Kind == registry.KindSignature && len(v.Tags) > 0 {
			var tags []string
			for _, t := range v.Tags {
				if !registry.IsCosignTag(t) {
					tags = append(tags, t)
				}
			}
			out[i].Tags = tags
		}
	}
	return out
}

// versionLabel names a version in a reason: its first tag, or its digest
// shortened to 12 hex digits.
func versionLabel(v retention.Version) string {
	if len(v.Tags) > 0 {
		return v.Tags[0]
	}
	if len(v.Name) > len("sha256:")+12 {
		return v.Name[:len("sha256:")+12]
	}
	return v.Name
}
