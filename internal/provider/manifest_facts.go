package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// manifestFactsModel is what the registry's manifests say about a container
// version, on the elements of ghpackages_versions' `versions`.
type manifestFactsModel struct {
	MediaType types.String `tfsdk:"media_type"`
	Kind      types.String `tfsdk:"kind"`
	Platform  types.String `tfsdk:"platform"`
	ChildIDs  types.List   `tfsdk:"child_ids"`
	ParentIDs types.List   `tfsdk:"parent_ids"`
	SubjectID types.Int64  `tfsdk:"subject_id"`
}

// manifestFactsAttributes are the computed attributes of manifestFactsModel.
func manifestFactsAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"media_type": dschema.StringAttribute{
			MarkdownDescription: "Media type of the version's manifest, as the registry serves it (OCI index, Docker manifest list, " +
				"OCI or Docker image manifest). Null unless `manifests = true`, and when the registry has no manifest.",
			Computed: true,
		},
		"kind": dschema.StringAttribute{
			MarkdownDescription: "What the version is: `index` (a multi-arch image index or manifest list, which carries the tags), " +
				"`image` (a platform image), `attestation` (a buildx attestation manifest, listed in an index as " +
				"`unknown/unknown`), `signature` (a cosign signature or attestation, tagged `sha256-<digest>.sig`/`.att`, or an " +
				"OCI 1.1 manifest with a `subject`) or `unknown` (the registry has no manifest for it: a warning names it). " +
				"Null unless `manifests = true`.",
			Computed: true,
		},
		"platform": dschema.StringAttribute{
			MarkdownDescription: "`os/architecture[/variant]` of an image, as the index that references it lists it (for example " +
				"`linux/arm64/v8`); `unknown/unknown` for an attestation; null for an index and for an image no index references.",
			Computed: true,
		},
		"child_ids": dschema.ListAttribute{
			MarkdownDescription: "For an index: the versions of this package it references (platform images and attestation " +
				"manifests), through nested indexes too, sorted. Empty for other kinds; null unless `manifests = true`.",
			ElementType: types.Int64Type,
			Computed:    true,
		},
		"parent_ids": dschema.ListAttribute{
			MarkdownDescription: "The indexes of this package that reference this version, sorted. Deleting a version with a parent " +
				"breaks `docker pull` of that index's tags for its platform. Null unless `manifests = true`.",
			ElementType: types.Int64Type,
			Computed:    true,
		},
		"subject_id": dschema.Int64Attribute{
			MarkdownDescription: "For a signature or attestation: the version of this package it signs or describes. Null otherwise.",
			Computed:            true,
		},
	}
}

func nullManifestFacts() manifestFactsModel {
	return manifestFactsModel{
		MediaType: types.StringNull(),
		Kind:      types.StringNull(),
		Platform:  types.StringNull(),
		ChildIDs:  types.ListNull(types.Int64Type),
		ParentIDs: types.ListNull(types.Int64Type),
		SubjectID: types.Int64Null(),
	}
}

func manifestFactsFrom(f *registry.Facts) manifestFactsModel {
	m := manifestFactsModel{
		MediaType: stringOrNull(f.MediaType),
		Kind:      types.StringValue(string(f.Kind)),
		Platform:  stringOrNull(f.Platform),
		ChildIDs:  int64List(f.ChildIDs),
		ParentIDs: int64List(f.ParentIDs),
		SubjectID: types.Int64Null(),
	}
	if f.SubjectID != 0 {
		m.SubjectID = types.Int64Value(f.SubjectID)
	}
	return m
}

// readManifestGraph reads the manifests of the active versions of a
// container package from the registry. The owner's login is needed for the
// registry path; for the token's own account it costs one GET of the
// package. Warnings (missing manifests, ghost images) are added to diags.
func readManifestGraph(ctx context.Context, gh *ghclient.Client, reg *registry.Client, pkg address.Package,
	versions []ghclient.Version, diags *diag.Diagnostics) (*registry.Graph, bool) {
	if reg == nil {
		diags.AddError("No container registry client", "The provider was not configured with a container registry client. "+
			"This is a bug in the provider.")
		return nil, false
	}
	owner := pkg.Owner.Login
	if owner == "" {
		p, err := gh.GetPackage(ctx, pkg)
		if err != nil {
			addAPIError(diags, opRead, pkg, err)
			return nil, false
		}
		owner = p.Owner
	}
	in := make([]registry.Version, 0, len(versions))
	for _, v := range versions {
		in = append(in, registry.Version{ID: v.ID, Digest: v.Name, Tags: v.Tags})
	}
	repo := registry.RepositoryPath(owner, pkg.Name)
	g, err := reg.Describe(ctx, repo, in)
	if err != nil {
		diags.AddError(fmt.Sprintf("Cannot read the manifests of %s from the container registry", pkg),
			fmt.Sprintf("%v.\n\nThe provider reads each version's manifest from %s/v2/%s/manifests/DIGEST with its own token "+
				"(scope repository:%s:pull). Check registry_url (GitHub Enterprise Server needs subdomain isolation for its "+
				"container registry) and that the token can read the package, or set manifests = false to go without "+
				"manifest facts.", err, reg.URL(), repo, repo))
		return nil, false
	}
	if len(g.Warnings) > 0 {
		diags.AddWarning(fmt.Sprintf("%d manifest problem(s) in %s", len(g.Warnings), pkg),
			strings.Join(g.Warnings, "\n")+"\n\nVersions without a manifest have kind \"unknown\". A ghost image cannot be "+
				"pulled; pushing the image again (or deleting the index) repairs it.")
	}
	return g, true
}

// terraformValues are the facts as Terraform values, by attribute name, for
// objects built directly (the elements of ghpackages_versions' `versions`).
func (m manifestFactsModel) terraformValues(ctx context.Context) (map[string]tftypes.Value, error) {
	out := make(map[string]tftypes.Value, 6)
	for name, v := range map[string]attr.Value{
		"media_type": m.MediaType, "kind": m.Kind, "platform": m.Platform,
		"child_ids": m.ChildIDs, "parent_ids": m.ParentIDs, "subject_id": m.SubjectID,
	} {
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			return nil, err
		}
		out[name] = tv
	}
	return out, nil
}
