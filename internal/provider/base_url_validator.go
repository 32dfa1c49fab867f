package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// baseURLValidator checks base_url at validate time with the very function
// that maps it to the API root, so that what passes validation is what the
// client will use. (The validators library has no URL validator.)
type baseURLValidator struct{}

var _ validator.String = baseURLValidator{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an http(s) URL such as https://github.com or https://ghe.example.com"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := ghclient.NormalizeBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base_url",
			fmt.Sprintf("Attribute %s %s. Examples: https://github.com (the default), https://ghe.example.com (GitHub Enterprise Server).", req.Path, err))
	}
}

// registryURLValidator checks registry_url with registry.NormalizeURL.
type registryURLValidator struct{}

var _ validator.String = registryURLValidator{}

func (registryURLValidator) Description(context.Context) string {
	return "must be the registry's root URL, such as https://ghcr.io or https://containers.ghe.example.com"
}

func (v registryURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (registryURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := registry.NormalizeURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid registry_url",
			fmt.Sprintf("Attribute %s %s. Examples: https://ghcr.io (github.com), https://containers.ghe.example.com (GitHub Enterprise Server).", req.Path, err))
	}
}
