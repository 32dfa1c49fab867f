package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// The two retention resources keep one object on GitHub (a package, or a
// version) for as long as they exist, and follow the same rules. Each rule
// is written here once, with its reason; the resource files hold only what
// is their own (how to read, restore and delete their object).

// adoptOrRestore is Create's decision. GitHub answers 404 for a deleted
// object as for one that never existed, so only a restore tells them apart:
// an active object is adopted without a change on GitHub, anything else is
// restored (restore adds its own error when GitHub cannot), then read back.
// get must be a fresh read: a write never decides on a snapshot.
func adoptOrRestore[T any](ctx context.Context, s subject, get func(context.Context) (T, error),
	restore func(context.Context, *diag.Diagnostics) bool, diags *diag.Diagnostics) (T, bool) {
	var none T
	got, err := get(ctx)
	switch {
	case err == nil:
		tflog.Info(ctx, s.Noun()+" is active: adopted without a change on GitHub", map[string]any{"what": s.String()})
		return got, true
	case errors.Is(err, ghclient.ErrNotFound):
		if !restore(ctx, diags) {
			return none, false
		}
		tflog.Info(ctx, s.Noun()+" restored", map[string]any{"what": s.String()})
		if got, err = get(ctx); err != nil {
			addReadBackError(diags, s, err)
			return none, false
		}
		return got, true
	default:
		addAPIError(diags, opRead, s, err)
		return none, false
	}
}

// readOrForget is Read's rule: an object GitHub no longer has leaves the
// state, so that the next plan shows it being created, which restores it.
// Any other failure is an error, and the state stays as it was.
func readOrForget[T any](ctx context.Context, s subject, get func(context.Context) (T, error), resp *resource.ReadResponse) (T, bool) {
	got, err := get(ctx)
	if errors.Is(err, ghclient.ErrNotFound) {
		tflog.Warn(ctx, s.Noun()+" is gone from GitHub: removed from state, so that the next plan restores it",
			map[string]any{"what": s.String()})
		resp.State.RemoveResource(ctx)
		return got, false
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, s, err)
		return got, false
	}
	return got, true
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

// identityFirst sets the resource identity at the start of Read: the
// framework wants one even from a Read that removes the resource, and state
// written by Terraform before 1.12 has none yet.
func identityFirst(ctx context.Context, resp *resource.ReadResponse, identity any) bool {
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identity)...)
	return !resp.Diagnostics.HasError()
}

// updateInPlace is Update for both resources, which has nothing to do on
// GitHub: every argument forces replacement, and the plan holds the state's
// computed values.
func updateInPlace[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse, identity func(M) any) {
	var plan M
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, identity(plan))...)
}
