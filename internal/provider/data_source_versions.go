package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
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
	configuredDataSource
}

type versionsDataSourceModel struct {
	packageAddressModel
	State     types.String `tfsdk:"state"`
	Manifests types.Bool   `tfsdk:"manifests"`
	Versions  types.List   `tfsdk:"versions"`
	IDs       types.List   `tfsdk:"ids"`
}

// versionsItemAttributes are the attributes of an element of `versions`:
// the version, and what its manifest says when manifests = true.
func versionsItemAttributes() map[string]schema.Attribute {
	attrs := versionAttributes()
	maps.Copy(attrs, manifestFactsAttributes())
	return attrs
}

// versionsItemType is the type of an element of `versions`, derived from the
// schema; versionsItemObjectType is the same as a Terraform type.
var (
	versionsItemType       = schema.NestedAttributeObject{Attributes: versionsItemAttributes()}.Type()
	versionsItemObjectType = versionsItemType.TerraformType(context.Background()).(tftypes.Object)
)

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
	// `versions` is a list of objects rather than a ListNestedAttribute:
	// references and state are the same, but the framework walks every null
	// inside a nested attribute's value through the schema (its pass for null
	// collection blocks) at a cost of two schema rebuilds each. Reading
	// 10,000 versions, with ten nulls each, that was 1.2 s of the provider's
	// 3.2 s of CPU (see BenchmarkVersionsDataSourceRead and README,
	// Performance). The element's attributes are documented here instead.
	attrs["versions"] = schema.ListAttribute{
		MarkdownDescription: "The versions, newest first as GitHub lists them; every page is read. Each element has these attributes:\n" +
			attributesMarkdown(versionsItemAttributes()),
		Computed:    true,
		ElementType: versionsItemType,
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

	pkg := data.pkg()
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
	// The elements of `versions` are built as Terraform values directly
	// (see versionValue): through the model, 10,000 of them cost the
	// framework's reflection for each.
	nullFacts, err := nullManifestFacts().terraformValues(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Internal error", "Converting manifest facts: "+err.Error())
		return
	}
	versions := make([]tftypes.Value, 0, len(list))
	ids := make([]attr.Value, 0, len(list))
	for _, v := range list {
		item := versionAttrValues(v)
		facts := nullFacts
		if graph != nil {
			if facts, err = manifestFactsFrom(graph.Facts[v.ID]).terraformValues(ctx); err != nil {
				resp.Diagnostics.AddError("Internal error", "Converting manifest facts: "+err.Error())
				return
			}
		}
		for k, f := range facts {
			item[k] = f
		}
		versions = append(versions, tftypes.NewValue(versionsItemObjectType, item))
		ids = append(ids, types.Int64Value(v.ID))
	}
	data.IDs = types.ListValueMust(types.Int64Type, ids)
	// Everything but `versions` goes through the model; `versions` is set
	// as the Terraform value built above.
	data.Versions = types.ListNull(versionsItemType)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := setRawAttribute(&resp.State, "versions", tftypes.NewValue(tftypes.List{ElementType: versionsItemObjectType}, versions)); err != nil {
		resp.Diagnostics.AddError("Internal error", "Setting versions: "+err.Error())
	}
}

// attributesMarkdown documents the attributes of an object-typed list
// element as a nested Markdown list, sorted by name, in tfplugindocs' form:
// "  - `a` (String) What a is.".
func attributesMarkdown(attrs map[string]schema.Attribute) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		fmt.Fprintf(&b, "\n  - `%s` (%s) %s", name, typeName(attrs[name].GetType()), attrs[name].GetMarkdownDescription())
	}
	return b.String() + "\n"
}

// typeName is how tfplugindocs names an attribute's type.
func typeName(t attr.Type) string {
	if list, ok := t.(types.ListType); ok {
		return "List of " + typeName(list.ElemType)
	}
	switch {
	case t.Equal(types.StringType):
		return "String"
	case t.Equal(types.Int64Type):
		return "Number"
	case t.Equal(types.BoolType):
		return "Boolean"
	default:
		return t.String()
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
