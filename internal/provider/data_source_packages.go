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
	packagesQueryModel
	Packages []packageModel `tfsdk:"packages"`
}

// packagesQueryModel is a listing of an owner's packages of one type,
// optionally of one visibility: the arguments of ghpackages_packages and
// the `config` block of the ghpackages_package_retention list resource.
type packagesQueryModel struct {
	ownerModel
	PackageType types.String `tfsdk:"package_type"`
	Visibility  types.String `tfsdk:"visibility"`
}

// subject names the listing in diagnostics.
func (q packagesQueryModel) subject() listSubject {
	return listSubject{what: q.PackageType.ValueString() + " packages", owner: q.owner(), packageType: q.PackageType.ValueString()}
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

	list, err := d.client.ListPackages(ctx, data.owner(), data.PackageType.ValueString(), data.Visibility.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, data.subject(), err)
		return
	}
	data.Packages = packageModelsFrom(list)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
