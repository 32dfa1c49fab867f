package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

var (
	_ action.Action                     = &deletePackageVersionsAction{}
	_ action.ActionWithConfigure        = &deletePackageVersionsAction{}
	_ action.ActionWithModifyPlan       = &deletePackageVersionsAction{}
	_ action.ActionWithConfigValidators = &deletePackageVersionsAction{}
)

// planPreviewLength is how many versions the plan-time warning names.
const planPreviewLength = 10

// NewDeletePackageVersionsAction is ghpackages_delete_package_versions: a
// one-shot deletion of the versions of a package that the keep rules of
// ghpackages_retention_policy (internal/retention) do not keep.
func NewDeletePackageVersionsAction() action.Action {
	return &deletePackageVersionsAction{}
}

type deletePackageVersionsAction struct {
	configuredAction
}

type deletePackageVersionsModel struct {
	policyInputModel
	MaxDeletions types.Int64 `tfsdk:"max_deletions"`
	DryRun       types.Bool  `tfsdk:"dry_run"`
}

func (a *deletePackageVersionsAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_delete_package_versions"
}

// actionRetentionRuleAttributes are the keep rules of
// retention_rules_schema.go, action flavour: the same descriptions and
// validators.
func actionRetentionRuleAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"keep_newest":          schema.Int64Attribute{MarkdownDescription: keepNewestDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newest_tagged":   schema.Int64Attribute{MarkdownDescription: keepNewestTaggedDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newest_untagged": schema.Int64Attribute{MarkdownDescription: keepNewestUntaggedDescription, Optional: true, Validators: keepCountValidators()},
		"keep_newer_than":      schema.StringAttribute{MarkdownDescription: keepNewerThanDescription, Optional: true, Validators: []validator.String{ageValidator()}},
		"keep_tags": schema.ListAttribute{MarkdownDescription: keepTagsDescription, Optional: true, ElementType: types.StringType,
			Validators: keepRegexListValidators()},
		"keep_names": schema.ListAttribute{MarkdownDescription: keepNamesDescription, Optional: true, ElementType: types.StringType,
			Validators: keepRegexListValidators()},
		"keep_version_ids": schema.ListAttribute{MarkdownDescription: keepVersionIDsDescription + " Pass the ids that retention " +
			"resources of the same configuration keep (for example `[for v in ghpackages_package_version_retention.window : v.package_version_id]`, " +
			"or a `ghpackages_retention_policy`'s `keep_ids`), so that the action never deletes what they keep.",
			Optional: true, ElementType: types.Int64Type, Validators: keepVersionIDsValidators()},
	}
}

func (a *deletePackageVersionsAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := actionPackageAttributes()
	maps.Copy(attrs, actionRetentionRuleAttributes())
	attrs["max_deletions"] = schema.Int64Attribute{
		MarkdownDescription: "Safety cap: the action deletes nothing, and fails, when the keep rules would delete more versions " +
			"than this. At least 1.",
		Required:   true,
		Validators: []validator.Int64{int64validator.AtLeast(1)},
	}
	attrs["manifests"] = schema.BoolAttribute{MarkdownDescription: manifestsDescription, Optional: true}
	attrs["dry_run"] = schema.BoolAttribute{
		MarkdownDescription: "`true` reports what would be deleted (one progress message per version) and deletes nothing. Default `false`.",
		Optional:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Deletes, once, the active versions of a package that the keep rules do not keep: old versions " +
			"that predate a retention policy, or a registry that only needs pruning (Terraform 1.14 and later). The keep rules are " +
			"those of `ghpackages_retention_policy`, with the same meaning; as there, the newest version is always kept, since " +
			"GitHub refuses to delete a package's last version.\n\n" +
			"`terraform plan -invoke=action.ghpackages_delete_package_versions.NAME` is the preview: a warning says how many " +
			"versions would go and names the first ones. `terraform apply -invoke=...`, or an `action_trigger` in a resource's " +
			"`lifecycle`, runs it: the versions are listed and the rules applied again, each deletion is reported as it happens, " +
			"GitHub's refusals (public versions with more than 5,000 downloads) are reported per version without stopping the " +
			"others, and the action fails at the end if any deletion failed. Deleted versions can be restored for 30 days.\n\n" +
			"The action does not look at the state: a version that a retention resource of the same configuration keeps is " +
			"deleted unless the keep rules keep it too. So pass the ids that those resources (or a `ghpackages_retention_policy`'s " +
			"`keep_ids`) keep in `keep_version_ids`, as in the example.",
		Attributes: attrs,
	}
}

func (a *deletePackageVersionsAction) ConfigValidators(context.Context) []action.ConfigValidator {
	return []action.ConfigValidator{keepRulesRequired{}}
}

// ModifyPlan is the preview: how many versions would go, and the first ones.
func (a *deletePackageVersionsAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	if !req.Config.Raw.IsFullyKnown() || a.client == nil {
		// Known at apply, when Invoke decides with the same rules.
		return
	}
	m, ok := modelFrom[deletePackageVersionsModel](ctx, a.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	p, plan, ok := a.decide(ctx, m, &resp.Diagnostics)
	if !ok {
		return
	}
	if len(plan.delete) == 0 {
		resp.Diagnostics.AddWarning(fmt.Sprintf("No version of %s to delete", p),
			fmt.Sprintf("The keep rules keep all %d active versions of %s.", plan.total, p))
		return
	}
	if checkCap(m, p, plan, &resp.Diagnostics) {
		return
	}
	verb := "would delete"
	if m.DryRun.ValueBool() {
		verb = "would delete (dry_run = true: it will only report them)"
	}
	resp.Diagnostics.AddWarning(fmt.Sprintf("ghpackages_delete_package_versions %s %d of %d versions of %s", verb, len(plan.delete), plan.total, p),
		fmt.Sprintf("Versions to delete, newest first:\n%s", plan.preview(planPreviewLength)))
}

func (a *deletePackageVersionsAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	m, ok := modelFrom[deletePackageVersionsModel](ctx, a.client, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	// Listed and decided again: versions may have come and gone since the plan.
	p, plan, ok := a.decide(ctx, m, &resp.Diagnostics)
	if !ok || checkCap(m, p, plan, &resp.Diagnostics) {
		return
	}
	progress := func(format string, args ...any) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
		}
	}
	if m.DryRun.ValueBool() {
		for _, v := range plan.delete {
			progress("dry run: would delete %s", describeVersion(v))
		}
		progress("dry run: %d of %d versions of %s would be deleted; nothing was deleted", len(plan.delete), plan.total, p)
		return
	}

	failures, attempted, throttled := a.deleteAll(ctx, p, plan.delete, func(v ghclient.Version, err error) {
		if err == nil {
			progress("deleted %s", describeVersion(v))
		} else {
			progress("NOT deleted %s: %v", describeVersion(v), err)
		}
	})
	progress("deleted %d of %d versions of %s (%d kept, %d failed, %d not attempted)", attempted-len(failures), len(plan.delete), p,
		plan.total-len(plan.delete), len(failures), len(plan.delete)-attempted)
	tflog.Info(ctx, "deleted package versions", map[string]any{"package": p.String(), "deleted": attempted - len(failures), "of": len(plan.delete)})
	if throttled != nil {
		// One diagnostic for the limit, not one per version it stopped.
		summary, detail := explainAPIError(opDelete, p, throttled)
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nGitHub's rate limit stopped the deletions after %d of the %d versions to "+
			"delete (%d failed, %d not attempted). GitHub throttles deletions (about 1,000 per 30 minutes); invoke the action "+
			"again after the wait, and it goes on with what is left.", detail, attempted-len(failures), len(plan.delete),
			len(failures), len(plan.delete)-attempted))
		return
	}
	for _, f := range failures {
		addAPIError(&resp.Diagnostics, opDelete, address.Version{Package: p, ID: f.version.ID}, f.err)
	}
	if attempted < len(plan.delete) {
		resp.Diagnostics.AddError(fmt.Sprintf("Deletion of versions of %s interrupted", p),
			fmt.Sprintf("%d of the %d versions to delete were not attempted (%v). Invoke the action again to go on.",
				len(plan.delete)-attempted, len(plan.delete), ctx.Err()))
	}
}

// deletionPlan is what the keep rules decided about a package's versions.
type deletionPlan struct {
	total  int
	delete []ghclient.Version // newest first
}

func (d deletionPlan) preview(n int) string {
	var b strings.Builder
	for i, v := range d.delete {
		if i == n {
			fmt.Fprintf(&b, "  ... and %d more\n", len(d.delete)-n)
			break
		}
		fmt.Fprintf(&b, "  - %s\n", describeVersion(v))
	}
	return b.String()
}

// describeVersion names a version by name, tags and id.
func describeVersion(v ghclient.Version) string {
	tags := "untagged"
	if len(v.Tags) > 0 {
		tags = "tags " + strings.Join(v.Tags, ", ")
	}
	return fmt.Sprintf("%s (%s; id %d, created %s)", v.Name, tags, v.ID, v.CreatedAt)
}

// decide lists the package's active versions and applies the keep rules,
// as ghpackages_retention_policy does.
func (a *deletePackageVersionsAction) decide(ctx context.Context, m deletePackageVersionsModel, diags *diag.Diagnostics) (address.Package, deletionPlan, bool) {
	p := m.pkg()
	list, result, ok := m.apply(ctx, a.providerData, time.Now().UTC(), diags)
	if !ok {
		return p, deletionPlan{}, false
	}
	byID := make(map[int64]ghclient.Version, len(list))
	for _, v := range list {
		byID[v.ID] = v
	}
	plan := deletionPlan{total: len(list)}
	for _, id := range result.Delete {
		plan.delete = append(plan.delete, byID[id])
	}
	return p, plan, true
}

// checkCap refuses a deletion larger than max_deletions; true when it did.
func checkCap(m deletePackageVersionsModel, p address.Package, plan deletionPlan, diags *diag.Diagnostics) bool {
	limit := m.MaxDeletions.ValueInt64()
	if int64(len(plan.delete)) <= limit {
		return false
	}
	diags.AddAttributeError(path.Root("max_deletions"), "More versions to delete than max_deletions",
		fmt.Sprintf("The keep rules would delete %d of the %d active versions of %s, more than max_deletions = %d, so nothing is "+
			"deleted. Check the rules; if they are right, raise max_deletions to at least %d. The first ones:\n%s",
			len(plan.delete), plan.total, p, limit, len(plan.delete), plan.preview(planPreviewLength)))
	return true
}

type deletionFailure struct {
	version ghclient.Version
	err     error
}

// deleteAll deletes the versions, as many at once as the client sends
// requests at once, and calls done (from this goroutine) after each. It
// returns the failures and how many versions it attempted (fewer than all
// when ctx is cancelled); a version already gone counts as deleted.
//
// GitHub throttles deletions harder than other requests (about 1,000 per 30
// minutes). The client waits out each throttle answer within
// max_rate_limit_wait; a delete that still fails with a rate limit means
// the wait is longer than that, and the limit is the token's, so no further
// delete is started: the caller reports how far it got (throttled).
func (a *deletePackageVersionsAction) deleteAll(ctx context.Context, p address.Package, versions []ghclient.Version, done func(ghclient.Version, error)) (failures []deletionFailure, attempted int, throttled error) {
	feed, stopFeeding := context.WithCancel(ctx)
	defer stopFeeding()
	var throttledOnce sync.Once
	work := make(chan ghclient.Version)
	outcomes := make(chan deletionFailure) // err nil: deleted
	var wg sync.WaitGroup
	for range max(1, min(a.client.MaxConcurrentRequests(), len(versions))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range work {
				err := a.client.DeleteVersion(ctx, address.Version{Package: p, ID: v.ID})
				if errors.Is(err, ghclient.ErrNotFound) {
					err = nil
				}
				if errors.Is(err, ghclient.ErrRateLimited) {
					throttledOnce.Do(func() { throttled = err; stopFeeding() })
				}
				outcomes <- deletionFailure{v, err}
			}
		}()
	}
	go func() {
		defer close(work)
		for _, v := range versions {
			select {
			case work <- v:
			case <-feed.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(outcomes)
	}()
	seen := 0
	for o := range outcomes {
		seen++
		done(o.version, o.err)
		if o.err != nil {
			failures = append(failures, o)
		}
		if seen%100 == 0 {
			tflog.Info(ctx, "deleting package versions", map[string]any{"package": p.String(), "done": seen, "of": len(versions)})
		}
	}
	return failures, seen, throttled
}
