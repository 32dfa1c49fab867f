package provider

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
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
	packageAddressModel
	retentionRulesModel
	Manifests   types.Bool   `tfsdk:"manifests"`
	Now         types.String `tfsdk:"now"`
	KeepIDs     types.List   `tfsdk:"keep_ids"`
	DeleteIDs   types.List   `tfsdk:"delete_ids"`
	Kept        types.Map    `tfsdk:"kept"`
	Total       types.Int64  `tfsdk:"total"`
	KeptCount   types.Int64  `tfsdk:"kept_count"`
	DeleteCount types.Int64  `tfsdk:"delete_count"`
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
	var data retentionPolicyDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rules, diags := data.rules(ctx)
	resp.Diagnostics.Append(diags...)
	now := time.Now().UTC().Truncate(time.Second)
	if !data.Now.IsNull() {
		t, err := time.Parse(time.RFC3339, data.Now.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("now"), "Invalid timestamp",
				fmt.Sprintf("Attribute now must be an RFC 3339 timestamp such as \"2026-06-01T12:00:00Z\", got: %q.", data.Now.ValueString()))
		}
		now = t
	}
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}

	pkg := data.pkg()
	list, result, ok := applyKeepRules(ctx, d.client, d.registry, pkg, rules, data.Manifests, now, &resp.Diagnostics)
	if !ok {
		return
	}

	kept := make(map[string]attr.Value, len(result.Keep))
	for _, id := range result.Keep {
		kept[strconv.FormatInt(id, 10)] = types.StringValue(result.Reason(id))
	}
	if data.Now.IsNull() {
		data.Now = types.StringValue(now.Format(time.RFC3339))
	}
	data.KeepIDs = int64List(result.Keep)
	data.DeleteIDs = int64List(result.Delete)
	data.Kept = types.MapValueMust(types.StringType, kept)
	data.Total = types.Int64Value(int64(len(list)))
	data.KeptCount = types.Int64Value(int64(len(result.Keep)))
	data.DeleteCount = types.Int64Value(int64(len(result.Delete)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// applyKeepRules lists a package's active versions and applies the keep
// rules at now, with the package's manifest graph when manifests asks for
// it: the one decision behind ghpackages_retention_policy and the
// ghpackages_delete_package_versions action. ok is false when it added an
// error to diags.
func applyKeepRules(ctx context.Context, gh *ghclient.Client, reg *registry.Client, pkg address.Package, rules retention.Rules,
	manifests types.Bool, now time.Time, diags *diag.Diagnostics) (list []ghclient.Version, result retention.Result, ok bool) {
	list, err := gh.ListVersions(ctx, pkg, defaultVersionState)
	if err != nil {
		addAPIError(diags, opRead, pkg, err)
		return nil, result, false
	}
	versions, err := retentionVersions(list)
	if err != nil {
		diags.AddError(fmt.Sprintf("Cannot apply the keep rules to %s", pkg), err.Error())
		return nil, result, false
	}
	evaluator := retention.Evaluator{Rules: rules}
	if wantManifests(manifests, pkg.Type) {
		g, ok := readManifestGraph(ctx, gh, reg, pkg, list, diags)
		if !ok {
			return nil, result, false
		}
		evaluator.Companions = newManifestCompanions(g)
		versions = withoutCosignTags(versions, g)
	}
	result = evaluator.Evaluate(versions, now)
	if len(result.UnknownIDs) > 0 {
		diags.AddAttributeWarning(path.Root("keep_version_ids"), "keep_version_ids names versions that are not there",
			fmt.Sprintf("%s has no active version with the id(s) %s: they keep nothing. A deleted version can be restored with a "+
				"ghpackages_package_version_retention resource for it.", pkg, joinIDs(result.UnknownIDs)))
	}
	return list, result, true
}

// retentionVersions is what the rules need of GitHub's listing.
func retentionVersions(list []ghclient.Version) ([]retention.Version, error) {
	out := make([]retention.Version, 0, len(list))
	for _, v := range list {
		created, err := time.Parse(time.RFC3339, v.CreatedAt)
		if err != nil {
			// Never guess an age: a guess could delete a new version.
			return nil, fmt.Errorf("GitHub listed version %d with created_at %q, which is not an RFC 3339 timestamp: "+
				"the policy cannot tell its age, and decides nothing", v.ID, v.CreatedAt)
		}
		updated, _ := time.Parse(time.RFC3339, v.UpdatedAt)
		out = append(out, retention.Version{ID: v.ID, Name: v.Name, Tags: v.Tags, CreatedAt: created, UpdatedAt: updated})
	}
	return out, nil
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
