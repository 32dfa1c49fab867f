package provider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// versionModel is a package version as the data sources show it: an element
// of the `versions` list of ghpackages_versions, and the top-level
// attributes of ghpackages_version.
type versionModel struct {
	ID             types.Int64  `tfsdk:"id"`
	Name           types.String `tfsdk:"name"`
	Tags           types.List   `tfsdk:"tags"`
	CreatedAt      types.String `tfsdk:"created_at"`
	UpdatedAt      types.String `tfsdk:"updated_at"`
	DeletedAt      types.String `tfsdk:"deleted_at"`
	HTMLURL        types.String `tfsdk:"html_url"`
	PackageHTMLURL types.String `tfsdk:"package_html_url"`
	URL            types.String `tfsdk:"url"`
	License        types.String `tfsdk:"license"`
	Description    types.String `tfsdk:"description"`
}

// versionAttributes are the computed attributes of versionModel.
func versionAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id": dschema.Int64Attribute{
			MarkdownDescription: "GitHub's numeric id of the version (64-bit).",
			Computed:            true,
		},
		"name": dschema.StringAttribute{
			MarkdownDescription: "Version name: the image digest (`sha256:...`) for `container` and `docker`, the version number for the other registries.",
			Computed:            true,
		},
		"tags": dschema.ListAttribute{
			MarkdownDescription: "Tags of a `container` or `docker` image version, in GitHub's order; an empty list when the version is untagged or its registry has no tags.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"created_at": dschema.StringAttribute{
			MarkdownDescription: "When the version was published: an RFC 3339 timestamp, as GitHub sends it.",
			Computed:            true,
		},
		"updated_at": dschema.StringAttribute{
			MarkdownDescription: "When the version last changed: an RFC 3339 timestamp, as GitHub sends it.",
			Computed:            true,
		},
		"deleted_at": dschema.StringAttribute{
			MarkdownDescription: "When the version was deleted: an RFC 3339 timestamp; null for an active version.",
			Computed:            true,
		},
		"html_url": dschema.StringAttribute{
			MarkdownDescription: "The version's page on GitHub.",
			Computed:            true,
		},
		"package_html_url": dschema.StringAttribute{
			MarkdownDescription: "The page on GitHub of the version's package.",
			Computed:            true,
		},
		"url": dschema.StringAttribute{
			MarkdownDescription: "The version's REST API URL.",
			Computed:            true,
		},
		"license": dschema.StringAttribute{
			MarkdownDescription: "License of the version, as the registry reports it; null when GitHub sends none.",
			Computed:            true,
		},
		"description": dschema.StringAttribute{
			MarkdownDescription: "Description of the version; null when GitHub sends none.",
			Computed:            true,
		},
	}
}

func versionModelFrom(v ghclient.Version) versionModel {
	return versionModel{
		ID:             types.Int64Value(v.ID),
		Name:           types.StringValue(v.Name),
		Tags:           stringList(v.Tags),
		CreatedAt:      types.StringValue(v.CreatedAt),
		UpdatedAt:      types.StringValue(v.UpdatedAt),
		DeletedAt:      stringOrNull(v.DeletedAt),
		HTMLURL:        types.StringValue(v.HTMLURL),
		PackageHTMLURL: types.StringValue(v.PackageHTMLURL),
		URL:            types.StringValue(v.URL),
		License:        stringOrNull(v.License),
		Description:    stringOrNull(v.Description),
	}
}

// versionType is the type of an element of `versions`, derived from
// versionAttributes so that the two cannot disagree; versionObjectType is
// the same as a Terraform type.
var (
	versionType       = dschema.NestedAttributeObject{Attributes: versionAttributes()}.Type()
	versionObjectType = versionType.TerraformType(context.Background()).(tftypes.Object)
)

// versionValue is versionModelFrom as a Terraform value, built directly: the
// `versions` list of ghpackages_versions holds thousands of them, and going
// through a struct and the framework's values would cost reflection and two
// conversions for each (most of the provider's own time reading 10,000
// versions; see BenchmarkVersionsDataSourceRead). TestVersionValue checks
// that both ways give the same value.
func versionValue(v ghclient.Version) tftypes.Value {
	return tftypes.NewValue(versionObjectType, versionAttrValues(v))
}

// versionAttrValues are the attributes of versionValue, for objects that
// have more (the elements of `versions`).
func versionAttrValues(v ghclient.Version) map[string]tftypes.Value {
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	orNull := func(s string) tftypes.Value {
		if s == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return str(s)
	}
	tags := make([]tftypes.Value, len(v.Tags))
	for i, t := range v.Tags {
		tags[i] = str(t)
	}
	return map[string]tftypes.Value{
		"id":               tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(v.ID)),
		"name":             str(v.Name),
		"tags":             tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tags),
		"created_at":       str(v.CreatedAt),
		"updated_at":       str(v.UpdatedAt),
		"deleted_at":       orNull(v.DeletedAt),
		"html_url":         str(v.HTMLURL),
		"package_html_url": str(v.PackageHTMLURL),
		"url":              str(v.URL),
		"license":          orNull(v.License),
		"description":      orNull(v.Description),
	}
}

// stringList makes a list value that is empty, never null, when there are
// no strings: "untagged" is an answer, not an unknown.
func stringList(values []string) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, s := range values {
		elems = append(elems, types.StringValue(s))
	}
	return types.ListValueMust(types.StringType, elems)
}
