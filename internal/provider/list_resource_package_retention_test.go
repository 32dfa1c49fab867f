package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// packageListHCL is one `list "ghpackages_package_retention"` block.
func packageListHCL(label string, o testOwner, pkgType string, configLines string, extra ...string) string {
	return fmt.Sprintf(`
list "ghpackages_package_retention" %q {
  provider = ghpackages
  config {
    %s
    package_type = %q
    %s
  }
  %s
}
`, label, o.line, pkgType, configLines, joinLines(extra))
}

func packageIdentity(o testOwner, pkgType, pkgName string) map[string]knownvalue.Check {
	ident := versionIdentity(o, pkgType, pkgName, 0)
	delete(ident, "package_version_id")
	return ident
}

// The packages of a type of each kind of owner, with the visibility filter,
// display names, identities and the resource object on include_resource.
func TestAccPackageRetentionList_query(t *testing.T) {
	fake := startFake(t)
	const acme = "ghpackages_package_retention.acme"
	query := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: providerConfig(fake, tokenFull)},
			{
				PreConfig: query.open,
				Query:     true,
				Config: packageListHCL("acme", ownerAcme, "container", "") +
					packageListHCL("acme_public", ownerAcme, "container", `visibility = "public"`, "include_resource = true") +
					packageListHCL("hubot", ownerHubot, "container", `visibility = "public"`) +
					packageListHCL("mine", ownerMe, "npm", ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(acme, 4), // web, team/app, orphan, ci-cache
					querycheck.ExpectIdentity(acme, packageIdentity(ownerAcme, "container", "web")),
					querycheck.ExpectIdentity(acme, packageIdentity(ownerAcme, "container", "orphan")),
					querycheck.ExpectResourceDisplayName(acme, queryfilter.ByResourceIdentity(packageIdentity(ownerAcme, "container", "orphan")),
						knownvalue.StringExact("orphan (private, 1 version)")),

					querycheck.ExpectLength("ghpackages_package_retention.acme_public", 1),
					querycheck.ExpectResourceDisplayName("ghpackages_package_retention.acme_public",
						queryfilter.ByResourceIdentity(packageIdentity(ownerAcme, "container", "team/app")),
						knownvalue.StringExact("team/app (public, 2 versions)")),
					querycheck.ExpectResourceKnownValues("ghpackages_package_retention.acme_public",
						queryfilter.ByResourceIdentity(packageIdentity(ownerAcme, "container", "team/app")),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("orgs/acme/container/team/app")},
							{Path: tfjsonpath.New("package_id"), KnownValue: knownvalue.Int64Exact(fakegithub.AcmeTeamAppPackageID)},
							{Path: tfjsonpath.New("visibility"), KnownValue: knownvalue.StringExact("public")},
							{Path: tfjsonpath.New("version_count"), KnownValue: knownvalue.Int64Exact(2)},
						}),

					querycheck.ExpectLength("ghpackages_package_retention.hubot", 1),
					querycheck.ExpectIdentity("ghpackages_package_retention.hubot", packageIdentity(ownerHubot, "container", "hubot-image")),

					querycheck.ExpectLength("ghpackages_package_retention.mine", 1),
					querycheck.ExpectIdentity("ghpackages_package_retention.mine", packageIdentity(ownerMe, "npm", "hello-npm")),

					query.writes(),
				},
			},
			{
				Query:       true,
				Config:      packageListHCL("bad", ownerAcme, "container", `visibility = "secret"`),
				ExpectError: expectError(`visibility value must be one of: \["public" "private" "internal"\], got: "secret"`),
			},
		},
	})
}
