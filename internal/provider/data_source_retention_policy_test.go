package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// policySeed adds to the default seed, for acme:
//   - container "policy": ten versions, 4100000110 (newest) to 4100000101,
//     tagged, untagged, releases, prereleases and prod builds;
//   - npm "policy-lib": versions named 2.0.0, 1.10.0, 1.9.0, 0.1.0;
//   - container "policy-solo": one old version.
func policySeed() fakegithub.Seed {
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		if seed.Owners[i].Login != "acme" {
			continue
		}
		seed.Owners[i].Packages = append(seed.Owners[i].Packages,
			fakegithub.SeedPackage{Name: "policy", Type: "container", CreatedDaysAgo: 100, Versions: []fakegithub.SeedVersion{
				{ID: 4100000110, Name: "sha256:110", Tags: []string{"latest", "v1.3.0"}, CreatedDaysAgo: 0.5},
				{ID: 4100000109, Name: "sha256:109", CreatedDaysAgo: 1},
				{ID: 4100000108, Name: "sha256:108", Tags: []string{"v1.3.0-rc.1"}, CreatedDaysAgo: 2},
				{ID: 4100000107, Name: "sha256:107", Tags: []string{"prod-2025-05"}, CreatedDaysAgo: 3},
				{ID: 4100000106, Name: "sha256:106", CreatedDaysAgo: 5},
				{ID: 4100000105, Name: "sha256:105", Tags: []string{"v1.2.0", "stable"}, CreatedDaysAgo: 10},
				{ID: 4100000104, Name: "sha256:104", CreatedDaysAgo: 20},
				{ID: 4100000103, Name: "sha256:103", Tags: []string{"prod-2025-01"}, CreatedDaysAgo: 40},
				{ID: 4100000102, Name: "sha256:102", Tags: []string{"v1"}, CreatedDaysAgo: 60},
				{ID: 4100000101, Name: "sha256:101", Tags: []string{"v1.0.0"}, CreatedDaysAgo: 90},
			}},
			fakegithub.SeedPackage{Name: "policy-lib", Type: "npm", CreatedDaysAgo: 100, Versions: []fakegithub.SeedVersion{
				{ID: 4100000204, Name: "2.0.0", CreatedDaysAgo: 1},
				{ID: 4100000203, Name: "1.10.0", CreatedDaysAgo: 2},
				{ID: 4100000202, Name: "1.9.0", CreatedDaysAgo: 3},
				{ID: 4100000201, Name: "0.1.0", CreatedDaysAgo: 4},
			}},
			fakegithub.SeedPackage{Name: "policy-solo", Type: "container", CreatedDaysAgo: 400, Versions: []fakegithub.SeedVersion{
				{ID: 4100000301, Name: "sha256:301", Tags: []string{"old"}, CreatedDaysAgo: 365},
			}},
		)
	}
	return seed
}

// policyNow is dataSourceTestNow, the fake's clock, as `now`.
var policyNow = dataSourceTestNow.Format(time.RFC3339)

// policyHCL is a ghpackages_retention_policy of acme's package with rules.
func policyHCL(label, pkgType, pkgName string, rules ...string) string {
	return fmt.Sprintf(`
data "ghpackages_retention_policy" %q {
  org          = "acme"
  package_type = %q
  package_name = %q
  now          = %q
  %s
}
`, label, pkgType, pkgName, policyNow, strings.Join(rules, "\n  "))
}

// policyChecks are the checks of a policy's results: keep and delete ids in
// order, every reason, and the counts.
func policyChecks(label string, keep, del []int64, reasons map[int64]string) []statecheck.StateCheck {
	addr := "data.ghpackages_retention_policy." + label
	kept := map[string]knownvalue.Check{}
	for id, r := range reasons {
		kept[fmt.Sprint(id)] = knownvalue.StringExact(r)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("keep_ids"), idList(keep)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("delete_ids"), idList(del)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("kept"), knownvalue.MapExact(kept)),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("total"), knownvalue.Int64Exact(int64(len(keep)+len(del)))),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("kept_count"), knownvalue.Int64Exact(int64(len(keep)))),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("delete_count"), knownvalue.Int64Exact(int64(len(del)))),
	}
}

// p is the id of the version of acme's container "policy" numbered n.
func p(n int64) int64 { return 4100000100 + n }

func ps(ns ...int64) []int64 {
	out := make([]int64, 0, len(ns))
	for _, n := range ns {
		out = append(out, p(n))
	}
	return out
}

// Every rule on its own, then all of them together, each reason named.
func TestAccRetentionPolicyDataSource_rules(t *testing.T) {
	fake := startFakeAtFixedTime(t, policySeed())
	read := newRequestWindow(fake)
	var checks []statecheck.StateCheck
	add := func(c []statecheck.StateCheck) { checks = append(checks, c...) }

	add(policyChecks("newest", ps(10, 9, 8), ps(7, 6, 5, 4, 3, 2, 1),
		map[int64]string{p(10): "newest 3", p(9): "newest 3", p(8): "newest 3"}))
	add(policyChecks("tagged", ps(10, 8), ps(9, 7, 6, 5, 4, 3, 2, 1),
		map[int64]string{p(10): "newest 2 tagged", p(8): "newest 2 tagged"}))
	add(policyChecks("untagged", ps(9, 6), ps(10, 8, 7, 5, 4, 3, 2, 1),
		map[int64]string{p(9): "newest 2 untagged", p(6): "newest 2 untagged"}))
	add(policyChecks("newer_days", ps(10, 9, 8, 7), ps(6, 5, 4, 3, 2, 1), map[int64]string{
		p(10): "younger than 3d", p(9): "younger than 3d", p(8): "younger than 3d", p(7): "younger than 3d"}))
	add(policyChecks("newer_hours", ps(10, 9), ps(8, 7, 6, 5, 4, 3, 2, 1),
		map[int64]string{p(10): "younger than 36h", p(9): "younger than 36h"}))
	add(policyChecks("tags", ps(10, 7, 5, 3, 2, 1), ps(9, 8, 6, 4), map[int64]string{
		p(10): `tag v1.3.0 matches ^v?\d+\.\d+\.\d+$`,
		p(7):  "tag prod-2025-05 matches ^prod-",
		p(5):  `tag v1.2.0 matches ^v?\d+\.\d+\.\d+$`,
		p(3):  "tag prod-2025-01 matches ^prod-",
		p(2):  "tag v1 matches ^v1$",
		p(1):  `tag v1.0.0 matches ^v?\d+\.\d+\.\d+$`,
	}))
	add(policyChecks("ids", ps(4, 2), ps(10, 9, 8, 7, 6, 5, 3, 1),
		map[int64]string{p(4): "kept by id", p(2): "kept by id"}))
	add(policyChecks("names", []int64{4100000203, 4100000202}, []int64{4100000204, 4100000201},
		map[int64]string{4100000203: `name 1.10.0 matches ^1\.`, 4100000202: `name 1.9.0 matches ^1\.`}))
	add(policyChecks("all", ps(10, 9, 8, 5, 4, 1), ps(7, 6, 3, 2), map[int64]string{
		p(10): "newest 1; newest 2 tagged; younger than 1d; tag latest matches ^(latest|stable)$",
		p(9):  "newest 1 untagged; younger than 1d",
		p(8):  "newest 2 tagged",
		p(5):  "tag stable matches ^(latest|stable)$",
		p(4):  "kept by id",
		p(1):  `name sha256:101 matches 101$`,
	}))
	// Unset, now is the time of the read: the fake's versions are from
	// 2025, so "younger than 1d" of the real clock keeps only what the
	// last-version guarantee keeps.
	add([]statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.ghpackages_retention_policy.real_now", tfjsonpath.New("now"), nowCheck{}),
		statecheck.ExpectKnownValue("data.ghpackages_retention_policy.real_now", tfjsonpath.New("kept"),
			knownvalue.MapExact(map[string]knownvalue.Check{fmt.Sprint(p(10)): knownvalue.StringExact("last version of the package")})),
		statecheck.ExpectKnownValue("data.ghpackages_retention_policy.newest", tfjsonpath.New("now"), knownvalue.StringExact(policyNow)),
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: read.open,
			Config: providerConfig(fake, tokenFull) +
				policyHCL("newest", "container", "policy", "keep_newest = 3") +
				policyHCL("tagged", "container", "policy", "keep_newest_tagged = 2") +
				policyHCL("untagged", "container", "policy", "keep_newest_untagged = 2") +
				policyHCL("newer_days", "container", "policy", `keep_newer_than = "3d"`) +
				policyHCL("newer_hours", "container", "policy", `keep_newer_than = "36h"`) +
				policyHCL("tags", "container", "policy", `keep_tags = ["^v?\\d+\\.\\d+\\.\\d+$", "^prod-", "^v1$"]`) +
				policyHCL("ids", "container", "policy", fmt.Sprintf("keep_version_ids = [%d, %d]", p(2), p(4))) +
				policyHCL("names", "npm", "policy-lib", `keep_names = ["^1\\."]`) +
				policyHCL("all", "container", "policy",
					"keep_newest = 1", "keep_newest_tagged = 2", "keep_newest_untagged = 1", `keep_newer_than = "1d"`,
					`keep_tags = ["^(latest|stable)$"]`, `keep_names = ["101$"]`, fmt.Sprintf("keep_version_ids = [%d]", p(4))) + `
data "ghpackages_retention_policy" "real_now" {
  org             = "acme"
  package_type    = "container"
  package_name    = "policy"
  keep_newer_than = "1d"
}
`,
			// One listing per policy: ten policies of packages of ten
			// versions or fewer, one page each.
			ConfigStateChecks: append(checks, read.count("GET /orgs/{org}/packages/{package_type}/{package_name}/versions", 10)),
		}},
	})
}

// nowCheck accepts an RFC 3339 time within a minute of the test's clock.
type nowCheck struct{}

func (nowCheck) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("now is %T, want a string", v)
	}
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	if d := time.Since(at); d < -time.Minute || d > time.Minute {
		return fmt.Errorf("now = %s, not the time of the read", s)
	}
	return nil
}

func (nowCheck) String() string { return "the time of the read" }

// GitHub refuses to delete a package's last version, so a policy never puts
// it in delete_ids: with one version left, or when no rule keeps anything.
// The whole pattern, policy into retention resources, then deletes every
// version but the newest, and the apply succeeds.
func TestAccRetentionPolicyDataSource_lastVersion(t *testing.T) {
	fake := startFakeAtFixedTime(t, policySeed())
	window := func(rules ...string) string {
		return providerConfig(fake, tokenFull) + policyHCL("app", "container", "policy", rules...) + `
resource "ghpackages_package_version_retention" "keep" {
  for_each = toset([for id in data.ghpackages_retention_policy.app.keep_ids : tostring(id)])

  org                = "acme"
  package_type       = "container"
  package_name       = "policy"
  package_version_id = each.value
}
`
	}
	var deletedOnServer []serverCheck
	for n := int64(1); n <= 9; n++ {
		deletedOnServer = append(deletedOnServer, versionOnServer(fake, ownerAcme, "container", "policy", p(n), true))
	}

	adoption, deletion := newRequestWindow(fake), newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		// removed blocks: Terraform 1.7.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_7_0)},
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + policyHCL("solo", "container", "policy-solo", `keep_newer_than = "30d"`) +
					policyHCL("none", "container", "policy", `keep_tags = ["^no-such-tag$"]`),
				ConfigStateChecks: append(
					policyChecks("solo", []int64{4100000301}, []int64{}, map[int64]string{4100000301: "last version of the package"}),
					policyChecks("none", ps(10), ps(9, 8, 7, 6, 5, 4, 3, 2, 1), map[int64]string{p(10): "last version of the package"})...),
			},
			{
				// Adopt all ten: nothing changes on GitHub.
				PreConfig:         adoption.open,
				Config:            window("keep_newest = 10"),
				ConfigStateChecks: []statecheck.StateCheck{adoption.writes()},
			},
			{
				// Nothing matches: nine versions go, the newest stays.
				PreConfig: deletion.open,
				Config:    window(`keep_tags = ["^no-such-tag$"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(fmt.Sprintf("ghpackages_package_version_retention.keep[%q]", fmt.Sprint(p(10))), plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(fmt.Sprintf("ghpackages_package_version_retention.keep[%q]", fmt.Sprint(p(1))), plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					versionOnServer(fake, ownerAcme, "container", "policy", p(10), false),
					deletedOnServer[0], deletedOnServer[4], deletedOnServer[8],
					activeVersionCount(fake, ownerAcme, "container", "policy", 1),
					deletion.writes(slices.Repeat([]string{ownerAcme.route("DELETE", versionRoute)}, 9)...),
				},
			},
			{
				// The legacy state shim of terraform-plugin-testing cannot
				// hold for_each instances: forget the last one (destroying
				// it would ask GitHub to delete the last version).
				Config: providerConfig(fake, tokenFull) + `
removed {
  from = ghpackages_package_version_retention.keep

  lifecycle {
    destroy = false
  }
}
`,
				ConfigStateChecks: []statecheck.StateCheck{activeVersionCount(fake, ownerAcme, "container", "policy", 1)},
			},
		},
	})
}

// Bad rules are refused at validate time, naming the attribute, the value
// and what is allowed, before any request to GitHub.
func TestAccRetentionPolicyDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)
	config := func(body string) string {
		return providerConfig(fake, tokenFull) + `
data "ghpackages_retention_policy" "x" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
` + body + "\n}\n"
	}
	steps := []struct{ body, want string }{
		{`keep_tags = ["^v1", "(unclosed"]`,
			`Attribute keep_tags\[1\] must be an RE2 regular expression \(https://github.com/google/re2/wiki/Syntax\), got: "\(unclosed" \(missing closing \): .*\)`},
		{`keep_names = ["^1(?=\\.)"]`, `Attribute keep_names\[0\] must be an RE2 regular expression .*got: "\^1\(\?=\\\\.\)" \(invalid or unsupported Perl syntax`},
		{`keep_newer_than = "30 days"`, `Attribute keep_newer_than must be a duration such as "720h", "30d" or "1d12h": numbers with the units d \(24 hours\), h, m, s, ms, us or ns, no sign, got: "30 days"`},
		{`keep_newer_than = "-1d"`, `Attribute keep_newer_than must be a duration .* got: "-1d"`},
		{`keep_newest = -1`, `Attribute keep_newest value must be at least 0, got: -1`},
		{`keep_newest_tagged = -2`, `Attribute keep_newest_tagged value must be at least 0, got: -2`},
		{`keep_newest_untagged = -3`, `Attribute keep_newest_untagged value must be at least 0, got: -3`},
		{`keep_version_ids = [0]`, `Attribute keep_version_ids\[0\] value must be at least 1, got: 0`},
		{"keep_newest = 1\n  now = \"2025-06-01\"", `Attribute now must be an RFC 3339 timestamp such as "2026-06-01T12:00:00Z" .*got: "2025-06-01"`},
		{``, `No keep rule.*sets no keep rule, so it would mark every version but the last for deletion.*Set at least one of keep_version_ids, keep_newest, keep_newest_tagged, keep_newest_untagged, keep_newer_than, keep_tags, keep_names: a count above 0, a duration or a non-empty list`},
		{`now = "2025-06-01T12:00:00Z"`, `No keep rule`},
		{"keep_newest = 0\n  keep_tags = []", `The keep rules keep nothing.*\(keep_newest, keep_tags\) are all 0 or empty.*Set at least one of`},
	}
	var testSteps []resource.TestStep
	for _, s := range steps {
		testSteps = append(testSteps, resource.TestStep{
			Config:      config(s.body),
			PlanOnly:    true,
			ExpectError: expectError(s.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps:                    testSteps,
	})
	assertNoRequests(t, fake)
}

// A variable that is unknown at validate time does not trip the "no keep
// rule" check: the rule may keep something once known.
func TestAccRetentionPolicyDataSource_unknownRule(t *testing.T) {
	fake := startFakeAtFixedTime(t, policySeed())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
resource "terraform_data" "n" {
  input = 2
}
` + policyHCL("app", "container", "policy", "keep_newest = terraform_data.n.output"),
			ConfigStateChecks: policyChecks("app", ps(10, 9), ps(8, 7, 6, 5, 4, 3, 2, 1),
				map[int64]string{p(10): "newest 2", p(9): "newest 2"}),
		}},
	})
}

// keep_version_ids naming a version that is not there keeps nothing, and
// says so in a warning (which terraform-plugin-testing cannot check: Read is
// called directly).
func TestRetentionPolicyRead_unknownKeepVersionIDs(t *testing.T) {
	fake := startFakeAtFixedTime(t, policySeed())
	client, err := ghclient.New(ghclient.Config{BaseURL: fake.URL(), Token: tokenFull, Retry: ghclient.DefaultRetryPolicy})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d := &retentionPolicyDataSource{configuredDataSource: configuredDataSource{providerData{client: client}}}
	var schemaResp datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)

	rules := nullRules()
	rules.KeepVersionIDs = types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(p(3)), types.Int64Value(99), types.Int64Value(98)})
	model := retentionPolicyDataSourceModel{
		policyInputModel: policyInputModel{
			packageAddressModel: packageAddressModelOf(address.Package{Owner: address.Org("acme"), Type: "container", Name: "policy"}),
			retentionRulesModel: rules,
			Manifests:           types.BoolValue(false), // this test is about the ids
		},
		Now: types.StringValue(policyNow),
		policyDecisionModel: policyDecisionModel{
			KeepIDs: types.ListNull(types.Int64Type), DeleteIDs: types.ListNull(types.Int64Type),
			Kept:  types.MapNull(types.StringType),
			Total: types.Int64Null(), KeptCount: types.Int64Null(), DeleteCount: types.Int64Null(),
		},
	}
	raw := tfsdk.State{Schema: schemaResp.Schema}
	if diags := raw.Set(ctx, model); diags.HasError() {
		t.Fatal(diags)
	}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: schemaResp.Schema}}
	d.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Raw: raw.Raw, Schema: schemaResp.Schema}}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 || !strings.Contains(warnings[0].Detail(), "has no active version with the id(s) 99, 98") ||
		!strings.Contains(warnings[0].Detail(), `container package "policy"`) {
		t.Errorf("warnings %v: want one naming the package and the ids 99, 98", warnings)
	}
	var got retentionPolicyDataSourceModel
	if diags := resp.State.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	var keep []int64
	got.KeepIDs.ElementsAs(ctx, &keep, false)
	if len(keep) != 1 || keep[0] != p(3) || got.DeleteCount.ValueInt64() != 9 || got.Now.ValueString() != policyNow {
		t.Errorf("keep %v, delete_count %d, now %s", keep, got.DeleteCount.ValueInt64(), got.Now.ValueString())
	}
}
