package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

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

// providerDataOf is what the provider shares beyond the REST client (the
// registry client, the delete tracker, the reference graphs); all nil while
// the provider is not configured.
func providerDataOf(data any) providerData {
	if d, ok := data.(*providerData); ok {
		return *d
	}
	return providerData{}
}

// clientFromProviderData is the Configure step of every data source and
// resource: it takes the client the provider made. nil ProviderData means the
// provider is not configured yet (Terraform validates before configuring);
// the caller keeps a nil client and requireClient reports it when used.
func clientFromProviderData(data any, diags *diag.Diagnostics) *ghclient.Client {
	if data == nil {
		return nil
	}
	switch d := data.(type) {
	case *providerData:
		return d.client
	case *ghclient.Client:
		return d
	}
	diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
	return nil
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
