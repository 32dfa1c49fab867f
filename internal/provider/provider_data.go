package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// clientFromProviderData is the Configure step of every data source and
// resource: it takes the client the provider made. nil ProviderData means the
// provider is not configured yet (Terraform validates before configuring);
// the caller keeps a nil client and requireClient reports it when used.
func clientFromProviderData(data any, diags *diag.Diagnostics) *ghclient.Client {
	if data == nil {
		return nil
	}
	client, ok := data.(*ghclient.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *ghclient.Client, got %T. This is a bug in the provider.", data))
		return nil
	}
	return client
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
