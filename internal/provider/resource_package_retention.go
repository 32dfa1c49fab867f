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
	return &packageRetentionResource{}
}

type packageRetentionResource struct {
	configuredResource
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

func (r *packageRetentionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = packageIdentitySchema()
}

func (r *packageRetentionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ok := modelFrom[packageRetentionModel](ctx, r.client, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	p := plan.pkg()
	got, ok := adoptOrRestore(ctx, p,
		func(ctx context.Context) (ghclient.Package, error) { return r.client.GetPackage(ctx, p) },
		func(ctx context.Context, diags *diag.Diagnostics) bool { return r.restore(ctx, p, diags) },
		&resp.Diagnostics)
	if !ok {
		return
	}

	plan.ID = types.StringValue(p.ImportID())
	plan.fill(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, packageAddressModelOf(p))...)
}

func (r *packageRetentionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := modelFrom[packageRetentionModel](ctx, r.client, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	p := state.pkg()
	if !identityFirst(ctx, resp, packageAddressModelOf(p)) {
		return
	}
	got, ok := readOrForget(ctx, p, func(ctx context.Context) (ghclient.Package, error) { return r.client.GetPackage(ctx, p) }, resp)
	if !ok {
		return
	}
	if recorded := state.PackageID.ValueInt64(); recorded != 0 && got.ID != recorded {
		// The resource is bound to the package it adopted, not to whatever
		// package has the name now. Taking the new id here would let a
		// destroy delete a package that no plan named.
		addPackageReplacedWarning(&resp.Diagnostics, p, recorded, got.ID,
			"Terraform forgets the resource; the next plan shows it being created, which adopts the new package openly.")
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(p.ImportID())
	state.fill(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update changes nothing on GitHub; see updateInPlace.
func (r *packageRetentionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateInPlace(ctx, req, resp, func(m packageRetentionModel) any { return packageAddressModelOf(m.pkg()) })
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
	case state.PackageID.ValueInt64() != 0 && got.ID != state.PackageID.ValueInt64():
		addPackageReplacedWarning(&resp.Diagnostics, p, state.PackageID.ValueInt64(), got.ID,
			"The new package was not deleted. Terraform forgets the resource, as destroying it asked; delete the new "+
				"package yourself if it must go.")
		return
	}
	_ = deleteTolerantly(ctx, p, func(ctx context.Context) error { return r.client.DeletePackage(ctx, p) }, &resp.Diagnostics)
}

// restore brings back a package that GET does not find. GitHub answers 404
// to a restore it cannot do, without saying why.
func (r *packageRetentionResource) restore(ctx context.Context, p address.Package, diags *diag.Diagnostics) bool {
	err := r.client.RestorePackage(ctx, p)
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

func (r *packageRetentionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	p, ok := importedPackage(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	// Read fills in the rest, or removes the resource when GitHub has no
	// such active package, which Terraform reports as nothing to import.
	state := packageRetentionModel{packageAddressModel: packageAddressModelOf(p), ID: types.StringValue(p.ImportID())}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, packageAddressModelOf(p))...)
}

// fill sets the computed attributes from what GitHub answered, converted
// as the data sources convert it.
func (m *packageRetentionModel) fill(got ghclient.Package) {
	p := packageModelFrom(got)
	m.PackageID = p.ID
	m.Visibility = p.Visibility
	m.VersionCount = p.VersionCount
	m.HTMLURL = p.HTMLURL
	m.Repository = p.Repository
}
