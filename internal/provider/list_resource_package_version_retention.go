package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ list.ListResource              = &packageVersionRetentionListResource{}
	_ list.ListResourceWithConfigure = &packageVersionRetentionListResource{}
)

// NewPackageVersionRetentionListResource is the list resource of
// ghpackages_package_version_retention: `terraform query` finds the active
// versions of a package, each with the identity that imports it.
func NewPackageVersionRetentionListResource() list.ListResource {
	return &packageVersionRetentionListResource{}
}

type packageVersionRetentionListResource struct {
	configuredResource
}

// packageVersionRetentionListModel is the `config` block.
type packageVersionRetentionListModel struct {
	packageAddressModel
	Tagged types.Bool `tfsdk:"tagged"`
}

// matches applies the `tagged` filter.
func (m packageVersionRetentionListModel) matches(v ghclient.Version) bool {
	if m.Tagged.IsNull() || m.Tagged.IsUnknown() {
		return true
	}
	return m.Tagged.ValueBool() == (len(v.Tags) > 0)
}

func (r *packageVersionRetentionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package_version_retention"
}

func (r *packageVersionRetentionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := listOwnerAttributes()
	attrs["package_type"] = schema.StringAttribute{MarkdownDescription: packageTypeDescription, Required: true, Validators: packageTypeValidators()}
	attrs["package_name"] = schema.StringAttribute{MarkdownDescription: packageNameDescription, Required: true, Validators: packageNameValidators()}
	attrs["tagged"] = schema.BoolAttribute{
		MarkdownDescription: "`true` lists only the versions with at least one tag, `false` only the untagged ones; unset " +
			"lists all. Only `container` and `docker` versions have tags: for the other package types `true` lists nothing.",
		Optional: true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the active versions of a package, newest first, for `terraform query` (Terraform 1.14 " +
			"and later). Each result has the identity of a `ghpackages_package_version_retention`, so " +
			"`terraform query -generate-config-out=FILE` writes an `import` block and a resource block for each: applied, " +
			"they adopt the versions without any change on GitHub.\n\n" +
			"The display name is the package name, then the version's tags (`container` and `docker`; `(untagged)` when " +
			"it has none) or its name (the other package types), then its id: `web/app 1.2.0, latest (3300000108)`, " +
			"`web/app (untagged) (3300000107)`, `hello-npm 1.0.0 (3200000111)`.\n\n" +
			"Versions are fetched 100 a page, and no further page is asked for once the query's `limit` is reached.",
		Attributes: attrs,
	}
}

func (r *packageVersionRetentionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	cfg, ok := listConfigFrom[packageVersionRetentionListModel](ctx, r.client, req, stream)
	if !ok {
		return
	}
	p := cfg.pkg()
	streamPages(ctx, req, stream, p,
		func(page func([]ghclient.Version) bool) error { return r.client.EachVersionPage(ctx, p, page) },
		func(v ghclient.Version) (list.ListResult, bool) {
			if !cfg.matches(v) {
				return list.ListResult{}, false
			}
			return r.result(ctx, req, address.Version{Package: p, ID: v.ID}, v), true
		})
}

// result is one listed version: its identity, display name and, when asked
// for, the state that ghpackages_package_version_retention would hold.
func (r *packageVersionRetentionListResource) result(ctx context.Context, req list.ListRequest, v address.Version, got ghclient.Version) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = versionDisplayName(v.Package, got)
	result.Diagnostics.Append(result.Identity.Set(ctx, versionIdentityOf(v))...)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, packageVersionRetentionModelNamed(v).filled(v, got))...)
	}
	return result
}

// versionDisplayName is `NAME LABEL (ID)`: LABEL is the tags of an image
// version, "(untagged)" for an image without any, the version name for the
// other package types (an image's name is its digest, too long to read).
func versionDisplayName(p address.Package, v ghclient.Version) string {
	label := v.Name
	if slices.Contains([]string{"container", "docker"}, p.Type) {
		label = "(untagged)"
		if len(v.Tags) > 0 {
			label = strings.Join(v.Tags, ", ")
		}
	}
	return fmt.Sprintf("%s %s (%d)", p.Name, label, v.ID)
}
