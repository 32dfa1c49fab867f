package provider

import (
	"context"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/retention"
)

var (
	_ datasource.DataSource                     = &retentionPolicyDataSource{}
	_ datasource.DataSourceWithConfigure        = &retentionPolicyDataSource{}
	_ datasource.DataSourceWithConfigValidators = &retentionPolicyDataSource{}
)

// NewRetentionPolicyDataSource is ghpackages_retention_policy: a package's
// active versions split into keep and delete by keep rules. Its state holds
// ids and the reasons of kept versions, never version objects, so that a
// configuration with thousands of versions stays cheap for Terraform core.
func NewRetentionPolicyDataSource() datasource.DataSource {
	return &retentionPolicyDataSource{}
}

type retentionPolicyDataSource struct {
	configuredDataSource
}

type retentionPolicyDataSourceModel struct {
	policyInputModel
	Now types.String `tfsdk:"now"`
	policyDecisionModel
}

// policyDecisionModel is what the policy decided, as the state holds it:
// ids, counts and the reasons of kept versions.
type policyDecisionModel struct {
	KeepIDs     types.List  `tfsdk:"keep_ids"`
	DeleteIDs   types.List  `tfsdk:"delete_ids"`
	Kept        types.Map   `tfsdk:"kept"`
	Total       types.Int64 `tfsdk:"total"`
	KeptCount   types.Int64 `tfsdk:"kept_count"`
	DeleteCount types.Int64 `tfsdk:"delete_count"`
}

// policyDecisionModelOf converts the keep rules' result over total versions.
func policyDecisionModelOf(total int, result retention.Result) policyDecisionModel {
	kept := make(map[string]attr.Value, len(result.Keep))
	for _, id := range result.Keep {
		kept[strconv.FormatInt(id, 10)] = types.StringValue(result.Reason(id))
	}
	return policyDecisionModel{
		KeepIDs:     int64List(result.Keep),
		DeleteIDs:   int64List(result.Delete),
		Kept:        types.MapValueMust(types.StringType, kept),
		Total:       types.Int64Value(int64(total)),
		KeptCount:   types.Int64Value(int64(len(result.Keep))),
		DeleteCount: types.Int64Value(int64(len(result.Delete))),
	}
}

func (d *retentionPolicyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_retention_policy"
}

func (d *retentionPolicyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourcePackageAttributes()
	maps.Copy(attrs, dataSourceRetentionRuleAttributes())
	attrs["manifests"] = schema.BoolAttribute{MarkdownDescription: manifestsDescription, Optional: true}
	attrs["now"] = schema.StringAttribute{
		MarkdownDescription: "The reference time of `keep_newer_than`: an RFC 3339 timestamp such as `\"2026-06-01T12:00:00Z\"`, " +
			"so that a plan can be reproduced. Unset, it is the time of the read, which is then stored here. " +
			"Do not set it to `timestamp()`, which is unknown until the apply and would postpone the read, and every " +
			"retention resource built on it, to the apply.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{rfc3339Validator()},
	}
	attrs["keep_ids"] = schema.ListAttribute{
		MarkdownDescription: "Ids of the versions the policy keeps, newest first (by `created_at`, ties in GitHub's order). " +
			"Never empty when the package has a version: its last version is always kept.",
		ElementType: types.Int64Type,
		Computed:    true,
	}
	attrs["delete_ids"] = schema.ListAttribute{
		MarkdownDescription: "Ids of the versions no rule keeps, newest first: those a retention window built on `keep_ids` deletes.",
		ElementType:         types.Int64Type,
		Computed:            true,
	}
	attrs["kept"] = schema.MapAttribute{
		MarkdownDescription: "Why each version is kept: a map from version id (as a string) to every rule that keeps it, joined by `; `, " +
			"for example `\"newest 10 tagged; tag v1.2.0 matches ^v\\d+\\.\\d+\\.\\d+$\"`, `\"younger than 14d\"`, `\"kept by id\"` or " +
			"`\"last version of the package\"`.",
		ElementType: types.StringType,
		Computed:    true,
	}
	attrs["total"] = schema.Int64Attribute{MarkdownDescription: "How many active versions the package has.", Computed: true}
	attrs["kept_count"] = schema.Int64Attribute{MarkdownDescription: "How many versions the policy keeps: the length of `keep_ids`.", Computed: true}
	attrs["delete_count"] = schema.Int64Attribute{MarkdownDescription: "How many versions the policy would delete: the length of `delete_ids`.", Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Splits the active versions of a package into those a retention policy keeps and those it would delete, " +
			"with the reasons of each kept version. A version is kept when at least one `keep_*` rule keeps it; at least one rule is " +
			"required. It reads the versions as `ghpackages_versions` does, but stores only ids and reasons, so that configurations " +
			"over packages with thousands of versions stay fast. It deletes nothing: `for_each` over `keep_ids` into " +
			"`ghpackages_package_version_retention` does (see the guide in the provider's documentation).",
		Attributes: attrs,
	}
}

func (d *retentionPolicyDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{keepRulesRequired{}}
}

func (d *retentionPolicyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	data, ok := modelFrom[retentionPolicyDataSourceModel](ctx, d.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	now := time.Now().UTC().Truncate(time.Second)
	if !data.Now.IsNull() {
		t, err := time.Parse(time.RFC3339, data.Now.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("now"), rfc3339Summary, rfc3339Detail(path.Root("now"), data.Now.ValueString()))
			return
		}
		now = t
	}
	list, result, ok := data.apply(ctx, d.providerData, now, &resp.Diagnostics)
	if !ok {
		return
	}
	if data.Now.IsNull() {
		data.Now = types.StringValue(now.Format(time.RFC3339))
	}
	data.policyDecisionModel = policyDecisionModelOf(len(list), result)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func int64List(ids []int64) types.List {
	elems := make([]attr.Value, 0, len(ids))
	for _, id := range ids {
		elems = append(elems, types.Int64Value(id))
	}
	return types.ListValueMust(types.Int64Type, elems)
}

func joinIDs(ids []int64) string {
	s := make([]string, 0, len(ids))
	for _, id := range ids {
		s = append(s, strconv.FormatInt(id, 10))
	}
	return strings.Join(s, ", ")
}
