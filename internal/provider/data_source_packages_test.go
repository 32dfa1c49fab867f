package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestAccPackagesDataSource_owners(t *testing.T) {
	fake := startFakeAtFixedTime(t, fakegithub.DefaultSeed())
	web, _ := fake.Package("acme", "container", "web")
	api := fake.URL() + "/api/v3"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_packages" "acme" {
  org          = "acme"
  package_type = "container"
}

data "ghpackages_packages" "acme_public" {
  org          = "acme"
  package_type = "container"
  visibility   = "public"
}

data "ghpackages_packages" "hubot" {
  user         = "hubot"
  package_type = "container"
}

data "ghpackages_packages" "mine" {
  package_type = "npm"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Every field of one package, exactly: web has 3 active
				// versions, the newest published a day ago.
				statecheck.ExpectKnownValue("data.ghpackages_packages.acme", tfjsonpath.New("packages").AtSliceIndex(0),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":            knownvalue.Int64Exact(web.ID),
						"name":          knownvalue.StringExact("web"),
						"package_type":  knownvalue.StringExact("container"),
						"visibility":    knownvalue.StringExact("private"),
						"version_count": knownvalue.Int64Exact(int64(len(web.ActiveVersionIDs))),
						"owner":         knownvalue.StringExact("acme"),
						"repository":    knownvalue.StringExact("acme/web"),
						"html_url":      knownvalue.StringExact("https://github.com/orgs/acme/packages/container/package/web"),
						"url":           knownvalue.StringExact(api + "/orgs/acme/packages/container/web"),
						"created_at":    knownvalue.StringExact(daysAgo(120)),
						"updated_at":    knownvalue.StringExact(daysAgo(1)),
					})),
				// The organization's container packages in GitHub's order
				// (by id); orphan is linked to no repository.
				statecheck.ExpectKnownValue("data.ghpackages_packages.acme", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("web")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("team/app"),
						"url":  knownvalue.StringExact(api + "/orgs/acme/packages/container/team%2Fapp"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":       knownvalue.StringExact("orphan"),
						"repository": knownvalue.Null(),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":          knownvalue.StringExact("ci-cache"),
						"version_count": knownvalue.Int64Exact(46),
					}),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_packages.acme_public", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":         knownvalue.Int64Exact(packageID(t, fake, "acme", "container", "team/app")),
						"visibility": knownvalue.StringExact("public"),
					}),
				})),
				// hubot-secret is private: octocat's token does not see it.
				statecheck.ExpectKnownValue("data.ghpackages_packages.hubot", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":       knownvalue.Int64Exact(packageID(t, fake, "hubot", "container", "hubot-image")),
						"name":     knownvalue.StringExact("hubot-image"),
						"owner":    knownvalue.StringExact("hubot"),
						"html_url": knownvalue.StringExact("https://github.com/users/hubot/packages/container/package/hubot-image"),
					}),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_packages.mine", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":            knownvalue.Int64Exact(packageID(t, fake, "octocat", "npm", "hello-npm")),
						"name":          knownvalue.StringExact("hello-npm"),
						"package_type":  knownvalue.StringExact("npm"),
						"owner":         knownvalue.StringExact("octocat"),
						"version_count": knownvalue.Int64Exact(2),
						"repository":    knownvalue.StringExact("octocat/hello-npm"),
						"url":           knownvalue.StringExact(api + "/users/octocat/packages/npm/hello-npm"),
					}),
				})),
			},
		}},
	})
}

// TestAccPackagesDataSource_everyPage lists more packages than fit on one
// page of 100 and checks that one read costs exactly the pages it needs.
func TestAccPackagesDataSource_everyPage(t *testing.T) {
	seed := fakegithub.DefaultSeed()
	var many []fakegithub.SeedPackage
	for i := range 150 {
		many = append(many, fakegithub.SeedPackage{Name: fmt.Sprintf("lib-%03d", i), Type: "npm", Visibility: "public"})
	}
	seed.Owners = append(seed.Owners, fakegithub.SeedOwner{Login: "bigorg", Type: "Organization", Packages: many})
	fake := startFakeAtFixedTime(t, seed)
	read := newRequestWindow(fake)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: read.open,
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_packages" "big" {
  org          = "bigorg"
  package_type = "npm"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				stateValue("data.ghpackages_packages.big", "packages", knownvalue.ListSizeExact(150)),
				statecheck.ExpectKnownValue("data.ghpackages_packages.big", tfjsonpath.New("packages").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("lib-000")),
				statecheck.ExpectKnownValue("data.ghpackages_packages.big", tfjsonpath.New("packages").AtSliceIndex(149).AtMapKey("name"), knownvalue.StringExact("lib-149")),
				read.count("GET /orgs/{org}/packages", 2),
			},
		}},
	})
}

func TestAccPackagesDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)
	config := func(body string) string {
		return providerConfig(fake, tokenFull) + "data \"ghpackages_packages\" \"x\" {\n" + body + "\n}\n"
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      config(`package_type = "gradle"`),
				PlanOnly:    true,
				ExpectError: expectError(`package_type value must be one of:.*"npm".*"maven".*"rubygems".*"docker".*"nuget".*"container".*got: "gradle"`),
			},
			{
				Config: config(`
  package_type = "npm"
  visibility   = "secret"`),
				PlanOnly:    true,
				ExpectError: expectError(`visibility value must be one of:.*"public".*"private".*"internal".*got: "secret"`),
			},
			{
				Config: config(`
  org          = "acme"
  user         = "hubot"
  package_type = "npm"`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute "(user|org)" cannot be specified when "(org|user)" is specified`),
			},
			{
				Config: config(`
  org          = ""
  package_type = "npm"`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute org string length must be at least 1, got: 0`),
			},
		},
	})
	assertNoRequests(t, fake)
}

// A list of an organization that does not exist names the organization, not
// "the list" ("List not found", "GitHub found no the container packages of
// ..." before).
func TestAccPackagesDataSource_unknownOrganization(t *testing.T) {
	fake := startFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_packages" "nope" {
  org          = "nope"
  package_type = "container"
}
`,
			ExpectError: expectError(`Organization not found.*GitHub did not find organization "nope" \(GitHub answered 404`),
		}},
	})
}
