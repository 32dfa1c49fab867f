// Package provider implements the ghpackages Terraform provider: GitHub
// Packages under Terraform, through the GitHub REST API.
package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

var (
	_ provider.Provider                  = &ghpackagesProvider{}
	_ provider.ProviderWithListResources = &ghpackagesProvider{}
	_ provider.ProviderWithActions       = &ghpackagesProvider{}
)

// Defaults of the provider attributes. The schema descriptions print these,
// and Configure uses them, so the two cannot drift apart.
const (
	defaultMaxConcurrentRequests = 4
)

var (
	defaultMaxRetries       = ghclient.DefaultRetryPolicy.MaxRetries
	defaultMaxRateLimitWait = ghclient.DefaultRetryPolicy.MaxRateLimitWait
)

// ghpackagesProvider is the provider. version is set by main from -ldflags
// ("dev" for local builds, "test" in acceptance tests).
type ghpackagesProvider struct {
	version string

	// clientOverrides lets tests shrink backoff waits and plug in a
	// transport; nil in the released provider.
	clientOverrides func(*ghclient.Config)
	// registryOverrides does the same for the container registry client.
	registryOverrides func(*registry.Config)
}

// providerModel is the `provider "ghpackages"` block.
type providerModel struct {
	Token                 types.String         `tfsdk:"token"`
	BaseURL               types.String         `tfsdk:"base_url"`
	MaxRetries            types.Int64          `tfsdk:"max_retries"`
	MaxRateLimitWait      timetypes.GoDuration `tfsdk:"max_rate_limit_wait"`
	MaxConcurrentRequests types.Int64          `tfsdk:"max_concurrent_requests"`
	RegistryURL           types.String         `tfsdk:"registry_url"`
	ManifestCache         types.Bool           `tfsdk:"manifest_cache"`
}

// New returns the provider factory that main and the tests serve.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &ghpackagesProvider{version: version}
	}
}

func (p *ghpackagesProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ghpackages"
	resp.Version = p.version
}

func (p *ghpackagesProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage GitHub Packages (container, npm, maven, nuget, rubygems and docker registries) " +
			"of organizations and users through the GitHub REST API.",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				MarkdownDescription: "GitHub token. When unset, the provider reads `GITHUB_TOKEN`, then `GH_TOKEN`, then asks the " +
					"GitHub CLI (`gh auth token --hostname HOST`). Scopes: `read:packages` to read; `delete:packages` to delete; " +
					"`write:packages` to restore; `repo` as well for repository-scoped registries (maven, nuget, rubygems, docker).",
				Optional:  true,
				Sensitive: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
				},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "GitHub REST API root. Defaults to `GITHUB_BASE_URL`, then `https://api.github.com/`. " +
					"`https://github.com` means github.com; any other host without a path is GitHub Enterprise Server and maps to " +
					"`https://HOST/api/v3/`; an explicit path is kept. `http://` is accepted for local servers.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator()},
			},
			"registry_url": schema.StringAttribute{
				MarkdownDescription: "Container registry root, read for the manifests of `container` packages (multi-arch images, " +
					"attestations, signatures). Defaults to `GITHUB_REGISTRY_URL`, then from `base_url`: `https://ghcr.io` for " +
					"github.com; `https://containers.HOSTNAME` for GitHub Enterprise Server (GitHub documents it for GHES 3.5 and " +
					"later with subdomain isolation; without isolation GHES has no container registry); " +
					"`https://containers.SUBDOMAIN.ghe.com` for `SUBDOMAIN.ghe.com`. `http://` is accepted for local servers. " +
					"The provider authenticates with its own token, following the registry's `WWW-Authenticate` challenge, with " +
					"the pull scope of one package at a time.",
				Optional:   true,
				Validators: []validator.String{registryURLValidator()},
			},
			"manifest_cache": schema.BoolAttribute{
				MarkdownDescription: "Whether manifests read from the registry are also kept on disk, under the user's cache " +
					"directory (`ghpackages-provider/manifests`), for later runs. Manifests are immutable by digest, so the cache " +
					"is content-addressed, never expires, and each entry is checked against its digest when read; a second plan " +
					"then sends no manifest requests for versions seen before. Default `true`.",
				Optional: true,
			},
			"max_retries": boundedCountAttribute("How many times a request is retried after a transient failure (HTTP 500, "+
				"502, 503, 504, connection errors, timeouts) or a rate-limit wait, with exponential backoff and jitter.",
				defaultMaxRetries, 0, 50),
			"max_rate_limit_wait": schema.StringAttribute{
				MarkdownDescription: "The longest the provider waits before retrying, as a Go duration such as `90s` or `10m`: " +
					"for a GitHub rate limit to pass, or for a server error's `Retry-After`. A longer wait fails at once with the " +
					"time asked for. " + fmt.Sprintf("Default `%s`.", shortDuration(defaultMaxRateLimitWait)),
				Optional:   true,
				CustomType: timetypes.GoDurationType{},
				Validators: []validator.String{
					stringvalidator.RegexMatches(regexp.MustCompile(`^[^-]`), "must not be negative"),
				},
			},
			"max_concurrent_requests": boundedCountAttribute("How many requests this provider sends to GitHub at once, across "+
				"all data sources and resources. GitHub asks clients not to send many concurrent requests for one token.",
				defaultMaxConcurrentRequests, 1, 32),
		},
	}
}

func (p *ghpackagesProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// A token or URL that comes from another resource is unknown while
	// planning. As the framework documents, the provider then stays
	// unconfigured (or defers, where Terraform supports deferral), and data
	// sources and resources that need the API say why when they are called.
	if cfg.Token.IsUnknown() || cfg.BaseURL.IsUnknown() || cfg.RegistryURL.IsUnknown() {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
		}
		tflog.Info(ctx, "provider configuration depends on values not known yet; the GitHub client is not configured")
		return
	}

	baseURL := cfg.BaseURL.ValueString()
	if baseURL == "" {
		baseURL = os.Getenv("GITHUB_BASE_URL")
	}
	apiURL, err := ghclient.NormalizeBaseURL(baseURL)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid base_url", "base_url (or GITHUB_BASE_URL) "+err.Error()+".")
		return
	}

	token, source := resolveToken(ctx, cfg.Token.ValueString(), ghclient.WebHost(apiURL))
	if token == "" && source != "" {
		resp.Diagnostics.AddAttributeError(path.Root("token"), "Blank token",
			"The token attribute holds only white space. Give the token itself, or leave the attribute out to use "+
				"GITHUB_TOKEN, GH_TOKEN or the GitHub CLI.")
		return
	}
	if token == "" {
		resp.Diagnostics.AddAttributeError(path.Root("token"), "No GitHub token", noTokenDetail(ghclient.WebHost(apiURL)))
		return
	}
	tflog.Info(ctx, "GitHub token found", map[string]any{"source": source, "base_url": apiURL})

	clientCfg, diags := p.clientConfig(cfg, apiURL, token)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	client, err := ghclient.New(withOverrides(clientCfg, p.clientOverrides))
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the GitHub client", err.Error())
		return
	}

	registryURL, err := resolveRegistryURL(cfg.RegistryURL.ValueString(), os.Getenv("GITHUB_REGISTRY_URL"), client.BaseURL())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("registry_url"), "Invalid registry_url", "registry_url (or GITHUB_REGISTRY_URL) "+err.Error()+".")
		return
	}
	regCfg := registry.Config{
		URL:       registryURL,
		Token:     token,
		Transport: client.SharedTransport(),
		CacheDir:  registry.DefaultCacheDir(),
	}
	if !cfg.ManifestCache.IsNull() && !cfg.ManifestCache.IsUnknown() && !cfg.ManifestCache.ValueBool() {
		regCfg.CacheDir = ""
	}
	reg, err := registry.New(withOverrides(regCfg, p.registryOverrides))
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the container registry client", err.Error())
		return
	}
	tflog.Info(ctx, "container registry", map[string]any{"registry_url": reg.URL(), "manifest_cache": regCfg.CacheDir != ""})

	data := &providerData{client: client, registry: reg, deletes: newDeleteTracker(), graphs: newReferenceGraphs()}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.ListResourceData = data
	resp.ActionData = data
}

// boundedCountAttribute is an optional whole-number setting of the provider:
// its description ends with the default, from the constant the client uses,
// and validation refuses what is outside [lowest, highest].
func boundedCountAttribute(description string, def, lowest, highest int) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("%s Default `%d`.", description, def),
		Optional:            true,
		Validators:          []validator.Int64{int64validator.Between(int64(lowest), int64(highest))},
	}
}

// clientConfig is the GitHub client's configuration: the provider's
// defaults, and what the configuration sets of max_retries,
// max_concurrent_requests and max_rate_limit_wait.
func (p *ghpackagesProvider) clientConfig(cfg providerModel, apiURL, token string) (ghclient.Config, diag.Diagnostics) {
	clientCfg := ghclient.Config{
		BaseURL:               apiURL,
		Token:                 token,
		UserAgent:             "terraform-provider-ghpackages/" + p.version,
		Retry:                 ghclient.DefaultRetryPolicy,
		MaxConcurrentRequests: defaultMaxConcurrentRequests,
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		clientCfg.Retry.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	}
	if !cfg.MaxConcurrentRequests.IsNull() && !cfg.MaxConcurrentRequests.IsUnknown() {
		clientCfg.MaxConcurrentRequests = int(cfg.MaxConcurrentRequests.ValueInt64())
	}
	if !cfg.MaxRateLimitWait.IsNull() && !cfg.MaxRateLimitWait.IsUnknown() {
		d, diags := cfg.MaxRateLimitWait.ValueGoDuration() // valid: the type validated it
		if diags.HasError() {
			return clientCfg, diags
		}
		clientCfg.Retry.MaxRateLimitWait = d
	}
	return clientCfg, nil
}

// withOverrides applies a test's hook (clientOverrides, registryOverrides)
// to a configuration before the client is made from it.
func withOverrides[C any](cfg C, overrides func(*C)) C {
	if overrides != nil {
		overrides(&cfg)
	}
	return cfg
}

// resolveRegistryURL picks the container registry: registry_url, else
// GITHUB_REGISTRY_URL, else the registry that goes with the REST API root.
func resolveRegistryURL(configured, env, apiURL string) (string, error) {
	switch {
	case configured != "":
		return registry.NormalizeURL(configured)
	case env != "":
		return registry.NormalizeURL(env)
	}
	return registry.DefaultURL(apiURL)
}

func (p *ghpackagesProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewPackageVersionRetentionResource,
		NewPackageRetentionResource,
	}
}

// ListResources are for `terraform query` (Terraform 1.14+): one for each
// resource, under its name.
func (p *ghpackagesProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewPackageVersionRetentionListResource,
		NewPackageRetentionListResource,
	}
}

// Actions are one-shot operations (Terraform 1.14+).
func (p *ghpackagesProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewDeletePackageVersionsAction,
	}
}

func (p *ghpackagesProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewPackagesDataSource,
		NewPackageDataSource,
		NewVersionsDataSource,
		NewVersionDataSource,
		NewDockerConflictsDataSource,
		NewRetentionPolicyDataSource,
	}
}

// shortDuration prints a duration as a user writes it: "5m", not "5m0s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
