package registry

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// DefaultGitHubURL is the container registry of github.com.
const DefaultGitHubURL = "https://ghcr.io"

// DefaultURL is the container registry that goes with a REST API root as
// ghclient.NormalizeBaseURL returns it:
//
//   - https://api.github.com/ -> https://ghcr.io
//   - https://api.SUBDOMAIN.ghe.com/ -> https://containers.SUBDOMAIN.ghe.com
//   - https://HOST/api/v3/ or another path (GitHub Enterprise Server) -> https://containers.HOST,
//     GitHub's documented URL for GHES 3.5 and later with subdomain
//     isolation; a server without it has no container registry
//   - any other URL (a local server) -> the same scheme and host: the
//     project's fake GitHub serves the registry beside the API.
func DefaultURL(apiBaseURL string) (string, error) {
	u, err := url.Parse(apiBaseURL)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%q is not an API URL", apiBaseURL)
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case host == "api.github.com":
		return DefaultGitHubURL, nil
	case strings.HasPrefix(host, "api.") && strings.HasSuffix(host, ".ghe.com"):
		return "https://containers." + strings.TrimPrefix(host, "api."), nil
	case u.Scheme == "http":
		return "http://" + u.Host, nil
	default:
		// GitHub Enterprise Server, at /api/v3/ or at a path of its own.
		return "https://containers." + strings.TrimPrefix(u.Host, "api."), nil
	}
}

// NormalizeURL checks a registry_url and returns it as scheme://host[:port]
// without a trailing slash. http:// is accepted for local servers.
func NormalizeURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := ghclient.ParseServiceURL(raw)
	if err != nil {
		return "", err
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		return "", fmt.Errorf("%q must be the registry's root, without a path (found %q)", raw, u.Path)
	}
	return u.Scheme + "://" + strings.ToLower(u.Host), nil
}

// RepositoryPath is where the registry keeps a container package: the
// owner and package name in lower case, a package name with "/" keeping its
// slashes ("Acme" and "Team/App" -> "acme/team/app").
func RepositoryPath(owner, packageName string) string {
	return strings.ToLower(owner) + "/" + strings.ToLower(packageName)
}
