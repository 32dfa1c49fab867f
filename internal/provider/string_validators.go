package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/retention"
)

// parsedBy is a string validator that accepts what parse accepts. Each use
// passes the very function that later reads the value, so that what passes
// validation is what the provider will use. (terraform-plugin-framework-
// validators has no URL, RE2, duration-with-days or timestamp validator.)
type parsedBy struct {
	description string // "must be ...", for docs and the default message
	summary     string // the diagnostic's summary, e.g. "Invalid base_url"
	parse       func(string) error
	// detail writes the diagnostic's detail; nil: "Attribute PATH ERR.".
	detail func(p path.Path, value string, err error) string
}

var _ validator.String = parsedBy{}

func (v parsedBy) Description(context.Context) string { return v.description }

func (v parsedBy) MarkdownDescription(context.Context) string { return v.description }

func (v parsedBy) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if err := v.parse(value); err != nil {
		detail := fmt.Sprintf("Attribute %s %s.", req.Path, err)
		if v.detail != nil {
			detail = v.detail(req.Path, value, err)
		}
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, detail)
	}
}

// baseURLValidator checks base_url with the function that maps it to the
// API root.
func baseURLValidator() validator.String {
	return parsedBy{
		description: "must be an http(s) URL such as https://github.com or https://ghe.example.com",
		summary:     "Invalid base_url",
		parse:       func(s string) error { _, err := ghclient.NormalizeBaseURL(s); return err },
		detail: func(p path.Path, _ string, err error) string {
			return fmt.Sprintf("Attribute %s %s. Examples: https://github.com (the default), https://ghe.example.com (GitHub Enterprise Server).", p, err)
		},
	}
}

// registryURLValidator checks registry_url with registry.NormalizeURL.
func registryURLValidator() validator.String {
	return parsedBy{
		description: "must be the registry's root URL, such as https://ghcr.io or https://containers.ghe.example.com",
		summary:     "Invalid registry_url",
		parse:       func(s string) error { _, err := registry.NormalizeURL(s); return err },
		detail: func(p path.Path, _ string, err error) string {
			return fmt.Sprintf("Attribute %s %s. Examples: https://ghcr.io (github.com), https://containers.ghe.example.com (GitHub Enterprise Server).", p, err)
		},
	}
}

// regexValidator checks an RE2 regular expression with the function that
// compiles it for the keep rules.
func regexValidator() validator.String {
	return parsedBy{
		description: "must be an RE2 regular expression (https://github.com/google/re2/wiki/Syntax)",
		summary:     "Invalid regular expression",
		parse:       func(s string) error { _, err := regexp.Compile(s); return err },
		detail:      regexDetail,
	}
}

// regexDetail explains a regular expression that does not compile; the
// keep rules' reading of a list uses it too.
func regexDetail(p path.Path, value string, err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "error parsing regexp") {
		msg = msg[i+2:]
	}
	return fmt.Sprintf("Attribute %s must be an RE2 regular expression (https://github.com/google/re2/wiki/Syntax), got: %q (%s). "+
		"Lookarounds and backreferences are not RE2; in HCL, write a backslash as \\\\.", p, value, msg)
}

// ageValidator checks a duration with retention.ParseAge, which the keep
// rules use.
func ageValidator() validator.String {
	return parsedBy{
		description: "must be " + retention.AgeSyntax,
		summary:     "Invalid duration",
		parse:       func(s string) error { _, err := retention.ParseAge(s); return err },
	}
}

// rfc3339Validator checks a timestamp such as the policy's `now`.
func rfc3339Validator() validator.String {
	return parsedBy{
		description: rfc3339Rule,
		summary:     rfc3339Summary,
		parse:       func(s string) error { _, err := time.Parse(time.RFC3339, s); return err },
		detail:      func(p path.Path, value string, _ error) string { return rfc3339Detail(p, value) },
	}
}

// rfc3339Rule, rfc3339Summary and rfc3339Detail say what a timestamp
// attribute accepts: in its validator, and in the read that parses it.
const (
	rfc3339Rule    = `must be an RFC 3339 timestamp such as "2026-06-01T12:00:00Z"`
	rfc3339Summary = "Invalid timestamp"
)

func rfc3339Detail(p path.Path, value string) string {
	return fmt.Sprintf("Attribute %s %s (with a time zone: Z or +01:00; timestamp() gives one), got: %q.", p, rfc3339Rule, value)
}
