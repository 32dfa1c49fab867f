package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// List resources need Terraform 1.14 (terraform query).

// versionListHCL is one `list "ghpackages_package_version_retention"` block;
// extra lines go inside it (limit, include_resource), configLines inside its
// config block after the owner, type and name.
func versionListHCL(label string, o testOwner, pkgType, pkgName string, configLines string, extra ...string) string {
	return fmt.Sprintf(`
list "ghpackages_package_version_retention" %q {
  provider = ghpackages
  config {
    %s
    package_type = %q
    package_name = %q
    %s
  }
  %s
}
`, label, o.line, pkgType, pkgName, configLines, joinLines(extra))
}

// versionIdentity is the identity of a listed version.
func versionIdentity(o testOwner, pkgType, pkgName string, id int64) map[string]knownvalue.Check {
	ident := map[string]knownvalue.Check{
		"org":                knownvalue.Null(),
		"user":               knownvalue.Null(),
		"package_type":       knownvalue.StringExact(pkgType),
		"package_name":       knownvalue.StringExact(pkgName),
		"package_version_id": knownvalue.Int64Exact(id),
	}
	switch o {
	case ownerAcme:
		ident["org"] = knownvalue.StringExact(o.login)
	case ownerHubot:
		ident["user"] = knownvalue.StringExact(o.login)
	}
	return ident
}

// The versions of a package, of each kind of owner, with the tagged filter,
// display names, identities, and the resource object on include_resource.
func TestAccPackageVersionRetentionList_query(t *testing.T) {
	fake := startFake(t)
	const web = "ghpackages_package_version_retention.web"
	query := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: providerConfig(fake, tokenFull)},
			{
				PreConfig: query.open,
				Query:     true,
				Config: versionListHCL("web", ownerAcme, "container", "web", "") +
					versionListHCL("web_tagged", ownerAcme, "container", "web", "tagged = true") +
					versionListHCL("web_untagged", ownerAcme, "container", "web", "tagged = false") +
					versionListHCL("hubot", ownerHubot, "container", "hubot-image", "") +
					versionListHCL("mine", ownerMe, "npm", "hello-npm", "", "include_resource = true"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					// 3200000001 is deleted: only the 3 active versions.
					querycheck.ExpectLength(web, 3),
					querycheck.ExpectIdentity(web, versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV4)),
					querycheck.ExpectIdentity(web, versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV3)),
					querycheck.ExpectIdentity(web, versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV2)),
					querycheck.ExpectResourceDisplayName(web,
						queryfilter.ByResourceIdentity(versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV4)),
						knownvalue.StringExact("web latest, 2.0.0 (3200000004)")),
					querycheck.ExpectResourceDisplayName(web,
						queryfilter.ByResourceIdentity(versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV2)),
						knownvalue.StringExact("web (untagged) (3200000002)")),

					querycheck.ExpectLength("ghpackages_package_version_retention.web_tagged", 2),
					querycheck.ExpectIdentity("ghpackages_package_version_retention.web_tagged", versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV3)),
					querycheck.ExpectLength("ghpackages_package_version_retention.web_untagged", 1),
					querycheck.ExpectIdentity("ghpackages_package_version_retention.web_untagged", versionIdentity(ownerAcme, "container", "web", fakegithub.AcmeWebV2)),

					querycheck.ExpectLength("ghpackages_package_version_retention.hubot", 2),
					querycheck.ExpectIdentity("ghpackages_package_version_retention.hubot", versionIdentity(ownerHubot, "container", "hubot-image", hubotImgV1)),
					querycheck.ExpectResourceDisplayName("ghpackages_package_version_retention.hubot",
						queryfilter.ByResourceIdentity(versionIdentity(ownerHubot, "container", "hubot-image", hubotImgV1)),
						knownvalue.StringExact("hubot-image 1.0 (3200000201)")),

					querycheck.ExpectLength("ghpackages_package_version_retention.mine", 2),
					querycheck.ExpectResourceDisplayName("ghpackages_package_version_retention.mine",
						queryfilter.ByResourceIdentity(versionIdentity(ownerMe, "npm", "hello-npm", fakegithub.OctocatHelloNPMV1)),
						knownvalue.StringExact("hello-npm 1.0.0 (3200000111)")),
					querycheck.ExpectResourceKnownValues("ghpackages_package_version_retention.mine",
						queryfilter.ByResourceIdentity(versionIdentity(ownerMe, "npm", "hello-npm", fakegithub.OctocatHelloNPMV1)),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("user/npm/hello-npm/3200000111")},
							{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("1.0.0")},
							{Path: tfjsonpath.New("package_version_id"), KnownValue: knownvalue.Int64Exact(fakegithub.OctocatHelloNPMV1)},
							{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.ListExact([]knownvalue.Check{})},
							{Path: tfjsonpath.New("org"), KnownValue: knownvalue.Null()},
						}),

					// Listing reads; it never writes.
					query.writes(),
				},
			},
		},
	})
}

// A query's limit stops the listing: no page past the one that filled it
// is fetched.
func TestAccPackageVersionRetentionList_limitStopsPaging(t *testing.T) {
	fake := startFake(t)
	for i := range 250 { // 3 pages of 100, newest first
		fake.PushVersion("acme", "npm", "many", fakegithub.SeedVersion{Name: fmt.Sprintf("1.0.%d", i)})
	}
	const many = "ghpackages_package_version_retention.many"
	versionsRoute := ownerAcme.route("GET", packageRoute+"/versions")
	limit5, limit1000 := newRequestWindow(fake), newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: providerConfig(fake, tokenFull)},
			{
				PreConfig: limit5.open,
				Query:     true,
				Config:    versionListHCL("many", ownerAcme, "npm", "many", "", "limit = 5"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(many, 5),
					querycheck.ExpectResourceDisplayName(many, queryfilter.ByDisplayName(knownvalue.StringRegexp(regexp.MustCompile(`^many 1\.0\.249 \(`))),
						knownvalue.StringRegexp(regexp.MustCompile(`^many 1\.0\.249 \(\d+\)$`))),
					limit5.count(versionsRoute, 1), // the first page
				},
			},
			{
				PreConfig: limit1000.open,
				Query:     true,
				Config:    versionListHCL("many", ownerAcme, "npm", "many", "", "limit = 1000"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(many, 250),
					limit1000.count(versionsRoute, 3), // 250 results, 3 pages
				},
			},
		},
	})
}

// Bad config is refused before GitHub is called, with the attribute, the
// value and what is allowed; GitHub's errors reach the query's output.
func TestAccPackageVersionRetentionList_errors(t *testing.T) {
	fake := startFake(t)
	invalid := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: providerConfig(fake, tokenFull)},
			{
				PreConfig:   invalid.open,
				Query:       true,
				Config:      versionListHCL("bad", ownerAcme, "gradle", "web", ""),
				ExpectError: expectError(`package_type value must be one of: \["npm" "maven" "rubygems" "docker" "nuget" "container"\], got: "gradle"`),
			},
			{
				Query: true,
				Config: `
list "ghpackages_package_version_retention" "both" {
  provider = ghpackages
  config {
    org          = "acme"
    user         = "hubot"
    package_type = "container"
    package_name = "web"
  }
}
`,
				ExpectError: expectError(`Attribute "user" cannot be specified when "org" is specified`),
			},
			{
				// The invalid queries above reached no GitHub.
				PreConfig:   func() { assertCheck(t, invalid.none()) },
				Query:       true,
				Config:      versionListHCL("missing", ownerAcme, "container", "no-such-image", ""),
				ExpectError: expectError(`Package not found.*GitHub did not find container package "no-such-image" of organization "acme"`),
			},
		},
	})
}

// Terraform cancels a query (Ctrl-C) through the context of the
// ListResource call: the stream ends at once, with no error and no further
// page. Spoken at the protocol level, as Terraform does, because the CLI
// gives no hook between two results.
func TestVersionListStopsWhenCancelled(t *testing.T) {
	fake := startFake(t)
	for i := range 250 {
		fake.PushVersion("acme", "npm", "many", fakegithub.SeedVersion{Name: fmt.Sprintf("1.0.%d", i)})
	}
	server := newProtocolServer(t, fake, tokenFull)
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	const typeName = "ghpackages_package_version_retention"
	config := dynamicValue(t, schemas.ListResourceSchemas[typeName].ValueType(),
		map[string]any{"org": "acme", "package_type": "npm", "package_name": "many"})

	lister, ok := server.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatalf("the provider server (%T) does not serve list resources", server.ProviderServer)
	}
	// list reads the stream to its end, calling cancel after the
	// cancelAfter-th result.
	list := func(ctx context.Context, cancelAfter int, cancel context.CancelFunc) (results int) {
		stream, err := lister.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: typeName, Config: &config, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for r := range stream.Results {
			if len(r.Diagnostics) > 0 {
				t.Fatalf("result %d: %s", results, diagnosticsText(r.Diagnostics))
			}
			results++
			if results == cancelAfter {
				cancel()
			}
		}
		return results
	}
	versionsRoute := ownerAcme.route("GET", packageRoute+"/versions")

	whole := openRequestWindow(fake)
	if n := list(context.Background(), 0, nil); n != 250 {
		t.Fatalf("listed %d versions, want 250", n)
	}
	if err := whole.count(versionsRoute, 3)(); err != nil {
		t.Fatalf("the whole list: %v", err)
	}

	cancelled := openRequestWindow(fake)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if n := list(ctx, 150, cancel); n != 150 {
		t.Errorf("listed %d versions after cancelling at 150, want 150", n)
	}
	if err := cancelled.count(versionsRoute, 2)(); err != nil {
		t.Errorf("cancelled during page 2: %v", err)
	}
}
