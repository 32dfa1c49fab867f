package provider

import (
	"context"
	"errors"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ resource.Resource                = &packageVersionRetentionResource{}
	_ resource.ResourceWithConfigure   = &packageVersionRetentionResource{}
	_ resource.ResourceWithImportState = &packageVersionRetentionResource{}
	_ resource.ResourceWithIdentity    = &packageVersionRetentionResource{}
	_ resource.ResourceWithModifyPlan  = &packageVersionRetentionResource{}
)

// NewPackageVersionRetentionResource is ghpackages_package_version_retention:
// one package version kept on GitHub for as long as the resource exists.
func NewPackageVersionRetentionResource() resource.Resource {
	r := &packageVersionRetentionResource{}
	r.kind = versionRetention
	return r
}

type packageVersionRetentionResource struct {
	retentionResource[address.Version, ghclient.Version, packageVersionRetentionModel]
}

// versionRetention is how ghpackages_package_version_retention reads,
// restores and stores a version; resource_retention.go applies the shared
// rules with it. A refresh may be answered from a snapshot of the package's
// versions (300 resources of one package cost a listing, not 300 GETs);
// Create and Delete never are. A version id is never reused, so a version
// cannot be replaced under its name.
var versionRetention = retentionKind[address.Version, ghclient.Version, packageVersionRetentionModel]{
	object:         packageVersionRetentionModel.version,
	named:          packageVersionRetentionModelNamed,
	filled:         packageVersionRetentionModel.filled,
	identity:       func(v address.Version) any { return versionIdentityOf(v) },
	identitySchema: versionIdentitySchema,
	imported:       importedVersion,
	get:            (*ghclient.Client).GetVersion,
	refresh:        (*ghclient.Client).RefreshVersion,
	restore:        restoreVersion,
	keepPlanned:    packageVersionRetentionModel.keepPlannedValues,
}

type packageVersionRetentionModel struct {
	packageAddressModel
	PackageVersionID types.Int64  `tfsdk:"package_version_id"`
	ID               types.String `tfsdk:"id"`
	Name             types.String `tfsdk:"name"`
	Tags             types.List   `tfsdk:"tags"`
	CreatedAt        types.String `tfsdk:"created_at"`
	UpdatedAt        types.String `tfsdk:"updated_at"`
	HTMLURL          types.String `tfsdk:"html_url"`
	// AllowDeleteReferenced turns off the check that a container version
	// is no platform image of an active tagged index.
	AllowDeleteReferenced types.Bool `tfsdk:"allow_delete_referenced"`
}

func (m packageVersionRetentionModel) version() address.Version {
	return address.Version{Package: m.pkg(), ID: m.PackageVersionID.ValueInt64()}
}

func (r *packageVersionRetentionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package_version_retention"
}

func (r *packageVersionRetentionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	// Every argument forces replacement, so an instance is never updated in
	// place: its computed values change only when Read refreshes them, and
	// the plan may always carry the values of the state.
	keepString := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attrs := map[string]schema.Attribute{
		"package_version_id": resourceVersionIDAttribute(),
		"id": schema.StringAttribute{
			MarkdownDescription: "The import ID: `orgs/ORG/TYPE/NAME/VERSION_ID`, `users/USER/TYPE/NAME/VERSION_ID` or `user/TYPE/NAME/VERSION_ID`.",
			Computed:            true,
			PlanModifiers:       keepString,
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The version's name: the version number for npm, maven, rubygems and nuget, the image digest for container and docker.",
			Computed:            true,
			PlanModifiers:       keepString,
		},
		"tags": schema.ListAttribute{
			MarkdownDescription: "The image's tags (container and docker); empty for untagged images and the other package types.",
			ElementType:         types.StringType,
			Computed:            true,
			PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
		},
		"created_at": schema.StringAttribute{MarkdownDescription: "When the version was published (RFC 3339).", Computed: true, PlanModifiers: keepString},
		"updated_at": schema.StringAttribute{MarkdownDescription: "When the version last changed (RFC 3339).", Computed: true, PlanModifiers: keepString},
		"html_url":   schema.StringAttribute{MarkdownDescription: "The version's page on GitHub.", Computed: true, PlanModifiers: keepString},
		"allow_delete_referenced": schema.BoolAttribute{
			MarkdownDescription: "For a `container` version: let destroying this resource delete the version even when an " +
				"active tagged index (a multi-arch image) of the same package still references it as a platform image, " +
				"attestation manifest or nested index. Default `false`: the delete is refused, with the index, its tags and " +
				"the platform named, unless the index is deleted in the same apply. The check reads the package's manifests " +
				"from `registry_url`. Destroy uses the value in the state, so set it to `true` and apply before destroying. " +
				"Changing it changes nothing on GitHub.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
		},
	}
	maps.Copy(attrs, resourcePackageAttributes())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Keeps one version of a package on GitHub for as long as the resource exists.\n\n" +
			"Creating the resource adopts the version when it is active (no change on GitHub) and restores it when it was deleted. " +
			"GitHub restores a version only within 30 days of its deletion, and only while no active version of the package has " +
			"the same name. Destroying the resource deletes the version. If the version is deleted outside Terraform, the next plan " +
			"shows it being created again, which restores it.\n\n" +
			"The plan of a create shows what it keeps: the version's `name`, `tags` and `created_at`, read at plan time (for a " +
			"restore, the name and creation time; its tags may have moved on). A version that is neither active nor restorable " +
			"fails the plan. Terraform plans each instance once more as it applies: if a tag of the version moved since the plan, " +
			"that instance stops with \"Provider produced inconsistent final plan\" and nothing is done for it; plan again.\n\n" +
			"For a `container` package, destroying the resource refuses to delete a version that an active tagged index " +
			"(a multi-arch image) of the package still references: a platform image, a buildx attestation manifest or a nested " +
			"index. Deleting it would break `docker pull` of the index's tags. The delete goes ahead when the index is deleted " +
			"in the same apply: the version's delete waits for the index's. The plan of such a destroy warns, naming the index. " +
			"`allow_delete_referenced` turns the check off.\n\n" +
			"GitHub refuses to delete the last version of a package (delete the package with `ghpackages_package_retention` instead) " +
			"and public versions with more than 5,000 downloads.\n\n" +
			"The token needs `read:packages`, plus `write:packages` to restore and `delete:packages` to delete " +
			"(and `repo` for maven, nuget, rubygems and docker packages).",
		Attributes: attrs,
	}
}

// restoreVersion brings back a version that GET does not find. GitHub
// answers 404 to a restore it cannot do, without saying why; the package is
// looked at to tell a deleted package (whose versions cannot be restored on
// their own) from a version past restoring.
func restoreVersion(ctx context.Context, client *ghclient.Client, v address.Version, diags *diag.Diagnostics) bool {
	err := client.RestoreVersion(ctx, v)
	if err == nil {
		return true
	}
	if !errors.Is(err, ghclient.ErrNotFound) {
		addAPIError(diags, opRestore, v, err)
		return false
	}
	_, pkgErr := client.GetPackage(ctx, v.Package)
	addCannotRestoreVersionError(diags, v, err, errors.Is(pkgErr, ghclient.ErrNotFound))
	return false
}

// ModifyPlan shows what a create will keep: the version's name, tags and
// dates, read at plan time, instead of "(known after apply)", so that a
// reviewer sees "keep 3200000004 (latest, 2.0.0)". Reads go through the same
// snapshots as refresh (300 creates of one package cost a listing, not 300
// GETs); Create still decides on a fresh GET. A version that is neither
// active nor restorable fails the plan, with the reasons Create would give.
// A version whose package is itself gone is left to Create: another
// resource of the same apply may restore the package first.
func (r *packageVersionRetentionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() && !req.State.Raw.IsNull() && r.client != nil && r.registry != nil {
		r.modifyDestroyPlan(ctx, req, resp)
		return
	}
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.client == nil {
		return // destroy, update (values come from the state), or no client yet
	}
	var plan packageVersionRetentionModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() || !plan.addressKnown() {
		return
	}
	v := plan.version()
	plan.ID = types.StringValue(v.ImportID())
	got, err := r.client.RefreshVersion(ctx, v)
	switch {
	case err == nil:
		// An adopt: nothing changes on GitHub but who manages the version.
		// updated_at stays unknown: it moves when a tag does.
		plan.planFrom(got, true)
	case errors.Is(err, ghclient.ErrNotFound):
		deleted, findErr := r.client.FindDeletedVersion(ctx, v)
		switch {
		case findErr == nil:
			// A restore: tags stay unknown, as a tag may have moved on to
			// another version while this one was deleted.
			plan.planFrom(deleted, false)
		case errors.Is(findErr, ghclient.ErrNotFound) && versionMissing(findErr):
			addNotRestorableVersionError(&resp.Diagnostics, v, findErr)
			return
		case errors.Is(findErr, ghclient.ErrNotFound):
			// The package is gone: Create decides, after what the apply
			// restores first.
		default:
			addAPIError(&resp.Diagnostics, opRead, v, findErr)
			return
		}
	default:
		addAPIError(&resp.Diagnostics, opRead, v, err)
		return
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// modifyDestroyPlan warns, for a container version, when the destroy will
// be refused because an active tagged index references the version.
func (r *packageVersionRetentionResource) modifyDestroyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state packageVersionRetentionModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	if state.PackageType.ValueString() != "container" || state.AllowDeleteReferenced.ValueBool() {
		return
	}
	warnReferencedDestroy(ctx, r.client, r.registry, r.graphs, state.version(), &resp.Diagnostics)
}

func (r *packageVersionRetentionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, ok := modelFrom[packageVersionRetentionModel](ctx, r.client, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	v := state.version()
	tracker := r.deletes
	if tracker == nil {
		tracker = newDeleteTracker()
	}
	// Registered before anything is sent, so that the deletes of the
	// children of an index in the same apply can wait for this one.
	entry := tracker.start(v)
	if v.Package.Type == "container" && !state.AllowDeleteReferenced.ValueBool() {
		if r.registry == nil || !checkReferences(ctx, r.client, r.registry, r.graphs, tracker, v, &resp.Diagnostics) {
			if r.registry == nil {
				resp.Diagnostics.AddError("No container registry client", "This is a bug in the provider.")
			}
			entry.finish(errors.New("refused"))
			return
		}
	}
	err := deleteTolerantly(ctx, v, func(ctx context.Context) error { return r.client.DeleteVersion(ctx, v) }, &resp.Diagnostics)
	entry.finish(err)
	deleted, started := tracker.progress(err)
	tflog.Info(ctx, "package version deletes of this run", map[string]any{"deleted": deleted, "started": started})
	if errors.Is(err, ghclient.ErrRateLimited) {
		addDeletesStoppedWarning(&resp.Diagnostics, deleted, started)
	}
}

// packageVersionRetentionModelNamed is the state of a version before
// GitHub's answer: its address and import ID, and the default of
// allow_delete_referenced.
func packageVersionRetentionModelNamed(v address.Version) packageVersionRetentionModel {
	return packageVersionRetentionModel{
		packageAddressModel:   packageAddressModelOf(v.Package),
		PackageVersionID:      types.Int64Value(v.ID),
		ID:                    types.StringValue(v.ImportID()),
		Tags:                  types.ListNull(types.StringType),
		AllowDeleteReferenced: types.BoolValue(false),
	}
}

// filled sets the import ID and the computed attributes from what GitHub
// answered, converted as the data sources convert it (versionModelFrom).
func (m packageVersionRetentionModel) filled(v address.Version, got ghclient.Version) packageVersionRetentionModel {
	g := versionModelFrom(got)
	m.ID = types.StringValue(v.ImportID())
	m.Tags, m.Name, m.CreatedAt, m.UpdatedAt, m.HTMLURL = g.Tags, g.Name, g.CreatedAt, g.UpdatedAt, g.HTMLURL
	return m
}

// addressKnown tells whether the plan knows which version it is about
// (for_each over values known only after apply leaves it unknown).
func (m packageVersionRetentionModel) addressKnown() bool {
	for _, v := range []types.String{m.Org, m.User, m.PackageType, m.PackageName} {
		if v.IsUnknown() {
			return false
		}
	}
	return !m.PackageVersionID.IsUnknown()
}

// planFrom sets the values that a create will not change: the name and the
// creation time always; the tags and page only for an active version.
func (m *packageVersionRetentionModel) planFrom(got ghclient.Version, active bool) {
	v := versionModelFrom(got)
	m.Name, m.CreatedAt = v.Name, v.CreatedAt
	if active {
		m.HTMLURL, m.Tags = v.HTMLURL, v.Tags
	}
}

// keepPlannedValues puts back into a created instance the values its plan
// showed. Terraform requires a create to keep every planned known value;
// a tag that moved between the final plan and Create's read is read by the
// next refresh. (A move before the final plan makes terraform stop the
// instance with "inconsistent final plan": see the schema's description.)
func (m packageVersionRetentionModel) keepPlannedValues(planned packageVersionRetentionModel) packageVersionRetentionModel {
	if !planned.Name.IsUnknown() {
		m.Name = planned.Name
	}
	if !planned.Tags.IsUnknown() {
		m.Tags = planned.Tags
	}
	if !planned.CreatedAt.IsUnknown() {
		m.CreatedAt = planned.CreatedAt
	}
	if !planned.HTMLURL.IsUnknown() {
		m.HTMLURL = planned.HTMLURL
	}
	return m
}
