package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

var (
	_ datasource.DataSource                   = &versionsDataSource{}
	_ datasource.DataSourceWithConfigure      = &versionsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &versionsDataSource{}
)

// defaultVersionState is GitHub's default for the state filter; the data
// source writes it to state so that `state` always says what was listed.
const defaultVersionState = "active"

// NewVersionsDataSource is ghpackages_versions: every version of a package.
func NewVersionsDataSource() datasource.DataSource {
	return &versionsDataSource{}
}

type versionsDataSource struct {
	client   *ghclient.Client
	registry *registry.Client
}

type versionsDataSourceModel struct {
	Org         types.String        `tfsdk:"org"`
	User        types.String        `tfsdk:"user"`
	PackageType types.String        `tfsdk:"package_type"`
	PackageName types.String        `tfsdk:"package_name"`
	State       types.String        `tfsdk:"state"`
	Manifests   types.Bool          `tfsdk:"manifests"`
	Versions    []versionsItemModel `tfsdk:"versions"`
	IDs         types.List          `tfsdk:"ids"`
}

// versionsItemModel is one element of `versions`: the version, and what
// its manifest says when manifests = true.
type versionsItemModel struct {
	versionModel
	manifestFactsModel
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
	attrs["manifests"] = schema.BoolAttribute{
		MarkdownDescription: "For a `container` package: also read each active version's manifest from the container " +
			"registry (`registry_url`), and fill in `media_type`, `kind`, `platform`, `child_ids`, `parent_ids` and " +
			"`subject_id`. This shows which untagged versions are the platform images, attestations and signatures of a " +
			"tagged multi-arch image. It costs one registry request per version not seen before (the manifest cache " +
			"answers the others), within `max_concurrent_requests`. Default `false`.",
		Optional: true,
	}
	itemAttrs := versionAttributes()
	for k, v := range manifestFactsAttributes() {
		itemAttrs[k] = v
	}
	attrs["versions"] = schema.ListNestedAttribute{
		MarkdownDescription: "The versions, newest first as GitHub lists them; every page is read.",
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: itemAttrs},
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
	d.registry = registryFromProviderData(req.ProviderData)
}

// ValidateConfig refuses manifests = true where there are no manifests to
// read: packages of another type, and deleted versions.
func (d *versionsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var data versionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !data.Manifests.ValueBool() {
		return
	}
	if t := data.PackageType; !t.IsUnknown() && !t.IsNull() && t.ValueString() != "container" {
		resp.Diagnostics.AddAttributeError(path.Root("manifests"), "manifests needs a container package",
			fmt.Sprintf("manifests = true reads image manifests from the container registry; package_type is %q. "+
				"Set package_type = \"container\", or leave manifests out.", t.ValueString()))
	}
	if s := data.State; !s.IsUnknown() && s.ValueString() == "deleted" {
		resp.Diagnostics.AddAttributeError(path.Root("manifests"), "manifests needs active versions",
			"manifests = true reads the manifests of active versions; the registry has none for deleted versions "+
				"(state = \"deleted\"). Leave manifests out, or list state = \"active\".")
	}
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
	var graph *registry.Graph
	if data.Manifests.ValueBool() {
		var ok bool
		if graph, ok = readManifestGraph(ctx, d.client, d.registry, pkg, list, &resp.Diagnostics); !ok {
			return
		}
	}
	data.Versions = make([]versionsItemModel, 0, len(list))
	ids := make([]attr.Value, 0, len(list))
	for _, v := range list {
		item := versionsItemModel{versionModel: versionModelFrom(v), manifestFactsModel: nullManifestFacts()}
		if graph != nil {
			item.manifestFactsModel = manifestFactsFrom(graph.Facts[v.ID])
		}
		data.Versions = append(data.Versions, item)
		ids = append(ids, types.Int64Value(v.ID))
	}
	data.IDs = types.ListValueMust(types.Int64Type, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
