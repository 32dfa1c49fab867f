package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ list.ListResource              = &packageRetentionListResource{}
	_ list.ListResourceWithConfigure = &packageRetentionListResource{}
)

// NewPackageRetentionListResource is the list resource of
// ghpackages_package_retention: `terraform query` finds the packages of one
// type of an owner, each with the identity that imports it.
func NewPackageRetentionListResource() list.ListResource {
	return &packageRetentionListResource{}
}

type packageRetentionListResource struct {
	configuredResource
}

func (r *packageRetentionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package_retention"
}

func (r *packageRetentionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := listOwnerAttributes()
	attrs["package_type"] = schema.StringAttribute{MarkdownDescription: packageTypeDescription, Required: true, Validators: packageTypeValidators()}
	attrs["visibility"] = schema.StringAttribute{
		MarkdownDescription: "Only the packages of this visibility: `public`, `private` or `internal`; unset lists all.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(address.Visibilities...)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the packages of one type of an organization, a user or the token's own account, for " +
			"`terraform query` (Terraform 1.14 and later). Each result has the identity of a `ghpackages_package_retention`, " +
			"so `terraform query -generate-config-out=FILE` writes an `import` block and a resource block for each: applied, " +
			"they adopt the packages without any change on GitHub.\n\n" +
			"The display name is the package name, its visibility and its number of versions: `web/app (private, 3 versions)`.\n\n" +
			"Packages are fetched 100 a page, and no further page is asked for once the query's `limit` is reached.",
		Attributes: attrs,
	}
}

func (r *packageRetentionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	cfg, ok := listConfigFrom[packagesQueryModel](ctx, r.client, req, stream)
	if !ok {
		return
	}
	owner, pkgType := cfg.owner(), cfg.PackageType.ValueString()
	streamPages(ctx, req, stream, cfg.subject(),
		func(page func([]ghclient.Package) bool) error {
			return r.client.EachPackagePage(ctx, owner, pkgType, cfg.Visibility.ValueString(), page)
		},
		func(got ghclient.Package) (list.ListResult, bool) {
			return r.result(ctx, req, address.Package{Owner: owner, Type: pkgType, Name: got.Name}, got), true
		})
}

// result is one listed package: its identity, display name and, when asked
// for, the state that ghpackages_package_retention would hold.
func (r *packageRetentionListResource) result(ctx context.Context, req list.ListRequest, p address.Package, got ghclient.Package) list.ListResult {
	result := req.NewListResult(ctx)
	versions := "versions"
	if got.VersionCount == 1 {
		versions = "version"
	}
	result.DisplayName = fmt.Sprintf("%s (%s, %d %s)", p.Name, got.Visibility, got.VersionCount, versions)
	result.Diagnostics.Append(result.Identity.Set(ctx, packageAddressModelOf(p))...)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, packageRetentionModelNamed(p).filled(p, got))...)
	}
	return result
}
