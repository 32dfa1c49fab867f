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

func TestAccPackageDataSource_owners(t *testing.T) {
	fake := startFakeAtFixedTime(t, fakegithub.DefaultSeed())
	api := fake.URL() + "/api/v3"
	teamApp, _ := fake.Package("acme", "container", "team/app")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_package" "team_app" {
  org          = "acme"
  package_type = "container"
  package_name = "team/app"
}

data "ghpackages_package" "orphan" {
  org          = "acme"
  package_type = "container"
  package_name = "orphan"
}

data "ghpackages_package" "hubot" {
  user         = "hubot"
  package_type = "container"
  package_name = "hubot-image"
}

data "ghpackages_package" "mine" {
  package_type = "rubygems"
  package_name = "octo-gem"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				// Every attribute, exactly.
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("org"), knownvalue.StringExact("acme")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("user"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("package_type"), knownvalue.StringExact("container")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("package_name"), knownvalue.StringExact("team/app")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("id"), knownvalue.Int64Exact(teamApp.ID)),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("name"), knownvalue.StringExact("team/app")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("visibility"), knownvalue.StringExact("public")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("version_count"), knownvalue.Int64Exact(int64(len(teamApp.ActiveVersionIDs)))),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("owner"), knownvalue.StringExact("acme")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("repository"), knownvalue.StringExact("acme/team-app")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("html_url"),
					knownvalue.StringExact("https://github.com/orgs/acme/packages/container/package/team%2Fapp")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("url"),
					knownvalue.StringExact(api+"/orgs/acme/packages/container/team%2Fapp")),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("created_at"), knownvalue.StringExact(daysAgo(90))),
				statecheck.ExpectKnownValue("data.ghpackages_package.team_app", tfjsonpath.New("updated_at"), knownvalue.StringExact(daysAgo(2))),
				statecheck.ExpectKnownValue("data.ghpackages_package.orphan", tfjsonpath.New("repository"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.ghpackages_package.hubot", tfjsonpath.New("id"), knownvalue.Int64Exact(packageID(t, fake, "hubot", "container", "hubot-image"))),
				statecheck.ExpectKnownValue("data.ghpackages_package.hubot", tfjsonpath.New("owner"), knownvalue.StringExact("hubot")),
				statecheck.ExpectKnownValue("data.ghpackages_package.mine", tfjsonpath.New("id"), knownvalue.Int64Exact(packageID(t, fake, "octocat", "rubygems", "octo-gem"))),
				statecheck.ExpectKnownValue("data.ghpackages_package.mine", tfjsonpath.New("owner"), knownvalue.StringExact("octocat")),
				statecheck.ExpectKnownValue("data.ghpackages_package.mine", tfjsonpath.New("url"),
					knownvalue.StringExact(api+"/users/octocat/packages/rubygems/octo-gem")),
			},
		}},
	})
}

// TestAccPackageDataSource_notFound checks the hint for the most common
// mistake, docker for container and back.
func TestAccPackageDataSource_notFound(t *testing.T) {
	fake := startFake(t)
	config := func(owner, pkgType, name string) string {
		return providerConfig(fake, tokenFull) + fmt.Sprintf(`
data "ghpackages_package" "x" {
  %s
  package_type = %q
  package_name = %q
}
`, owner, pkgType, name)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: config(`org = "acme"`, "container", "legacy-image"),
				ExpectError: expectError(`Package not found.*GitHub did not find container package "legacy-image" of organization "acme"` +
					`.*Did you mean package_type = "docker"\?`),
			},
			{
				Config: config(`user = "hubot"`, "docker", "hubot-image"),
				ExpectError: expectError(`Package not found.*GitHub did not find docker package "hubot-image" of user "hubot"` +
					`.*Did you mean package_type = "container"\?`),
			},
		},
	})
}

// TestAccPackageDataSource_authErrors checks that a refused token is
// explained: which scopes reading needs and which the token has.
func TestAccPackageDataSource_authErrors(t *testing.T) {
	seed := fakegithub.DefaultSeed()
	seed.Tokens = append(seed.Tokens, fakegithub.SeedToken{Token: "ghp_repoonly", Login: "octocat", Scopes: []string{"repo"}})
	fake := startFake(t, seed)
	config := func(token string) string {
		return providerConfig(fake, token) + `
data "ghpackages_package" "x" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
}
`
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:      config("ghp_not_a_token"),
				ExpectError: expectError(`GitHub rejected the token.*401.*Bad credentials.*needs the scopes read:packages`),
			},
			{
				Config: config("ghp_repoonly"),
				ExpectError: expectError(`Not allowed to read container package "web" of organization "acme".*403` +
					`.*the token needs the scopes: read:packages\..*The token has: repo\.`),
			},
			{
				Config:      config(tokenApp),
				ExpectError: expectError(`Not allowed to read.*403.*Resource not accessible by integration.*does not accept GitHub App installation tokens`),
			},
		},
	})
}

func TestAccPackageDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)
	config := func(body string) string {
		return providerConfig(fake, tokenFull) + "data \"ghpackages_package\" \"x\" {\n" + body + "\n}\n"
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: config(`
  package_type = "gradle"
  package_name = "lib"`),
				PlanOnly:    true,
				ExpectError: expectError(`package_type value must be one of:.*"npm".*"maven".*"rubygems".*"docker".*"nuget".*"container".*got: "gradle"`),
			},
			{
				Config: config(`
  org          = "acme"
  user         = "hubot"
  package_type = "npm"
  package_name = "lib"`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute "(user|org)" cannot be specified when "(org|user)" is specified`),
			},
			{
				Config: config(`
  package_type = "container"
  package_name = ""`),
				PlanOnly:    true,
				ExpectError: expectError(`Attribute package_name string length must be at least 1, got: 0`),
			},
		},
	})
	assertNoRequests(t, fake)
}
