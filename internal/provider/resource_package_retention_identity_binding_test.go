package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// A ghpackages_package_retention is bound to the package it adopted (its
// package_id), not to whatever package has the name: GitHub addresses
// packages by name, and a package deleted and published anew under the
// same name is another package.

const clientLibID = fakegithub.AcmeClientLibPackageID // acme npm "client-lib"

// republish deletes acme's npm client-lib behind Terraform's back and
// publishes a new package under the same name, as a CI pipeline would.
func republish(t *testing.T, fake *fakegithub.Server) int64 {
	t.Helper()
	if err := fake.DeletePackageOutOfBand("acme", "npm", "client-lib"); err != nil {
		t.Fatal(err)
	}
	fake.PushVersion("acme", "npm", "client-lib", fakegithub.SeedVersion{Name: "9.0.0"})
	p, ok := fake.Package("acme", "npm", "client-lib")
	if !ok || p.Deleted || p.ID == clientLibID {
		t.Fatalf("republished package: %+v", p)
	}
	return p.ID
}

// Refresh: the new package is not silently taken over. The resource leaves
// the state with a warning, and the plan shows a create, which adopts the
// new package openly (no write on GitHub).
func TestAccPackageRetention_republishedUnderSameName(t *testing.T) {
	fake := startFake(t)
	const name = "ghpackages_package_retention.lib"
	config := providerConfig(fake, tokenFull) + packageRetentionHCL("lib", ownerAcme, "npm", "client-lib")
	var newID int64
	adoption := newRequestWindow(fake)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []tfresource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{stateValue(name, "package_id", knownvalue.Int64Exact(clientLibID))},
			},
			{
				PreConfig: func() { newID = republish(t, fake); adoption.open() },
				Config:    config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					adoption.writes(),
					stateValue(name, "package_id", knownvalue.Int64Func(func(v int64) error {
						if v != newID || v == clientLibID {
							return fmt.Errorf("package_id %d, want the new package's %d", v, newID)
						}
						return nil
					})),
				},
			},
		},
	})
}

// Delete: when the name has another id than the state records (deleted and
// republished between the last refresh and the destroy), nothing is
// deleted, and the warning says why. The resource's Delete is called
// directly: a terraform destroy refreshes first, which already catches it.
func TestPackageRetentionDelete_refusesAnotherPackage(t *testing.T) {
	for _, republished := range []bool{false, true} {
		fake := fakegithub.Start(t, fakegithub.DefaultSeed())
		client, err := ghclient.New(ghclient.Config{BaseURL: fake.URL(), Token: tokenFull, Retry: ghclient.DefaultRetryPolicy})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		r := NewPackageRetentionResource().(*packageRetentionResource)
		r.client = client
		var schemaResp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
		state := tfsdk.State{Schema: schemaResp.Schema}
		p := address.Package{Owner: address.Org("acme"), Type: "npm", Name: "client-lib"}
		model := packageRetentionModel{
			packageAddressModel: packageAddressModelOf(p),
			ID:                  types.StringValue(p.ImportID()),
			PackageID:           types.Int64Value(clientLibID),
			Visibility:          types.StringNull(), VersionCount: types.Int64Null(), HTMLURL: types.StringNull(), Repository: types.StringNull(),
		}
		if diags := state.Set(ctx, model); diags.HasError() {
			t.Fatal(diags)
		}
		var newID int64
		if republished {
			newID = republish(t, fake)
		}
		deletion := openRequestWindow(fake)

		var resp resource.DeleteResponse
		r.Delete(ctx, resource.DeleteRequest{State: state}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("republished=%v: %v", republished, resp.Diagnostics)
		}
		current, _ := fake.Package("acme", "npm", "client-lib")
		if !republished {
			if err := deletion.writes(ownerAcme.route("DELETE", packageRoute))(); err != nil || !current.Deleted {
				t.Errorf("the managed package was not deleted: %v, %+v", err, current)
			}
			continue
		}
		if err := deletion.writes()(); err != nil || current.Deleted {
			t.Errorf("the new package %d was deleted: %v", newID, err)
		}
		warnings := resp.Diagnostics.Warnings()
		if len(warnings) != 1 || !strings.Contains(warnings[0].Detail(), "id 2500000103") ||
			!strings.Contains(warnings[0].Detail(), "id "+strconv.FormatInt(newID, 10)) || !strings.Contains(warnings[0].Detail(), "was not deleted") {
			t.Errorf("warnings %v: want one naming both ids and that nothing was deleted", warnings)
		}
	}
}
