package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

var (
	_ datasource.DataSource              = &packageDataSource{}
	_ datasource.DataSourceWithConfigure = &packageDataSource{}
)

// NewPackageDataSource is ghpackages_package: one package.
func NewPackageDataSource() datasource.DataSource {
	return &packageDataSource{}
}

type packageDataSource struct {
	configuredDataSource
}

// packageDataSourceModel is the address plus the package's fields.
// package_type is both: packageModel carries it, and Read writes back the
// type GitHub reports for the package it was asked for, which is the same.
type packageDataSourceModel struct {
	ownerModel
	PackageName types.String `tfsdk:"package_name"`
	packageModel
}

// pkg is the package the arguments name.
func (m packageDataSourceModel) pkg() address.Package {
	return packageAddressModel{ownerModel: m.ownerModel, PackageType: m.PackageType, PackageName: m.PackageName}.pkg()
}

func (d *packageDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package"
}

func (d *packageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourcePackageAttributes()
	for name, attr := range packageAttributes() {
		// package_type is already there, as the required input.
		if _, input := attrs[name]; !input {
			attrs[name] = attr
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one package of an organization, a user or the token's own account " +
			"(`GET /orgs/{org}/packages/{package_type}/{package_name}` and its `/users/{username}` and `/user` forms). " +
			"`id` is GitHub's numeric id of the package.",
		Attributes: attrs,
	}
}

func (d *packageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data packageDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}

	pkg := data.pkg()
	p, err := d.client.GetPackage(ctx, pkg)
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, pkg, err)
		return
	}
	data.packageModel = packageModelFrom(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
