package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

var (
	_ datasource.DataSource              = &packagesDataSource{}
	_ datasource.DataSourceWithConfigure = &packagesDataSource{}
)

// NewPackagesDataSource is ghpackages_packages: every package of one type of
// an owner.
func NewPackagesDataSource() datasource.DataSource {
	return &packagesDataSource{}
}

type packagesDataSource struct {
	configuredDataSource
}

type packagesDataSourceModel struct {
	Org         types.String   `tfsdk:"org"`
	User        types.String   `tfsdk:"user"`
	PackageType types.String   `tfsdk:"package_type"`
	Visibility  types.String   `tfsdk:"visibility"`
	Packages    []packageModel `tfsdk:"packages"`
}

func (d *packagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_packages"
}

func (d *packagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceOwnerAttributes()
	attrs["package_type"] = schema.StringAttribute{
		MarkdownDescription: packageTypeDescription,
		Required:            true,
		Validators:          packageTypeValidators(),
	}
	attrs["visibility"] = schema.StringAttribute{
		MarkdownDescription: "Only list packages of this visibility: `public`, `private` or `internal`. Unset lists all the token may see.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(address.Visibilities...)},
	}
	attrs["packages"] = packagesAttribute("The packages, in the order GitHub lists them; every page is read.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the packages of one type of an organization, a user or the token's own account " +
			"(`GET /orgs/{org}/packages`, `/users/{username}/packages` or `/user/packages`). " +
			"Private packages are listed only when the token may see them.",
		Attributes: attrs,
	}
}

func (d *packagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data packagesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}

	owner := ownerOf(data.Org, data.User)
	list, err := d.client.ListPackages(ctx, owner, data.PackageType.ValueString(), data.Visibility.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, listSubject{what: data.PackageType.ValueString() + " packages", owner: owner, packageType: data.PackageType.ValueString()}, err)
		return
	}
	data.Packages = packageModelsFrom(list)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
