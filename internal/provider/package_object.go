package provider

import (
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// packageModel is a package as the data sources show it: an element of the
// `packages` lists of ghpackages_packages and ghpackages_docker_conflicts,
// and the top-level attributes of ghpackages_package.
type packageModel struct {
	ID           types.Int64  `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	PackageType  types.String `tfsdk:"package_type"`
	Visibility   types.String `tfsdk:"visibility"`
	VersionCount types.Int64  `tfsdk:"version_count"`
	Owner        types.String `tfsdk:"owner"`
	Repository   types.String `tfsdk:"repository"`
	HTMLURL      types.String `tfsdk:"html_url"`
	URL          types.String `tfsdk:"url"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

// packageAttributes are the computed attributes of packageModel.
func packageAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id": dschema.Int64Attribute{
			MarkdownDescription: "GitHub's numeric id of the package.",
			Computed:            true,
		},
		"name": dschema.StringAttribute{
			MarkdownDescription: "Package name, as GitHub spells it; may contain `/`.",
			Computed:            true,
		},
		"package_type": dschema.StringAttribute{
			MarkdownDescription: "Package type: `npm`, `maven`, `rubygems`, `docker`, `nuget` or `container`.",
			Computed:            true,
		},
		"visibility": dschema.StringAttribute{
			MarkdownDescription: "Visibility: `public`, `private` or `internal`.",
			Computed:            true,
		},
		"version_count": dschema.Int64Attribute{
			MarkdownDescription: "Number of versions of the package, as GitHub counts them.",
			Computed:            true,
		},
		"owner": dschema.StringAttribute{
			MarkdownDescription: "Login of the organization or user that owns the package.",
			Computed:            true,
		},
		"repository": dschema.StringAttribute{
			MarkdownDescription: "Full name (`owner/repo`) of the repository the package is linked to; null when it is linked to none.",
			Computed:            true,
		},
		"html_url": dschema.StringAttribute{
			MarkdownDescription: "The package's page on GitHub.",
			Computed:            true,
		},
		"url": dschema.StringAttribute{
			MarkdownDescription: "The package's REST API URL.",
			Computed:            true,
		},
		"created_at": dschema.StringAttribute{
			MarkdownDescription: "When the package was created: an RFC 3339 timestamp, as GitHub sends it.",
			Computed:            true,
		},
		"updated_at": dschema.StringAttribute{
			MarkdownDescription: "When the package last changed: an RFC 3339 timestamp, as GitHub sends it.",
			Computed:            true,
		},
	}
}

// packagesAttribute is the `packages` list of ghpackages_packages and
// ghpackages_docker_conflicts.
func packagesAttribute(description string) dschema.ListNestedAttribute {
	return dschema.ListNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		NestedObject:        dschema.NestedAttributeObject{Attributes: packageAttributes()},
	}
}

// packageModelFrom is the one conversion of a GitHub package to Terraform
// values, for the data sources and ghpackages_package_retention alike. The
// null rule is stringOrNull's: a value GitHub leaves empty is null.
func packageModelFrom(p ghclient.Package) packageModel {
	return packageModel{
		ID:           types.Int64Value(p.ID),
		Name:         types.StringValue(p.Name),
		PackageType:  types.StringValue(p.PackageType),
		Visibility:   stringOrNull(p.Visibility),
		VersionCount: types.Int64Value(p.VersionCount),
		Owner:        stringOrNull(p.Owner),
		Repository:   stringOrNull(p.Repository),
		HTMLURL:      stringOrNull(p.HTMLURL),
		URL:          stringOrNull(p.URL),
		CreatedAt:    stringOrNull(p.CreatedAt),
		UpdatedAt:    stringOrNull(p.UpdatedAt),
	}
}

// packageModelsFrom converts a list, keeping its order. The result is never
// nil, so that no packages is an empty list in state, not null.
func packageModelsFrom(list []ghclient.Package) []packageModel {
	out := make([]packageModel, 0, len(list))
	for _, p := range list {
		out = append(out, packageModelFrom(p))
	}
	return out
}
