package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestAccDockerConflictsDataSource_owners(t *testing.T) {
	// The default seed has a conflict for acme only; give both users one,
	// and octocat a docker package without a conflict, which must not be
	// listed. monalisa has none: an empty list, not null.
	seed := fakegithub.DefaultSeed()
	seed.Owners = append(seed.Owners, fakegithub.SeedOwner{Login: "monalisa"})
	for i := range seed.Owners {
		switch seed.Owners[i].Login {
		case "octocat":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages,
				fakegithub.SeedPackage{Name: "old-dotfiles", Type: "docker", DockerConflict: true, Versions: []fakegithub.SeedVersion{{Tags: []string{"latest"}}}},
				fakegithub.SeedPackage{Name: "migrated", Type: "docker", Versions: []fakegithub.SeedVersion{{Tags: []string{"latest"}}}},
			)
		case "hubot":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages,
				fakegithub.SeedPackage{Name: "hubot-legacy", Type: "docker", Visibility: "public", DockerConflict: true, Repository: "hubot/legacy"},
			)
		}
	}
	fake := startFakeAtFixedTime(t, seed)
	legacy, _ := fake.Package("acme", "docker", "legacy-image")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_docker_conflicts" "acme" {
  org = "acme"
}

data "ghpackages_docker_conflicts" "hubot" {
  user = "hubot"
}

data "ghpackages_docker_conflicts" "mine" {}

data "ghpackages_docker_conflicts" "monalisa" {
  user = "monalisa"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ghpackages_docker_conflicts.acme", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":            knownvalue.Int64Exact(legacy.ID),
						"name":          knownvalue.StringExact("legacy-image"),
						"package_type":  knownvalue.StringExact("docker"),
						"visibility":    knownvalue.StringExact("private"),
						"version_count": knownvalue.Int64Exact(int64(len(legacy.ActiveVersionIDs))),
						"owner":         knownvalue.StringExact("acme"),
						"repository":    knownvalue.StringExact("acme/legacy"),
						"html_url":      knownvalue.StringExact("https://github.com/orgs/acme/packages/docker/package/legacy-image"),
						"url":           knownvalue.StringExact(fake.URL() + "/api/v3/orgs/acme/packages/docker/legacy-image"),
						"created_at":    knownvalue.StringExact(daysAgo(400)),
						"updated_at":    knownvalue.StringExact(daysAgo(90)),
					}),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_docker_conflicts.hubot", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":         knownvalue.Int64Exact(packageID(t, fake, "hubot", "docker", "hubot-legacy")),
						"name":       knownvalue.StringExact("hubot-legacy"),
						"owner":      knownvalue.StringExact("hubot"),
						"repository": knownvalue.StringExact("hubot/legacy"),
					}),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_docker_conflicts.mine", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id":         knownvalue.Int64Exact(packageID(t, fake, "octocat", "docker", "old-dotfiles")),
						"name":       knownvalue.StringExact("old-dotfiles"),
						"owner":      knownvalue.StringExact("octocat"),
						"repository": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue("data.ghpackages_docker_conflicts.monalisa", tfjsonpath.New("packages"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccDockerConflictsDataSource_invalidInput(t *testing.T) {
	fake := startFake(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + `
data "ghpackages_docker_conflicts" "x" {
  org  = "acme"
  user = "hubot"
}
`,
			PlanOnly:    true,
			ExpectError: expectError(`Attribute "(user|org)" cannot be specified when "(org|user)" is specified`),
		}},
	})
	assertNoRequests(t, fake)
}
