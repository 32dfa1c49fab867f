package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// The two retention resources keep one object on GitHub (a package, or a
// version) for as long as they exist, and follow the same rules. Each rule
// is written here once, with its reason, in retentionResource: the
// skeleton both resources embed. A resource's own file holds only what is
// its own: its schema, its retentionKind (how its object is read, restored
// and stored) and its Delete.

// retentionKind is what sets one retention resource apart: A is the address
// of the object it keeps (address.Package or address.Version), G GitHub's
// answer for it, M the resource's model.
type retentionKind[A subject, G, M any] struct {
	// object is the address that the model's arguments name.
	object func(M) A
	// named is the state an import starts from: the address and the import
	// ID, with the computed attributes null until Read fills them in.
	named func(A) M
	// filled sets the import ID and the computed attributes of a model from
	// GitHub's answer, converted as the data sources convert it; the
	// arguments stay as they are.
	filled func(M, A, G) M

	identity       func(A) any
	identitySchema func() identityschema.Schema
	// imported reads the address from an import ID or an identity (see
	// resource_retention_identity.go).
	imported func(context.Context, resource.ImportStateRequest, *diag.Diagnostics) (A, bool)

	// get reads the object afresh; refresh may answer from a snapshot of
	// the package's listing (it serves Read only).
	get, refresh func(*ghclient.Client, context.Context, A) (G, error)
	// restore brings back an object that get does not find, and adds its
	// own error when GitHub cannot.
	restore func(context.Context, *ghclient.Client, A, *diag.Diagnostics) bool

	// keepPlanned, when set, puts back into a created model the known values
	// its plan showed: Terraform requires a create to keep each of them.
	keepPlanned func(created, planned M) M
	// replaced, when set, tells from GitHub's answer that the name the state
	// holds now belongs to another object; it adds the warning, and Read
	// forgets the resource.
	replaced func(M, G, *diag.Diagnostics) bool
}

// retentionResource is the Configure, Create, Read, Update, ImportState and
// IdentitySchema of a retention resource, for its kind.
type retentionResource[A subject, G, M any] struct {
	configuredResource
	kind retentionKind[A, G, M]
}

func (r *retentionResource[A, G, M]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.kind.identitySchema()
}

// Create adopts or restores. GitHub answers 404 for a deleted object as for
// one that never existed, so only a restore tells them apart: an active
// object is adopted without a change on GitHub, anything else is restored
// (restore adds its own error when GitHub cannot), then read back. Create
// decides on a fresh read: a write never decides on a snapshot.
func (r *retentionResource[A, G, M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ok := modelFrom[M](ctx, r.client, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	a := r.kind.object(plan)
	got, err := r.kind.get(r.client, ctx, a)
	switch {
	case err == nil:
		tflog.Info(ctx, a.Noun()+" is active: adopted without a change on GitHub", map[string]any{"what": a.String()})
	case errors.Is(err, ghclient.ErrNotFound):
		if !r.kind.restore(ctx, r.client, a, &resp.Diagnostics) {
			return
		}
		tflog.Info(ctx, a.Noun()+" restored", map[string]any{"what": a.String()})
		if got, err = r.kind.get(r.client, ctx, a); err != nil {
			addReadBackError(&resp.Diagnostics, a, err)
			return
		}
	default:
		addAPIError(&resp.Diagnostics, opRead, a, err)
		return
	}
	created := r.kind.filled(plan, a, got)
	if r.kind.keepPlanned != nil {
		created = r.kind.keepPlanned(created, plan)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, created)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, r.kind.identity(a))...)
}

// Read refreshes. An object GitHub no longer has leaves the state, so that
// the next plan shows it being created, which restores it. Any other
// failure is an error, and the state stays as it was.
func (r *retentionResource[A, G, M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := modelFrom[M](ctx, r.client, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	a := r.kind.object(state)
	// The identity comes first: the framework wants one even from a Read
	// that removes the resource, and state written by Terraform before 1.12
	// has none yet.
	if resp.Diagnostics.Append(resp.Identity.Set(ctx, r.kind.identity(a))...); resp.Diagnostics.HasError() {
		return
	}
	got, err := r.kind.refresh(r.client, ctx, a)
	switch {
	case errors.Is(err, ghclient.ErrNotFound):
		tflog.Warn(ctx, a.Noun()+" is gone from GitHub: removed from state, so that the next plan restores it",
			map[string]any{"what": a.String()})
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, opRead, a, err)
		return
	case r.kind.replaced != nil && r.kind.replaced(state, got, &resp.Diagnostics):
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.kind.filled(state, a, got))...)
}

// Update has nothing to do on GitHub: every argument that names the object
// forces replacement, and the plan holds the state's computed values.
func (r *retentionResource[A, G, M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan M
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, r.kind.identity(r.kind.object(plan)))...)
}

// ImportState stores the address; Read fills in the rest, or removes the
// resource when GitHub has no such active object, which Terraform reports
// as nothing to import.
func (r *retentionResource[A, G, M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	a, ok := r.kind.imported(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, r.kind.named(a))...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, r.kind.identity(a))...)
}

// deleteTolerantly is Delete's rule: what GitHub no longer has was deleted
// outside Terraform, which is what destroying the resource asked for, so a
// 404 is a warning and Terraform forgets the resource. After any other
// error the framework keeps the resource in state. It returns the error of
// the delete, nil when the object is gone.
func deleteTolerantly(ctx context.Context, s subject, del func(context.Context) error, diags *diag.Diagnostics) error {
	err := del(ctx)
	switch {
	case errors.Is(err, ghclient.ErrNotFound):
		addAlreadyDeletedWarning(diags, s, err)
		return nil
	case err != nil:
		addAPIError(diags, opDelete, s, err)
	}
	return err
}
