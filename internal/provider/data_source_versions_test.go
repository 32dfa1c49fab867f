package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestAccVersionsDataSource_owners(t *testing.T) {
	fake := startFakeAtFixedTime(t, fakegithub.DefaultSeed())
	api := fake.URL() + "/api/v3"
	web := packageState(t, fake, "acme", "container", "web")
	newest, _ := fake.Version("acme", "container", "web", web.ActiveVersionIDs[0])

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_versions" "web" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
}

data "ghpackages_versions" "web_deleted" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
  state        = "deleted"
}

data "ghpackages_versions" "team_app" {
  org          = "acme"
  package_type = "container"
  package_name = "team/app"
}

data "ghpackages_versions" "legacy" {
  org          = "acme"
  package_type = "docker"
  package_name = "legacy-image"
}

data "ghpackages_versions" "client_lib" {
  org          = "acme"
  package_type = "npm"
  package_name = "client-lib"
}

data "ghpackages_versions" "hubot" {
  user         = "hubot"
  package_type = "container"
  package_name = "hubot-image"
}

data "ghpackages_versions" "mine" {
  package_type = "npm"
  package_name = "hello-npm"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Active versions only, newest first, with several tags, one
				// tag and none; state defaults to active.
				statecheck.ExpectKnownValue("data.ghpackages_versions.web", tfjsonpath.New("state"), knownvalue.StringExact("active")),
				statecheck.ExpectKnownValue("data.ghpackages_versions.web", tfjsonpath.New("ids"), idList(web.ActiveVersionIDs)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.web", tfjsonpath.New("versions").AtSliceIndex(0),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":               knownvalue.Int64Exact(fakegithub.AcmeWebV4),
						"name":             knownvalue.StringExact(newest.Name),
						"tags":             stringsList("latest", "2.0.0"),
						"created_at":       knownvalue.StringExact(daysAgo(1)),
						"updated_at":       knownvalue.StringExact(daysAgo(1)),
						"deleted_at":       knownvalue.Null(),
						"html_url":         knownvalue.StringExact("https://github.com/orgs/acme/packages/container/web/3200000004"),
						"package_html_url": knownvalue.StringExact("https://github.com/orgs/acme/packages/container/package/web"),
						"url":              knownvalue.StringExact(api + "/orgs/acme/packages/container/web/versions/3200000004"),
						"license":          knownvalue.Null(),
						"description":      knownvalue.Null(),
						// Manifest facts only with manifests = true.
						"media_type": knownvalue.Null(),
						"kind":       knownvalue.Null(),
						"platform":   knownvalue.Null(),
						"child_ids":  knownvalue.Null(),
						"parent_ids": knownvalue.Null(),
						"subject_id": knownvalue.Null(),
					})),
				statecheck.ExpectKnownValue("data.ghpackages_versions.web", tfjsonpath.New("versions").AtSliceIndex(1).AtMapKey("tags"), stringsList("1.9.0")),
				statecheck.ExpectKnownValue("data.ghpackages_versions.web", tfjsonpath.New("versions").AtSliceIndex(2).AtMapKey("tags"), stringsList()),
				// state = "deleted" lists the deleted version and nothing else.
				statecheck.ExpectKnownValue("data.ghpackages_versions.web_deleted", tfjsonpath.New("ids"), idList(web.DeletedVersionIDs)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.web_deleted", tfjsonpath.New("versions"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":         knownvalue.Int64Exact(fakegithub.AcmeWebV1),
						"tags":       stringsList("1.0.0"),
						"deleted_at": knownvalue.StringExact(daysAgo(5)),
					}),
				})),
				// A name with a slash is one escaped path segment.
				statecheck.ExpectKnownValue("data.ghpackages_versions.team_app", tfjsonpath.New("ids"), idList([]int64{fakegithub.AcmeTeamAppV2, fakegithub.AcmeTeamAppV1})),
				statecheck.ExpectKnownValue("data.ghpackages_versions.team_app", tfjsonpath.New("versions").AtSliceIndex(0).AtMapKey("url"),
					knownvalue.StringExact(api+"/orgs/acme/packages/container/team%2Fapp/versions/3200000012")),
				// docker images carry their tags in metadata.docker.
				statecheck.ExpectKnownValue("data.ghpackages_versions.legacy", tfjsonpath.New("versions").AtSliceIndex(0).AtMapKey("tags"), stringsList("latest")),
				// npm versions have no tags but a license, and sometimes a description.
				statecheck.ExpectKnownValue("data.ghpackages_versions.client_lib", tfjsonpath.New("versions").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name":        knownvalue.StringExact("2.0.0"),
					"tags":        stringsList(),
					"license":     knownvalue.StringExact("MIT"),
					"description": knownvalue.StringExact("Client library"),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_versions.client_lib", tfjsonpath.New("versions").AtSliceIndex(1).AtMapKey("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_versions.hubot", tfjsonpath.New("ids"), idList(packageState(t, fake, "hubot", "container", "hubot-image").ActiveVersionIDs)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.hubot", tfjsonpath.New("versions").AtSliceIndex(1).AtMapKey("url"),
					knownvalue.StringExact(api+"/users/hubot/packages/container/hubot-image/versions/3200000201")),
				statecheck.ExpectKnownValue("data.ghpackages_versions.mine", tfjsonpath.New("ids"), idList(packageState(t, fake, "octocat", "npm", "hello-npm").ActiveVersionIDs)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.mine", tfjsonpath.New("versions").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"name":    knownvalue.StringExact("1.0.1"),
					"license": knownvalue.StringExact("MIT"),
				})),
			},
		}},
	})
}

// TestAccVersionsDataSource_everyPage lists 250 versions, two full pages of
// 100 and a half one, for an organization and for a named user (GitHub's
// description lists no paging parameters on /users/{username}/.../versions,
// but the live API pages there too). One read costs exactly three requests.
// The newest version's id is 2^53+1: a float64 anywhere on the way would
// round it.
func TestAccVersionsDataSource_everyPage(t *testing.T) {
	const bigID = 1<<53 + 1
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		switch seed.Owners[i].Login {
		case "acme":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "big", Type: "container",
				Versions:         []fakegithub.SeedVersion{{ID: bigID, Tags: []string{"latest"}}},
				GenerateVersions: 249,
			})
		case "hubot":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "many", Type: "npm", Visibility: "public", GenerateVersions: 250,
			})
		}
	}
	fake := startFakeAtFixedTime(t, seed)
	big := packageState(t, fake, "acme", "container", "big")
	many := packageState(t, fake, "hubot", "npm", "many")
	if len(big.ActiveVersionIDs) != 250 || len(many.ActiveVersionIDs) != 250 {
		t.Fatalf("seed: %d and %d versions, want 250 each", len(big.ActiveVersionIDs), len(many.ActiveVersionIDs))
	}

	read := newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			PreConfig: read.open,
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_versions" "big" {
  org          = "acme"
  package_type = "container"
  package_name = "big"
}

data "ghpackages_versions" "many" {
  user         = "hubot"
  package_type = "npm"
  package_name = "many"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				stateValue("data.ghpackages_versions.big", "versions", knownvalue.ListSizeExact(250)),
				stateValue("data.ghpackages_versions.many", "versions", knownvalue.ListSizeExact(250)),
				read.count("GET /orgs/{org}/packages/{package_type}/{package_name}/versions", 3),
				read.count("GET /users/{username}/packages/{package_type}/{package_name}/versions", 3),
				statecheck.ExpectKnownValue("data.ghpackages_versions.big", tfjsonpath.New("ids"), idList(big.ActiveVersionIDs)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.big", tfjsonpath.New("versions").AtSliceIndex(0).AtMapKey("id"), knownvalue.Int64Exact(bigID)),
				statecheck.ExpectKnownValue("data.ghpackages_versions.many", tfjsonpath.New("ids"), idList(many.ActiveVersionIDs)),
			},
		}},
	})
}

func TestAccVersionsDataSource_notFound(t *testing.T) {
	fake := startFake(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			// legacy-image was pushed to docker.pkg.github.com.
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_versions" "x" {
  org          = "acme"
  package_type = "container"
  package_name = "legacy-image"
}
`,
			ExpectError: expectError(`Package not found.*container package "legacy-image" of organization "acme".*Did you mean package_type = "docker"\?`),
		}},
	})
}

func TestAccVersionsDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)
	config := func(body string) string {
		return providerConfig(fake, tokenFull) + "data \"ghpackages_versions\" \"x\" {\n" + body + "\n}\n"
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: config(`
  package_type = "npm"
  package_name = "hello-npm"
  state        = "purged"`),
				PlanOnly:    true,
				ExpectError: expectError(`state value must be one of:.*"active".*"deleted".*got: "purged"`),
			},
			{
				Config: config(`
  package_type = "npm"
  package_name = ""`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute package_name string length must be at least 1, got: 0`),
			},
			{
				Config: config(`
  user         = ""
  package_type = "npm"
  package_name = "hello-npm"`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute user string length must be at least 1, got: 0`),
			},
		},
	})
	assertNoRequests(t, fake)
}
