package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ datasource.DataSource              = &versionsDataSource{}
	_ datasource.DataSourceWithConfigure = &versionsDataSource{}
)

// defaultVersionState is GitHub's default for the state filter; the data
// source writes it to state so that `state` always says what was listed.
const defaultVersionState = "active"

// NewVersionsDataSource is ghpackages_versions: every version of a package.
func NewVersionsDataSource() datasource.DataSource {
	return &versionsDataSource{}
}

type versionsDataSource struct {
	client *ghclient.Client
}

type versionsDataSourceModel struct {
	Org         types.String `tfsdk:"org"`
	User        types.String `tfsdk:"user"`
	PackageType types.String `tfsdk:"package_type"`
	PackageName types.String `tfsdk:"package_name"`
	State       types.String `tfsdk:"state"`
	Versions    types.List   `tfsdk:"versions"`
	IDs         types.List   `tfsdk:"ids"`
}

func (d *versionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_versions"
}

func (d *versionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourcePackageAttributes()
	attrs["state"] = schema.StringAttribute{
		MarkdownDescription: "Which versions to list: `active` (the default) or `deleted` (versions deleted in the last 30 days, " +
			"which can still be restored).",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.OneOf(address.VersionStates...)},
	}
	attrs["versions"] = schema.ListNestedAttribute{
		MarkdownDescription: "The versions, newest first as GitHub lists them; every page is read.",
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: versionAttributes()},
	}
	attrs["ids"] = schema.ListAttribute{
		MarkdownDescription: "The ids of `versions`, in the same order.",
		ElementType:         types.Int64Type,
		Computed:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the versions of a package of an organization, a user or the token's own account " +
			"(`GET /orgs/{org}/packages/{package_type}/{package_name}/versions` and its `/users/{username}` and `/user` forms).",
		Attributes: attrs,
	}
}

func (d *versionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *versionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data versionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	if data.State.IsNull() {
		data.State = types.StringValue(defaultVersionState)
	}

	pkg := packageOf(data.Org, data.User, data.PackageType, data.PackageName)
	list, err := d.client.ListVersions(ctx, pkg, data.State.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, pkg, err)
		return
	}
	versions := make([]tftypes.Value, 0, len(list))
	ids := make([]attr.Value, 0, len(list))
	for _, v := range list {
		versions = append(versions, versionValue(v))
		ids = append(ids, types.Int64Value(v.ID))
	}
	data.IDs = types.ListValueMust(types.Int64Type, ids)
	// Everything but `versions` goes through the model; `versions` is set
	// as the Terraform value built directly (see versionValue).
	data.Versions = types.ListNull(versionType)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := setRawAttribute(&resp.State, "versions", tftypes.NewValue(tftypes.List{ElementType: versionObjectType}, versions)); err != nil {
		resp.Diagnostics.AddError("Internal error", "Setting versions: "+err.Error())
	}
}

// setRawAttribute replaces one top-level attribute of state with a
// Terraform value.
func setRawAttribute(state *tfsdk.State, name string, v tftypes.Value) error {
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		return err
	}
	attrs[name] = v
	raw := tftypes.NewValue(state.Raw.Type(), attrs)
	state.Raw = raw
	return nil
}
