package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// nullRules is a retentionRulesModel with every rule unset.
func nullRules() retentionRulesModel {
	return retentionRulesModel{
		KeepNewest: types.Int64Null(), KeepNewestTagged: types.Int64Null(), KeepNewestUntagged: types.Int64Null(),
		KeepNewerThan: types.StringNull(),
		KeepTags:      types.ListNull(types.StringType), KeepNames: types.ListNull(types.StringType),
		KeepVersionIDs: types.ListNull(types.Int64Type),
	}
}

func TestCheckKeepRules(t *testing.T) {
	strs := func(s ...string) types.List {
		var elems []attr.Value
		for _, v := range s {
			elems = append(elems, types.StringValue(v))
		}
		return types.ListValueMust(types.StringType, elems)
	}
	tests := []struct {
		name string
		set  func(*retentionRulesModel)
		want string // "" for no error
	}{
		{"no rule", func(*retentionRulesModel) {}, "No keep rule"},
		{"a count", func(m *retentionRulesModel) { m.KeepNewest = types.Int64Value(1) }, ""},
		{"a zero count", func(m *retentionRulesModel) { m.KeepNewestTagged = types.Int64Value(0) }, "The keep rules keep nothing"},
		{"zero and an empty list", func(m *retentionRulesModel) {
			m.KeepNewestUntagged = types.Int64Value(0)
			m.KeepTags = strs()
		}, "The keep rules keep nothing"},
		{"zero and a list", func(m *retentionRulesModel) {
			m.KeepNewest = types.Int64Value(0)
			m.KeepNames = strs("^1")
		}, ""},
		{"a duration", func(m *retentionRulesModel) { m.KeepNewerThan = types.StringValue("0s") }, ""},
		{"an unknown count", func(m *retentionRulesModel) { m.KeepNewest = types.Int64Unknown() }, ""},
		{"an unknown list", func(m *retentionRulesModel) { m.KeepVersionIDs = types.ListUnknown(types.Int64Type) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := nullRules()
			tt.set(&m)
			var diags diag.Diagnostics
			checkKeepRules([]attr.Value{m.KeepVersionIDs, m.KeepNewest, m.KeepNewestTagged, m.KeepNewestUntagged,
				m.KeepNewerThan, m.KeepTags, m.KeepNames}, &diags)
			switch {
			case tt.want == "" && diags.HasError():
				t.Errorf("unexpected error: %v", diags)
			case tt.want != "" && (!diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), tt.want)):
				t.Errorf("diagnostics %v, want %q", diags, tt.want)
			}
		})
	}
}

func TestRetentionRulesModelRules(t *testing.T) {
	ctx := context.Background()
	m := nullRules()
	m.KeepNewest = types.Int64Value(0)
	m.KeepNewerThan = types.StringValue("1d12h")
	m.KeepTags = types.ListValueMust(types.StringType, []attr.Value{types.StringValue(`^v\d+$`)})
	m.KeepVersionIDs = types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(1 << 53), types.Int64Value(7)})
	r, diags := m.rules(ctx)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if r.KeepNewest == nil || *r.KeepNewest != 0 || r.KeepNewestTagged != nil || r.KeepNewestUntagged != nil {
		t.Errorf("counts: %v %v %v", r.KeepNewest, r.KeepNewestTagged, r.KeepNewestUntagged)
	}
	if r.KeepNewerThan == nil || r.KeepNewerThan.Duration != 36*time.Hour || r.KeepNewerThan.String() != "1d12h" {
		t.Errorf("keep_newer_than: %+v", r.KeepNewerThan)
	}
	if len(r.KeepTags) != 1 || !r.KeepTags[0].MatchString("v12") || r.KeepNames != nil {
		t.Errorf("expressions: %v %v", r.KeepTags, r.KeepNames)
	}
	if len(r.KeepIDs) != 2 || r.KeepIDs[0] != 1<<53 || r.KeepIDs[1] != 7 {
		t.Errorf("ids: %v", r.KeepIDs)
	}

	// What the validators would have refused still fails here, naming the
	// attribute and the value.
	m.KeepNames = types.ListValueMust(types.StringType, []attr.Value{types.StringValue("ok"), types.StringValue("(")})
	m.KeepNewerThan = types.StringValue("3 weeks")
	_, diags = m.rules(ctx)
	if len(diags.Errors()) != 2 {
		t.Fatalf("want 2 errors, got %v", diags)
	}
	for _, d := range diags.Errors() {
		if !strings.Contains(d.Detail(), `keep_names[1] must be an RE2 regular expression`) && !strings.Contains(d.Detail(), `keep_newer_than must be a duration`) {
			t.Errorf("unexpected detail: %s", d.Detail())
		}
	}
}
