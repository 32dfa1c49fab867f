package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
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

// Versions of fakegithub.DefaultSeed used below.
const (
	webV3       = fakegithub.AcmeWebV3         // acme container "web", tagged 1.9.0
	webV1       = fakegithub.AcmeWebV1         // acme container "web", tagged 1.0.0, deleted 5 days ago
	teamAppV1   = fakegithub.AcmeTeamAppV1     // acme container "team/app", tagged v1
	orphanV1    = fakegithub.AcmeOrphanV1      // the only version of acme container "orphan"
	hubotImgV1  = fakegithub.HubotImageV1      // hubot container "hubot-image"
	dotfilesV1  = fakegithub.OctocatDotfilesV1 // octocat container "dotfiles"
	pushedVerID = 3300000001                   // not in the seed: pushed by a test
)

// Adopting an active version writes nothing; a deleted one is restored; a
// version deleted behind Terraform's back shows up as a create and is
// restored; destroy deletes on the server.
func TestAccPackageVersionRetention_lifecycle(t *testing.T) {
	fake := startFake(t)
	const adopted, restored = "ghpackages_package_version_retention.adopted", "ghpackages_package_version_retention.restored"
	adoptHCL := versionRetentionHCL("adopted", ownerAcme, "container", "web", webV3)
	both := providerConfig(fake, tokenFull) + adoptHCL + versionRetentionHCL("restored", ownerAcme, "container", "web", webV1)
	restoreVersion := ownerAcme.route("POST", versionRoute+"/restore")
	adoption, restore, driftRestore := newRequestWindow(fake), newRequestWindow(fake), newRequestWindow(fake)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy: onDestroy(
			versionOnServer(fake, ownerAcme, "container", "web", webV3, true),
			versionOnServer(fake, ownerAcme, "container", "web", webV1, true),
		),
		Steps: []resource.TestStep{
			{
				PreConfig: adoption.open,
				Config:    providerConfig(fake, tokenFull) + adoptHCL,
				ConfigStateChecks: []statecheck.StateCheck{
					adoption.writes(),
					versionOnServer(fake, ownerAcme, "container", "web", webV3, false),
					stateValue(adopted, "id", knownvalue.StringExact(fmt.Sprintf("orgs/acme/container/web/%d", webV3))),
					stateValue(adopted, "org", knownvalue.StringExact("acme")),
					stateValue(adopted, "user", knownvalue.Null()),
					stateValue(adopted, "tags", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("1.9.0")})),
					stateValue(adopted, "name", knownvalue.StringRegexp(regexp.MustCompile(`^sha256:[0-9a-f]{64}$`))),
					stateValue(adopted, "created_at", knownvalue.NotNull()),
					stateValue(adopted, "updated_at", knownvalue.NotNull()),
					stateValue(adopted, "html_url", knownvalue.NotNull()),
				},
			},
			{
				PreConfig: restore.open,
				Config:    both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(adopted, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(restored, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					restore.writes(restoreVersion),
					versionOnServer(fake, ownerAcme, "container", "web", webV1, false),
					stateValue(restored, "tags", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("1.0.0")})),
				},
			},
			{
				// Drift: the version is deleted behind Terraform's back.
				PreConfig: func() {
					if err := fake.DeleteVersionOutOfBand("acme", "container", "web", webV3); err != nil {
						t.Error(err)
					}
				},
				Config:             both,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// ...and the apply restores it.
				PreConfig: driftRestore.open,
				Config:    both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(adopted, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(restored, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					driftRestore.writes(restoreVersion),
					versionOnServer(fake, ownerAcme, "container", "web", webV3, false),
				},
			},
		},
	})
}

// An organization's version with a slash in the package name, and a version
// of the token's own account; each imported by its import ID form.
func TestAccPackageVersionRetention_orgAndOwnAccount(t *testing.T) {
	fake := startFake(t)
	const org, me = "ghpackages_package_version_retention.org", "ghpackages_package_version_retention.me"
	orgID := fmt.Sprintf("orgs/acme/container/team/app/%d", teamAppV1)
	meID := fmt.Sprintf("user/container/dotfiles/%d", dotfilesV1)
	adoption := newRequestWindow(fake)
	steps := []resource.TestStep{{
		PreConfig: adoption.open,
		Config: providerConfig(fake, tokenFull) +
			versionRetentionHCL("org", ownerAcme, "container", "team/app", teamAppV1) +
			versionRetentionHCL("me", ownerMe, "container", "dotfiles", dotfilesV1),
		ConfigStateChecks: []statecheck.StateCheck{
			adoption.writes(),
			stateValue(org, "id", knownvalue.StringExact(orgID)),
			stateValue(org, "package_name", knownvalue.StringExact("team/app")),
			stateValue(org, "tags", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("v1")})),
			stateValue(me, "id", knownvalue.StringExact(meID)),
			stateValue(me, "org", knownvalue.Null()),
			stateValue(me, "user", knownvalue.Null()),
			stateValue(me, "tags", knownvalue.ListExact([]knownvalue.Check{})),
		},
	}}
	steps = append(steps, importSteps(org, orgID)...)
	steps = append(steps, importSteps(me, meID)...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy: onDestroy(
			versionOnServer(fake, ownerAcme, "container", "team/app", teamAppV1, true),
			versionOnServer(fake, ownerMe, "container", "dotfiles", dotfilesV1, true),
		),
		Steps: steps,
	})
}

// A named user's version, with that user's token. (Provider aliases with
// different tokens cannot share a test: the in-process provider server is
// configured once for all of them.)
func TestAccPackageVersionRetention_namedUser(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_version_retention.user"
	importID := fmt.Sprintf("users/hubot/container/hubot-image/%d", hubotImgV1)
	steps := []resource.TestStep{{
		Config: providerConfig(fake, tokenHubot) + versionRetentionHCL("user", ownerHubot, "container", "hubot-image", hubotImgV1),
		ConfigStateChecks: []statecheck.StateCheck{
			stateValue(name, "id", knownvalue.StringExact(importID)),
			stateValue(name, "user", knownvalue.StringExact("hubot")),
			stateValue(name, "org", knownvalue.Null()),
		},
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy:             onDestroy(versionOnServer(fake, ownerHubot, "container", "hubot-image", hubotImgV1, true)),
		Steps:                    append(steps, importSteps(name, importID)...),
	})
}

// Import by identity needs Terraform 1.12; TestRetentionImportByIdentity
// covers the provider's side of it with any Terraform.
func TestAccPackageVersionRetention_importByIdentity(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_version_retention.org"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenFull) + versionRetentionHCL("org", ownerAcme, "container", "team/app", teamAppV1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(name, map[string]knownvalue.Check{
						"org":                knownvalue.StringExact("acme"),
						"user":               knownvalue.Null(),
						"package_type":       knownvalue.StringExact("container"),
						"package_name":       knownvalue.StringExact("team/app"),
						"package_version_id": knownvalue.Int64Exact(teamAppV1),
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

// GitHub refuses to delete the last version: the error quotes GitHub and
// says what to do, the resource stays in state and on the server. Managing
// the package as well, destroyed first, lets the destroy go through: the
// version goes with its package.
func TestAccPackageVersionRetention_lastVersionRefused(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_version_retention.last"
	config := providerConfig(fake, tokenFull) + versionRetentionHCL("last", ownerAcme, "container", "orphan", orphanV1)
	// refusal spans the refused destroy and the plan after it;
	// withPackage spans the step that adds the package and the final
	// destroy.
	refusal, withPackage := newRequestWindow(fake), newRequestWindow(fake)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy: onDestroy(
			packageOnServer(fake, ownerAcme, "container", "orphan", true),
			withPackage.writes(ownerAcme.route("DELETE", packageRoute), ownerAcme.route("DELETE", versionRoute)),
		),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: refusal.open,
				Config:    config,
				Destroy:   true,
				ExpectError: expectError(`You cannot delete the last tagged version of a package.*` +
					`delete the whole package \(a ghpackages_package_retention resource for it`),
			},
			{
				// Still in state (no create planned) and on the server; the
				// refused DELETE was the only write.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					refusal.writes(ownerAcme.route("DELETE", versionRoute)),
					versionOnServer(fake, ownerAcme, "container", "orphan", orphanV1, false),
					packageOnServer(fake, ownerAcme, "container", "orphan", false),
				},
			},
			{
				// The advice: manage the package. Depending on the version,
				// it is destroyed first; the version's DELETE then finds
				// nothing and succeeds with a warning.
				PreConfig: withPackage.open,
				Config: config + packageRetentionHCL("pkg", ownerAcme, "container", "orphan",
					"depends_on = [ghpackages_package_version_retention.last]"),
				ConfigStateChecks: []statecheck.StateCheck{withPackage.writes()},
			},
		},
	})
}

// A version deleted more than 30 days ago cannot be restored: a clear error
// and nothing in state (the next plan still creates). Within 30 days it is.
func TestAccPackageVersionRetention_restoreImpossible(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_version_retention.old"
	config := providerConfig(fake, tokenFull) + versionRetentionHCL("old", ownerAcme, "container", "web", webV1)
	deletedDaysAgo := func(days float64) func() {
		return func() {
			if err := fake.SetVersionDeletedDaysAgo("acme", "container", "web", webV1, days); err != nil {
				t.Error(err)
			}
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig:   deletedDaysAgo(40),
				Config:      config,
				ExpectError: expectError(`Cannot restore version 3200000001.*was deleted more than 30 days ago`),
			},
			{
				PreConfig: deletedDaysAgo(29),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					versionOnServer(fake, ownerAcme, "container", "web", webV1, false),
				},
			},
		},
	})
}

// When the version's package is gone, the error says to restore the
// package first.
func TestAccPackageVersionRetention_packageGone(t *testing.T) {
	fake := startFake(t)
	if err := fake.DeletePackageOutOfBand("acme", "container", "orphan"); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      providerConfig(fake, tokenFull) + versionRetentionHCL("v", ownerAcme, "container", "orphan", orphanV1),
			ExpectError: expectError(`GitHub found no container package "orphan".*restore the package first`),
		}},
	})
}

// A token without delete:packages: destroy fails with the scopes
// explained; with a full token it succeeds.
func TestAccPackageVersionRetention_readOnlyToken(t *testing.T) {
	fake := startFake(t)
	resourceHCL := versionRetentionHCL("v", ownerMe, "container", "dotfiles", dotfilesV1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		CheckDestroy:             onDestroy(versionOnServer(fake, ownerMe, "container", "dotfiles", dotfilesV1, true)),
		Steps: []resource.TestStep{
			{Config: providerConfig(fake, tokenReadOnly) + resourceHCL},
			{
				Config:  providerConfig(fake, tokenReadOnly) + resourceHCL,
				Destroy: true,
				ExpectError: expectError(`Not allowed to delete version 3200000101.*` +
					`the token needs the scopes: read:packages, delete:packages. The token has: read:packages.`),
			},
			{
				Config: providerConfig(fake, tokenFull) + resourceHCL,
				ConfigStateChecks: []statecheck.StateCheck{
					versionOnServer(fake, ownerMe, "container", "dotfiles", dotfilesV1, false),
				},
			},
		},
	})
}

// Malformed and dangling import IDs.
func TestAccPackageVersionRetention_importErrors(t *testing.T) {
	fake := startFake(t)
	config := providerConfig(fake, tokenFull) + versionRetentionHCL("v", ownerAcme, "container", "web", webV3)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config:        config,
				ResourceName:  "ghpackages_package_version_retention.v",
				ImportState:   true,
				ImportStateId: "orgs/acme/container/web",
				ExpectError:   expectError(`Invalid import ID.*` + address.VersionIDForms),
			},
			{
				Config:        config,
				ResourceName:  "ghpackages_package_version_retention.v",
				ImportState:   true,
				ImportStateId: "orgs/acme/container/web/999",
				ExpectError:   expectError(`Cannot import non-existent remote object`),
			},
		},
	})
}

// for_each over the newest three versions: after a push, the apply deletes
// exactly the version that fell out of the window, as the plan showed.
func TestAccPackageVersionRetention_keepNewest(t *testing.T) {
	fake := startFake(t)
	// ci-cache has a tagged version and 45 generated untagged ones.
	before, ok := fake.Package("acme", "container", "ci-cache")
	if !ok || len(before.ActiveVersionIDs) < 4 {
		t.Fatalf("seed: want acme/container/ci-cache with 4+ versions, got %+v", before)
	}
	newest := before.ActiveVersionIDs[:3]
	dropped := newest[2]
	provider := providerConfig(fake, tokenFull)
	config := provider + `
data "ghpackages_versions" "x" {
  org          = "acme"
  package_type = "container"
  package_name = "ci-cache"
}

resource "ghpackages_package_version_retention" "keep" {
  for_each           = toset([for id in slice(data.ghpackages_versions.x.ids, 0, 3) : tostring(id)])
  org                = "acme"
  package_type       = "container"
  package_name       = "ci-cache"
  package_version_id = tonumber(each.key)
}
`
	keep := func(id int64) string {
		return fmt.Sprintf("ghpackages_package_version_retention.keep[%q]", fmt.Sprint(id))
	}
	onServer := func(id int64, wantDeleted bool) serverCheck {
		return versionOnServer(fake, ownerAcme, "container", "ci-cache", id, wantDeleted)
	}

	adoption, push := newRequestWindow(fake), newRequestWindow(fake)

	// No legacy Check or CheckDestroy here, and the last step leaves no
	// for_each instance in state: terraform-plugin-testing's legacy state
	// shim cannot represent them.
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				PreConfig: adoption.open,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					adoption.writes(),
					stateValue(keep(newest[0]), "package_version_id", knownvalue.Int64Exact(newest[0])),
					stateValue(keep(dropped), "package_version_id", knownvalue.Int64Exact(dropped)),
				},
			},
			{
				PreConfig: func() {
					fake.PushVersion("acme", "container", "ci-cache", fakegithub.SeedVersion{ID: pushedVerID})
					push.open()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(keep(dropped), plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(keep(pushedVerID), plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(keep(newest[0]), plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(keep(newest[1]), plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					push.writes(ownerAcme.route("DELETE", versionRoute)),
					onServer(dropped, true),
					onServer(pushedVerID, false),
					onServer(newest[0], false),
					onServer(newest[1], false),
				},
			},
			{
				Config: provider,
				ConfigStateChecks: []statecheck.StateCheck{
					onServer(pushedVerID, true),
					onServer(newest[0], true),
					onServer(newest[1], true),
				},
			},
		},
	})
}

// The plan of a create shows what it will keep: the name, tags and dates of
// an active version (adopted), the name and creation time of a deleted one
// (restored; its tags may have moved on). The state after the apply holds
// what the plan showed.
func TestAccPackageVersionRetention_planShowsWhatItKeeps(t *testing.T) {
	fake := startFake(t)
	const adopted, restored = "ghpackages_package_version_retention.adopted", "ghpackages_package_version_retention.restored"
	config := providerConfig(fake, tokenFull) +
		versionRetentionHCL("adopted", ownerAcme, "container", "web", webV3) +
		versionRetentionHCL("restored", ownerAcme, "container", "web", webV1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(adopted, tfjsonpath.New("id"), knownvalue.StringExact("orgs/acme/container/web/3200000003")),
				plancheck.ExpectKnownValue(adopted, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^sha256:[0-9a-f]{64}$`))),
				plancheck.ExpectKnownValue(adopted, tfjsonpath.New("tags"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("1.9.0")})),
				plancheck.ExpectKnownValue(adopted, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				plancheck.ExpectUnknownValue(adopted, tfjsonpath.New("updated_at")),
				plancheck.ExpectKnownValue(restored, tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`^sha256:`))),
				plancheck.ExpectKnownValue(restored, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				plancheck.ExpectUnknownValue(restored, tfjsonpath.New("tags")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				stateValue(adopted, "tags", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("1.9.0")})),
				stateValue(restored, "tags", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("1.0.0")})),
				versionOnServer(fake, ownerAcme, "container", "web", webV1, false),
			},
		}},
	})
}

// Create keeps the values its plan showed: a tag that moved between the
// final plan and Create's fresh read is read by the next refresh, not
// stored now (Terraform refuses a create whose result differs from a known
// planned value); values the plan left unknown come from GitHub. Create is
// called directly, since terraform plans once more at apply and a test step
// cannot place the move between that plan and Create.
func TestPackageVersionRetentionCreate_keepsPlannedValues(t *testing.T) {
	fake := startFake(t)
	if err := fake.SetVersionTags("acme", "container", "web", webV3, []string{"1.9.0", "stable"}); err != nil {
		t.Fatal(err)
	}
	client, err := ghclient.New(ghclient.Config{BaseURL: fake.URL(), Token: tokenFull, Retry: ghclient.DefaultRetryPolicy})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r := NewPackageVersionRetentionResource().(*packageVersionRetentionResource)
	r.client = client
	var schemaResp fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
	var identityResp fwresource.IdentitySchemaResponse
	r.IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &identityResp)
	v := address.Version{Package: address.Package{Owner: address.Org("acme"), Type: "container", Name: "web"}, ID: webV3}
	tags := func(tags ...string) types.List {
		l, diags := types.ListValueFrom(ctx, types.StringType, tags)
		if diags.HasError() {
			t.Fatal(diags)
		}
		return l
	}

	for _, tc := range []struct {
		planned, want types.List
	}{
		{planned: tags("1.9.0"), want: tags("1.9.0")},
		{planned: types.ListUnknown(types.StringType), want: tags("1.9.0", "stable")},
	} {
		planned := packageVersionRetentionModelNamed(v)
		planned.Tags = tc.planned
		planned.Name, planned.CreatedAt, planned.UpdatedAt, planned.HTMLURL =
			types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
		plan := tfsdk.Plan{Schema: schemaResp.Schema}
		if diags := plan.Set(ctx, planned); diags.HasError() {
			t.Fatal(diags)
		}
		resp := fwresource.CreateResponse{
			State:    tfsdk.State{Schema: schemaResp.Schema},
			Identity: &tfsdk.ResourceIdentity{Schema: identityResp.IdentitySchema},
		}
		r.Create(ctx, fwresource.CreateRequest{Plan: plan}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		var created packageVersionRetentionModel
		if diags := resp.State.Get(ctx, &created); diags.HasError() {
			t.Fatal(diags)
		}
		if !created.Tags.Equal(tc.want) || created.Name.IsUnknown() || created.UpdatedAt.IsUnknown() {
			t.Errorf("planned tags %s: created tags %s, name %s, updated_at %s; want tags %s and GitHub's name and dates",
				tc.planned, created.Tags, created.Name, created.UpdatedAt, tc.want)
		}
	}
}

// A version that is neither active nor restorable fails the plan, before
// any write, with the reasons a create would give.
func TestAccPackageVersionRetention_unrestorableFailsThePlan(t *testing.T) {
	fake := startFake(t)
	if err := fake.SetVersionDeletedDaysAgo("acme", "container", "web", webV1, 40); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config:      providerConfig(fake, tokenFull) + versionRetentionHCL("old", ownerAcme, "container", "web", webV1),
			PlanOnly:    true,
			ExpectError: expectError(`Cannot restore version 3200000001 .*not among the deleted versions GitHub can restore.*was deleted more than 30 days ago`),
		}},
	})
	if err := requestsSinceStart(fake).writes()(); err != nil {
		t.Errorf("during a plan: %v", err)
	}
}
