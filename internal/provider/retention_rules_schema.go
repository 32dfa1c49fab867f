package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/retention"
)

// The keep rules of a retention policy (package retention) are the same
// attributes wherever a policy is written: the ghpackages_retention_policy
// data source, the ghpackages_delete_package_versions action, and anything
// else that splits versions into keep and delete. Their descriptions,
// validators, model and conversion to retention.Rules are declared here
// once; a component embeds retentionRulesModel in its model (through
// policyInputModel) and adds the rule attributes to its schema (a data
// source flavour here; other flavours are built from the same descriptions
// and validators, as in package_address_schema.go).

const (
	keepNewestDescription         = "Keep the N newest versions (by `created_at`; versions created at the same time in GitHub's order). At least 0."
	keepNewestTaggedDescription   = "Keep the N newest versions that have at least one tag (container and docker images). At least 0."
	keepNewestUntaggedDescription = "Keep the N newest versions without tags. At least 0. Untagged versions of a multi-arch image may be its platform manifests: see the guide."
	keepNewerThanDescription      = "Keep the versions created less than this long before `now`: a duration such as `\"720h\"`, `\"30d\"` or `\"1d12h\"` " +
		"(units `d` for 24 hours, `h`, `m`, `s`, `ms`, `us`, `ns`). A version created exactly at the cut-off is kept."
	keepTagsDescription = "Keep the versions with a tag that one of these RE2 regular expressions matches. Each expression is tested against " +
		"each tag on its own, unanchored (as Go's `regexp.MatchString`): `^prod-` keeps `prod-2024`, `^v1$` keeps only `v1`. " +
		"In HCL, double the backslashes: `\"^v\\\\d+\\\\.\\\\d+\\\\.\\\\d+$\"`."
	keepNamesDescription      = "Keep the versions whose name one of these RE2 regular expressions matches, unanchored: for npm, maven, nuget and rubygems versions, such as `\"^1\\\\.\"` in HCL. The name of a container version is its digest."
	keepVersionIDsDescription = "Keep the versions with these ids (GitHub's numeric ids, at least 1). An id that is not an active version of the package keeps nothing, with a warning."
)

// retentionRuleNames are the rule attributes, in the order of their reasons.
var retentionRuleNames = []string{
	"keep_version_ids", "keep_newest", "keep_newest_tagged", "keep_newest_untagged", "keep_newer_than", "keep_tags", "keep_names",
}

// retentionRulesModel is the rules as configured; embed it by value.
type retentionRulesModel struct {
	KeepNewest         types.Int64  `tfsdk:"keep_newest"`
	KeepNewestTagged   types.Int64  `tfsdk:"keep_newest_tagged"`
	KeepNewestUntagged types.Int64  `tfsdk:"keep_newest_untagged"`
	KeepNewerThan      types.String `tfsdk:"keep_newer_than"`
	KeepTags           types.List   `tfsdk:"keep_tags"`
	KeepNames          types.List   `tfsdk:"keep_names"`
	KeepVersionIDs     types.List   `tfsdk:"keep_version_ids"`
}

func keepCountValidators() []validator.Int64 {
	return []validator.Int64{int64validator.AtLeast(0)}
}

func keepRegexListValidators() []validator.List {
	return []validator.List{listvalidator.NoNullValues(), listvalidator.ValueStringsAre(regexValidator())}
}

func keepVersionIDsValidators() []validator.List {
	return []validator.List{listvalidator.NoNullValues(), listvalidator.ValueInt64sAre(versionIDValidators()...)}
}

// dataSourceRetentionRuleAttributes are the keep rules for data sources.
func dataSourceRetentionRuleAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"keep_newest":          dschema.Int64Attribute{MarkdownDescription: keepNewestDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newest_tagged":   dschema.Int64Attribute{MarkdownDescription: keepNewestTaggedDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newest_untagged": dschema.Int64Attribute{MarkdownDescription: keepNewestUntaggedDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newer_than":      dschema.StringAttribute{MarkdownDescription: keepNewerThanDescription, Optional: true, Validators: []validator.String{ageValidator()}},
		"keep_tags": dschema.ListAttribute{MarkdownDescription: keepTagsDescription, Optional: true, ElementType: types.StringType,
			Validators: keepRegexListValidators()},
		"keep_names": dschema.ListAttribute{MarkdownDescription: keepNamesDescription, Optional: true, ElementType: types.StringType,
			Validators: keepRegexListValidators()},
		"keep_version_ids": dschema.ListAttribute{MarkdownDescription: keepVersionIDsDescription, Optional: true, ElementType: types.Int64Type,
			Validators: keepVersionIDsValidators()},
	}
}

// keepRulesRequired refuses, at validate time, a policy that would delete
// every version by omission: no rule at all, or only rules that keep nothing
// (counts of 0, empty lists). Unknown values may keep something and pass;
// the attribute validators check each rule's value. One config validator
// for ghpackages_retention_policy and ghpackages_delete_package_versions,
// as the framework's own validators serve several kinds of object.
type keepRulesRequired struct{}

var (
	_ datasource.ConfigValidator = keepRulesRequired{}
	_ action.ConfigValidator     = keepRulesRequired{}
)

func (keepRulesRequired) Description(context.Context) string {
	return "at least one of " + strings.Join(retentionRuleNames, ", ") + " keeps something"
}

func (v keepRulesRequired) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v keepRulesRequired) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	v.validate(ctx, req.Config, &resp.Diagnostics)
}

func (v keepRulesRequired) ValidateAction(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	v.validate(ctx, req.Config, &resp.Diagnostics)
}

func (keepRulesRequired) validate(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	values := make([]attr.Value, len(retentionRuleNames))
	for i, name := range retentionRuleNames {
		if diags.Append(config.GetAttribute(ctx, path.Root(name), &values[i])...); diags.HasError() {
			return
		}
	}
	checkKeepRules(values, diags)
}

// checkKeepRules is keepRulesRequired's rule over the values of the rule
// attributes, in the order of retentionRuleNames.
func checkKeepRules(values []attr.Value, diags *diag.Diagnostics) {
	var set []string
	for i, v := range values {
		if v.IsUnknown() {
			return
		}
		if v.IsNull() {
			continue
		}
		set = append(set, retentionRuleNames[i])
		if keepsSomething(v) {
			return
		}
	}
	allowed := "Set at least one of " + strings.Join(retentionRuleNames, ", ") + ": a count above 0, a duration or a non-empty list."
	if len(set) == 0 {
		diags.AddAttributeError(path.Root("keep_newest"), "No keep rule",
			"The retention policy sets no keep rule, so it would mark every version but the last for deletion. A policy never means "+
				"\"delete everything\" by omission. "+allowed)
		return
	}
	diags.AddAttributeError(path.Root(set[0]), "The keep rules keep nothing",
		fmt.Sprintf("The retention policy's keep rules (%s) are all 0 or empty, so it would mark every version but the last for deletion. %s",
			strings.Join(set, ", "), allowed))
}

func keepsSomething(v attr.Value) bool {
	switch v := v.(type) {
	case types.Int64:
		return v.ValueInt64() > 0
	case types.List:
		return len(v.Elements()) > 0
	default:
		return true // a duration
	}
}

// rules converts the configured rules; the values are known (data sources
// read once their configuration is known) and passed the validators.
func (m retentionRulesModel) rules(ctx context.Context) (retention.Rules, diag.Diagnostics) {
	var r retention.Rules
	var diags diag.Diagnostics
	count := func(v types.Int64) *int {
		if v.IsNull() || v.IsUnknown() {
			return nil
		}
		n := int(v.ValueInt64())
		return &n
	}
	r.KeepNewest, r.KeepNewestTagged, r.KeepNewestUntagged = count(m.KeepNewest), count(m.KeepNewestTagged), count(m.KeepNewestUntagged)
	if s := m.KeepNewerThan; !s.IsNull() && !s.IsUnknown() {
		age, err := retention.ParseAge(s.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("keep_newer_than"), "Invalid keep_newer_than", "Attribute keep_newer_than "+err.Error())
		}
		r.KeepNewerThan = &age
	}
	r.KeepTags = compileList(ctx, "keep_tags", m.KeepTags, &diags)
	r.KeepNames = compileList(ctx, "keep_names", m.KeepNames, &diags)
	if !m.KeepVersionIDs.IsNull() && !m.KeepVersionIDs.IsUnknown() {
		r.KeepIDs = []int64{}
		diags.Append(m.KeepVersionIDs.ElementsAs(ctx, &r.KeepIDs, false)...)
	}
	return r, diags
}

func compileList(ctx context.Context, name string, list types.List, diags *diag.Diagnostics) []*regexp.Regexp {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	var exprs []string
	diags.Append(list.ElementsAs(ctx, &exprs, false)...)
	out := make([]*regexp.Regexp, 0, len(exprs))
	for i, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			diags.AddAttributeError(path.Root(name).AtListIndex(i), "Invalid regular expression", regexDetail(path.Root(name).AtListIndex(i), e, err))
			continue
		}
		out = append(out, re)
	}
	return out
}
