package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

var (
	_ datasource.DataSource              = &versionDataSource{}
	_ datasource.DataSourceWithConfigure = &versionDataSource{}
)

// NewVersionDataSource is ghpackages_version: one version of a package.
func NewVersionDataSource() datasource.DataSource {
	return &versionDataSource{}
}

type versionDataSource struct {
	configuredDataSource
}

// versionDataSourceModel is the address plus the version's fields; `id`
// repeats package_version_id, as GitHub's own id of what was read.
type versionDataSourceModel struct {
	packageAddressModel
	PackageVersionID types.Int64 `tfsdk:"package_version_id"`
	versionModel
}

func (d *versionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_version"
}

func (d *versionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourcePackageAttributes()
	attrs["package_version_id"] = schema.Int64Attribute{
		MarkdownDescription: versionIDDescription,
		Required:            true,
		Validators:          versionIDValidators(),
	}
	maps.Copy(attrs, versionAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one active version of a package of an organization, a user or the token's own account " +
			"(`GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}` and its " +
			"`/users/{username}` and `/user` forms). `id` is the version's id, the same as `package_version_id`. " +
			"GitHub does not serve deleted versions here: list them with `ghpackages_versions` and `state = \"deleted\"`.",
		Attributes: attrs,
	}
}

func (d *versionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data versionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}

	ver := address.Version{
		Package: data.pkg(),
		ID:      data.PackageVersionID.ValueInt64(),
	}
	v, err := d.client.GetVersion(ctx, ver)
	if err != nil {
		summary, detail := explainAPIError(opRead, ver, err)
		if versionMissing(err) {
			detail += "\n\nA deleted version is not found here; ghpackages_versions with state = \"deleted\" lists " +
				"the versions deleted in the last 30 days."
		}
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	data.versionModel = versionModelFrom(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
