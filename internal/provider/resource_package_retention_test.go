package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// An organization's package and one of the token's own account: adopted
// without a write, imported by each ID form, deleted on destroy.
func TestAccPackageRetention_orgAndOwnAccount(t *testing.T) {
	fake := startFake(t)
	const org, me = "ghpackages_package_retention.org", "ghpackages_package_retention.me"
	adoption := newRequestWindow(fake)
	steps := []resource.TestStep{{
		PreConfig: adoption.open,
		Config: providerConfig(fake, tokenFull) +
			packageRetentionHCL("org", ownerAcme, "npm", "client-lib") +
			packageRetentionHCL("me", ownerMe, "rubygems", "octo-gem"),
		ConfigStateChecks: []statecheck.StateCheck{
			adoption.writes(),
			stateValue(org, "id", knownvalue.StringExact("orgs/acme/npm/client-lib")),
			stateValue(org, "package_id", knownvalue.Int64Exact(fakegithub.AcmeClientLibPackageID)),
			stateValue(org, "visibility", knownvalue.StringExact("private")),
			stateValue(org, "version_count", knownvalue.Int64Exact(3)),
			stateValue(org, "repository", knownvalue.StringExact("acme/client-lib")),
			stateValue(org, "html_url", knownvalue.NotNull()),
			stateValue(me, "id", knownvalue.StringExact("user/rubygems/octo-gem")),
			stateValue(me, "org", knownvalue.Null()),
			stateValue(me, "user", knownvalue.Null()),
		},
	}}
	steps = append(steps, importSteps(org, "orgs/acme/npm/client-lib")...)
	steps = append(steps, importSteps(me, "user/rubygems/octo-gem")...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy: onDestroy(
			packageOnServer(fake, ownerAcme, "npm", "client-lib", true),
			packageOnServer(fake, ownerMe, "rubygems", "octo-gem", true),
		),
		Steps: steps,
	})
}

// A named user's package with that user's token; a package linked to no
// repository has a null repository.
func TestAccPackageRetention_namedUser(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_retention.user"
	steps := []resource.TestStep{{
		Config: providerConfig(fake, tokenHubot) + packageRetentionHCL("user", ownerHubot, "container", "hubot-secret"),
		ConfigStateChecks: []statecheck.StateCheck{
			stateValue(name, "id", knownvalue.StringExact("users/hubot/container/hubot-secret")),
			stateValue(name, "user", knownvalue.StringExact("hubot")),
			stateValue(name, "version_count", knownvalue.Int64Exact(1)),
		},
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy:             onDestroy(packageOnServer(fake, ownerHubot, "container", "hubot-secret", true)),
		Steps:                    append(steps, importSteps(name, "users/hubot/container/hubot-secret")...),
	})
}

// A deleted package is restored on create; deleted behind Terraform's back,
// it shows up as a create and is restored again.
func TestAccPackageRetention_restoreAndDrift(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_retention.old"
	config := providerConfig(fake, tokenFull) + packageRetentionHCL("old", ownerAcme, "npm", "old-tool")
	restorePackage := ownerAcme.route("POST", packageRoute+"/restore")
	restore, driftRestore := newRequestWindow(fake), newRequestWindow(fake)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy:             onDestroy(packageOnServer(fake, ownerAcme, "npm", "old-tool", true)),
		Steps: []resource.TestStep{
			{
				PreConfig: restore.open,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					restore.writes(restorePackage),
					packageOnServer(fake, ownerAcme, "npm", "old-tool", false),
					stateValue(name, "package_id", knownvalue.Int64Exact(fakegithub.AcmeOldToolPackageID)),
					stateValue(name, "version_count", knownvalue.Int64Exact(1)),
				},
			},
			{
				PreConfig: func() {
					if err := fake.DeletePackageOutOfBand("acme", "npm", "old-tool"); err != nil {
						t.Error(err)
					}
					driftRestore.open()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					driftRestore.writes(restorePackage),
					packageOnServer(fake, ownerAcme, "npm", "old-tool", false),
				},
			},
		},
	})
}

// A package deleted more than 30 days ago cannot be restored: a clear
// error, and nothing in state.
func TestAccPackageRetention_restoreImpossible(t *testing.T) {
	fake := startFake(t)
	if err := fake.SetPackageDeletedDaysAgo("acme", "npm", "old-tool", 40); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + packageRetentionHCL("old", ownerAcme, "npm", "old-tool"),
			ExpectError: expectError(`Cannot restore npm package "old-tool".*` +
				`does not exist, was deleted more than 30 days ago, or its name was taken by a new package`),
		}},
	})
}

// GitHub refuses to delete a public package with more than 5,000 downloads:
// the error says so and what to do, and the package stays in state and on
// the server until the configuration stops managing it.
func TestAccPackageRetention_downloadsRefused(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_retention.popular"
	config := providerConfig(fake, tokenFull) + packageRetentionHCL("popular", ownerAcme, "npm", "popular")
	resource.ParallelTest(t, resource.TestCase{
		// The removed block, which stops managing the package, needs 1.7.
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_7_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config:      config,
				Destroy:     true,
				ExpectError: expectError(`Publicly visible packages with more than 5000 downloads cannot be deleted.*only GitHub Support can`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{packageOnServer(fake, ownerAcme, "npm", "popular", false)},
			},
			{
				Config: providerConfig(fake, tokenFull) + `
removed {
  from = ghpackages_package_retention.popular
  lifecycle {
    destroy = false
  }
}
`,
			},
		},
	})
}

// Import by identity needs Terraform 1.12; TestRetentionImportByIdentity
// covers the provider's side of it with any Terraform.
func TestAccPackageRetention_importByIdentity(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_retention.me"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + packageRetentionHCL("me", ownerMe, "container", "dotfiles"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(name, map[string]knownvalue.Check{
						"org":          knownvalue.Null(),
						"user":         knownvalue.Null(),
						"package_type": knownvalue.StringExact("container"),
						"package_name": knownvalue.StringExact("dotfiles"),
					}),
				},
			},
			{
				ResourceName:    name,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// Malformed and dangling import IDs.
func TestAccPackageRetention_importErrors(t *testing.T) {
	fake := startFake(t)
	config := providerConfig(fake, tokenFull) + packageRetentionHCL("p", ownerAcme, "npm", "client-lib")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:        config,
				ResourceName:  "ghpackages_package_retention.p",
				ImportState:   true,
				ImportStateId: "acme/npm/client-lib",
				ExpectError:   expectError(`Invalid import ID.*` + address.PackageIDForms),
			},
			{
				Config:        config,
				ResourceName:  "ghpackages_package_retention.p",
				ImportState:   true,
				ImportStateId: "orgs/acme/npm/no-such-package",
				ExpectError:   expectError(`Cannot import non-existent remote object`),
			},
		},
	})
}

// A package name that is a path dot segment ("." or "..", alone or as one
// segment of a longer name) would make the DELETE go to another route than
// the one the plan names: refused at validate time, before any request.
func TestAccPackageRetention_dotSegmentNames(t *testing.T) {
	fake := startFake(t)
	var steps []resource.TestStep
	for _, name := range []string{".", "..", "team/..", "./app", "team/./app"} {
		steps = append(steps, resource.TestStep{
			Config:      providerConfig(fake, tokenFull) + packageRetentionHCL("dot", ownerAcme, "container", name),
			PlanOnly:    true,
			ExpectError: expectError(`package_name must be a package name without white space.*'\.' or '\.\.' segment.*got: ` + regexp.QuoteMeta(name) + `\s*$`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories(), Steps: steps})
	assertNoRequests(t, fake)
}
