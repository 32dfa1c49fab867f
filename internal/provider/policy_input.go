package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/retention"
)

// policyInputModel is what a retention policy is applied to and with: a
// package, its keep rules, and whether the manifest graph is read. The
// ghpackages_retention_policy data source and the
// ghpackages_delete_package_versions action both embed it, and decide with
// its apply, so that the two never disagree on which versions go.
type policyInputModel struct {
	packageAddressModel
	retentionRulesModel
	Manifests types.Bool `tfsdk:"manifests"`
}

// apply lists the package's active versions and applies the keep rules at
// now, with the package's manifest graph when `manifests` asks for it. ok
// is false when it added an error to diags.
func (m policyInputModel) apply(ctx context.Context, pd providerData, now time.Time, diags *diag.Diagnostics) (list []ghclient.Version, result retention.Result, ok bool) {
	pkg := m.pkg()
	rules, ruleDiags := m.rules(ctx)
	if diags.Append(ruleDiags...); diags.HasError() {
		return nil, result, false
	}
	list, err := pd.client.ListVersions(ctx, pkg, defaultVersionState)
	if err != nil {
		addAPIError(diags, opRead, pkg, err)
		return nil, result, false
	}
	versions, err := retentionVersions(list)
	if err != nil {
		diags.AddError(fmt.Sprintf("Cannot apply the keep rules to %s", pkg), err.Error())
		return nil, result, false
	}
	evaluator := retention.Evaluator{Rules: rules}
	if wantManifests(m.Manifests, pkg.Type) {
		g, ok := readManifestGraph(ctx, pd.client, pd.registry, pkg, list, diags)
		if !ok {
			return nil, result, false
		}
		evaluator.Companions = newManifestCompanions(g)
		versions = withoutCosignTags(versions, g)
	}
	result = evaluator.Evaluate(versions, now)
	if len(result.UnknownIDs) > 0 {
		diags.AddAttributeWarning(path.Root("keep_version_ids"), "keep_version_ids names versions that are not there",
			fmt.Sprintf("%s has no active version with the id(s) %s: they keep nothing. A deleted version can be restored with a "+
				"ghpackages_package_version_retention resource for it.", pkg, joinIDs(result.UnknownIDs)))
	}
	return list, result, true
}

// retentionVersions is what the rules need of GitHub's listing.
func retentionVersions(list []ghclient.Version) ([]retention.Version, error) {
	out := make([]retention.Version, 0, len(list))
	for _, v := range list {
		created, err := time.Parse(time.RFC3339, v.CreatedAt)
		if err != nil {
			// Never guess an age: a guess could delete a new version.
			return nil, fmt.Errorf("GitHub listed version %d with created_at %q, which is not an RFC 3339 timestamp: "+
				"the policy cannot tell its age, and decides nothing", v.ID, v.CreatedAt)
		}
		updated, _ := time.Parse(time.RFC3339, v.UpdatedAt)
		out = append(out, retention.Version{ID: v.ID, Name: v.Name, Tags: v.Tags, CreatedAt: created, UpdatedAt: updated})
	}
	return out, nil
}
