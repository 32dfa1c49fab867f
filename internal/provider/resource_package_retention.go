package provider

import (
	"context"
	"errors"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ resource.Resource                = &packageRetentionResource{}
	_ resource.ResourceWithConfigure   = &packageRetentionResource{}
	_ resource.ResourceWithImportState = &packageRetentionResource{}
	_ resource.ResourceWithIdentity    = &packageRetentionResource{}
)

// NewPackageRetentionResource is ghpackages_package_retention: one package
// kept on GitHub for as long as the resource exists.
func NewPackageRetentionResource() resource.Resource {
	r := &packageRetentionResource{}
	r.kind = packageRetention
	return r
}

type packageRetentionResource struct {
	retentionResource[address.Package, ghclient.Package, packageRetentionModel]
}

// packageRetention is how ghpackages_package_retention reads, restores and
// stores a package; resource_retention.go applies the shared rules with it.
// A package is always read afresh: an owner has few.
var packageRetention = retentionKind[address.Package, ghclient.Package, packageRetentionModel]{
	object:         packageRetentionModel.pkg,
	named:          packageRetentionModelNamed,
	filled:         packageRetentionModel.filled,
	identity:       func(p address.Package) any { return packageAddressModelOf(p) },
	identitySchema: packageIdentitySchema,
	imported:       importedPackage,
	get:            (*ghclient.Client).GetPackage,
	refresh:        (*ghclient.Client).GetPackage,
	restore:        restorePackage,
	replaced: func(state packageRetentionModel, got ghclient.Package, diags *diag.Diagnostics) bool {
		// The resource is bound to the package it adopted, not to whatever
		// package has the name now. Taking the new id here would let a
		// destroy delete a package that no plan named.
		return state.replacedBy(got, diags,
			"Terraform forgets the resource; the next plan shows it being created, which adopts the new package openly.")
	},
}

type packageRetentionModel struct {
	packageAddressModel
	ID           types.String `tfsdk:"id"`
	PackageID    types.Int64  `tfsdk:"package_id"`
	Visibility   types.String `tfsdk:"visibility"`
	VersionCount types.Int64  `tfsdk:"version_count"`
	HTMLURL      types.String `tfsdk:"html_url"`
	Repository   types.String `tfsdk:"repository"`
}

func (r *packageRetentionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package_retention"
}

func (r *packageRetentionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// As for ghpackages_package_version_retention: every argument forces
	// replacement, so the plan may always carry the state's computed values.
	keepString := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepInt64 := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The import ID: `orgs/ORG/TYPE/NAME`, `users/USER/TYPE/NAME` or `user/TYPE/NAME`.",
			Computed:            true,
			PlanModifiers:       keepString,
		},
		"package_id": schema.Int64Attribute{
			MarkdownDescription: "GitHub's numeric id of the package. A package deleted and then published anew under the same name has a new id.",
			Computed:            true,
			PlanModifiers:       keepInt64,
		},
		"visibility":    schema.StringAttribute{MarkdownDescription: "`public`, `private` or `internal`.", Computed: true, PlanModifiers: keepString},
		"version_count": schema.Int64Attribute{MarkdownDescription: "How many active versions the package has.", Computed: true, PlanModifiers: keepInt64},
		"html_url":      schema.StringAttribute{MarkdownDescription: "The package's page on GitHub.", Computed: true, PlanModifiers: keepString},
		"repository": schema.StringAttribute{
			MarkdownDescription: "The linked repository (`owner/name`); null when the package is linked to none.",
			Computed:            true,
			PlanModifiers:       keepString,
		},
	}
	maps.Copy(attrs, resourcePackageAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Keeps a whole package on GitHub for as long as the resource exists.\n\n" +
			"Creating the resource adopts the package when it is active (no change on GitHub) and restores it when it was " +
			"deleted. GitHub restores a package only within 30 days of its deletion, and only while no new package has taken its " +
			"name. Destroying the resource deletes the package with all its versions. If the package is deleted outside " +
			"Terraform, the next plan shows it being created again, which restores it.\n\n" +
			"GitHub refuses to delete public packages with more than 5,000 downloads.\n\n" +
			"The token needs `read:packages`, plus `write:packages` to restore and `delete:packages` to delete " +
			"(and `repo` for maven, nuget, rubygems and docker packages).",
		Attributes: attrs,
	}
}

func (r *packageRetentionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := modelFrom[packageRetentionModel](ctx, r.client, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	p := state.pkg()
	// GitHub deletes by name. Confirm first, with a fresh GET, that the
	// name still belongs to the package this resource manages: one deleted
	// and published anew since the last refresh is another package.
	got, err := r.client.GetPackage(ctx, p)
	switch {
	case errors.Is(err, ghclient.ErrNotFound):
		addAlreadyDeletedWarning(&resp.Diagnostics, p, err)
		return
	case err != nil:
		// The framework keeps the resource in state after an error.
		addAPIError(&resp.Diagnostics, opRead, p, err)
		return
	case state.replacedBy(got, &resp.Diagnostics, "The new package was not deleted. Terraform forgets the resource, as "+
		"destroying it asked; delete the new package yourself if it must go."):
		return
	}
	_ = deleteTolerantly(ctx, p, func(ctx context.Context) error { return r.client.DeletePackage(ctx, p) }, &resp.Diagnostics)
}

// restorePackage brings back a package that GET does not find. GitHub
// answers 404 to a restore it cannot do, without saying why.
func restorePackage(ctx context.Context, client *ghclient.Client, p address.Package, diags *diag.Diagnostics) bool {
	err := client.RestorePackage(ctx, p)
	if errors.Is(err, ghclient.ErrNotFound) {
		addCannotRestorePackageError(diags, p, err)
		return false
	}
	if err != nil {
		addAPIError(diags, opRestore, p, err)
		return false
	}
	return true
}

// packageRetentionModelNamed is the state of a package before GitHub's
// answer: its address and import ID.
func packageRetentionModelNamed(p address.Package) packageRetentionModel {
	return packageRetentionModel{packageAddressModel: packageAddressModelOf(p), ID: types.StringValue(p.ImportID())}
}

// filled sets the import ID and the computed attributes from what GitHub
// answered, converted as the data sources convert it.
func (m packageRetentionModel) filled(p address.Package, got ghclient.Package) packageRetentionModel {
	g := packageModelFrom(got)
	m.ID = types.StringValue(p.ImportID())
	m.PackageID, m.Visibility, m.VersionCount, m.HTMLURL, m.Repository = g.ID, g.Visibility, g.VersionCount, g.HTMLURL, g.Repository
	return m
}

// replacedBy tells whether GitHub's package under the name is another
// package than the one the state records (deleted and published anew), and
// then adds a warning that ends with what Terraform does about it.
func (m packageRetentionModel) replacedBy(got ghclient.Package, diags *diag.Diagnostics, outcome string) bool {
	recorded := m.PackageID.ValueInt64()
	if recorded == 0 || got.ID == recorded {
		return false
	}
	addPackageReplacedWarning(diags, m.pkg(), recorded, got.ID, outcome)
	return true
}
