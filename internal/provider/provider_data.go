package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// providerData is what Configure hands to data sources and resources: the
// REST client and the container registry client, which shares its retry
// and concurrency stack.
type providerData struct {
	client   *ghclient.Client
	registry *registry.Client
	// deletes lets a version's delete wait for the delete of the index
	// that references it, in the same apply (see delete_references.go).
	deletes *deleteTracker
	// graphs shares package listings and manifest graphs between the
	// reference checks of the process.
	graphs *referenceGraphs
}

// providerDataFrom is the Configure step of every data source, resource,
// list resource and action: it takes what the provider made. nil
// ProviderData means the provider is not configured yet (Terraform validates
// before configuring); the caller keeps a nil client and requireClient
// reports it when used.
func providerDataFrom(data any, diags *diag.Diagnostics) providerData {
	switch d := data.(type) {
	case nil:
		return providerData{}
	case *providerData:
		return *d
	case *ghclient.Client:
		return providerData{client: d}
	}
	diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
	return providerData{}
}

// configuredDataSource, configuredResource and configuredAction are the
// Configure method of each kind of Terraform object, written once: a data
// source, resource, list resource or action embeds the one of its kind and
// reads the client (and the registry client, the delete tracker and the
// reference graphs) from its fields. The three differ only in the
// framework's request and response types.
type (
	configuredDataSource struct{ providerData }
	configuredResource   struct{ providerData }
	configuredAction     struct{ providerData }
)

func (c *configuredDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	c.providerData = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (c *configuredResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c.providerData = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (c *configuredAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	c.providerData = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// requireClient reports a provider that could not be configured because its
// token or base_url depends on a value not known yet.
func requireClient(client *ghclient.Client, diags *diag.Diagnostics) bool {
	if client != nil {
		return true
	}
	diags.AddError("Provider not configured",
		"The ghpackages provider's `token` or `base_url` depends on a value that is not known yet, so it cannot call GitHub. "+
			"Apply what that value comes from first (terraform apply -target=...), or set the value statically or through "+
			"GITHUB_TOKEN / GITHUB_BASE_URL.")
	return false
}

// modelFrom reads an object's model from its plan, state or configuration
// (all have Get), after checking that the provider is configured: every
// CRUD method, read and action that calls GitHub starts so.
func modelFrom[M any](ctx context.Context, client *ghclient.Client, from interface {
	Get(context.Context, any) diag.Diagnostics
}, diags *diag.Diagnostics) (M, bool) {
	var m M
	if !requireClient(client, diags) {
		return m, false
	}
	diags.Append(from.Get(ctx, &m)...)
	return m, !diags.HasError()
}
