package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
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
