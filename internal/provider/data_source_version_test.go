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

func TestAccVersionDataSource_owners(t *testing.T) {
	fake := startFakeAtFixedTime(t, fakegithub.DefaultSeed())
	api := fake.URL() + "/api/v3"
	teamApp, _ := fake.Version("acme", "container", "team/app", fakegithub.AcmeTeamAppV2)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_version" "team_app" {
  org                = "acme"
  package_type       = "container"
  package_name       = "team/app"
  package_version_id = 3200000012
}

data "ghpackages_version" "untagged" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000002
}

data "ghpackages_version" "client_lib" {
  org                = "acme"
  package_type       = "npm"
  package_name       = "client-lib"
  package_version_id = 3200000023
}

data "ghpackages_version" "hubot" {
  user               = "hubot"
  package_type       = "container"
  package_name       = "hubot-image"
  package_version_id = 3200000201
}

data "ghpackages_version" "mine" {
  package_type       = "npm"
  package_name       = "hello-npm"
  package_version_id = 3200000111
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Every attribute, exactly, for a version of a package whose
				// name has a slash.
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("id"), knownvalue.Int64Exact(fakegithub.AcmeTeamAppV2)),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("package_version_id"), knownvalue.Int64Exact(fakegithub.AcmeTeamAppV2)),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("name"), knownvalue.StringExact(teamApp.Name)),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("tags"), stringsList(teamApp.Tags...)),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("created_at"), knownvalue.StringExact(daysAgo(2))),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("updated_at"), knownvalue.StringExact(daysAgo(2))),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("deleted_at"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("html_url"),
					knownvalue.StringExact("https://github.com/orgs/acme/packages/container/team%2Fapp/3200000012")),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("package_html_url"),
					knownvalue.StringExact("https://github.com/orgs/acme/packages/container/package/team%2Fapp")),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("url"),
					knownvalue.StringExact(api+"/orgs/acme/packages/container/team%2Fapp/versions/3200000012")),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("license"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_version.team_app", tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_version.untagged", tfjsonpath.New("tags"), stringsList()),
				statecheck.ExpectKnownValue("data.ghpackages_version.client_lib", tfjsonpath.New("description"), knownvalue.StringExact("Client library")),
				statecheck.ExpectKnownValue("data.ghpackages_version.client_lib", tfjsonpath.New("license"), knownvalue.StringExact("MIT")),
				statecheck.ExpectKnownValue("data.ghpackages_version.hubot", tfjsonpath.New("tags"), stringsList("1.0")),
				statecheck.ExpectKnownValue("data.ghpackages_version.hubot", tfjsonpath.New("url"),
					knownvalue.StringExact(api+"/users/hubot/packages/container/hubot-image/versions/3200000201")),
				statecheck.ExpectKnownValue("data.ghpackages_version.mine", tfjsonpath.New("name"), knownvalue.StringExact("1.0.0")),
				statecheck.ExpectKnownValue("data.ghpackages_version.mine", tfjsonpath.New("tags"), stringsList()),
				statecheck.ExpectKnownValue("data.ghpackages_version.mine", tfjsonpath.New("url"),
					knownvalue.StringExact(api+"/users/octocat/packages/npm/hello-npm/versions/3200000111")),
			},
		}},
	})
}

func TestAccVersionDataSource_notFound(t *testing.T) {
	fake := startFake(t)
	config := func(pkgType, name string, id int) string {
		return providerConfig(fake, tokenFull) + fmt.Sprintf(`
data "ghpackages_version" "x" {
  org                = "acme"
  package_type       = %q
  package_name       = %q
  package_version_id = %d
}
`, pkgType, name, id)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				// web is on ghcr.io: the message names the version and
				// suggests the other registry type.
				Config: config("docker", "web", fakegithub.AcmeWebV4),
				ExpectError: expectError(`Package version not found.*version 3200000004 of docker package "web" of organization "acme"` +
					`.*Did you mean package_type = "container"\?`),
			},
			{
				// 3200000001 was deleted: GitHub no longer serves it by id.
				Config:      config("container", "web", fakegithub.AcmeWebV1),
				ExpectError: expectError(`Package version not found.*version 3200000001 of container package "web".*ghpackages_versions with state = "deleted"`),
			},
		},
	})
}

func TestAccVersionDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_version" "x" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 0
}
`,
			PlanOnly:    true,
			ExpectError: expectError(`Attribute package_version_id value must be at least 1, got: 0`),
		}},
	})
	assertNoRequests(t, fake)
}
