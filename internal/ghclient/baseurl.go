package ghclient

import (
	"fmt"
	"net/url"
	"strings"
)

// DefaultBaseURL is the REST API of github.com.
const DefaultBaseURL = "https://api.github.com/"

// NormalizeBaseURL turns what a user writes in `base_url` into the REST API
// root, with a trailing slash as go-github requires:
//
//   - "" and https://github.com (or www.github.com, api.github.com) -> https://api.github.com/
//   - SUBDOMAIN.ghe.com (GitHub Enterprise Cloud with data residency) -> https://api.SUBDOMAIN.ghe.com/
//   - any other host without a path (GitHub Enterprise Server) -> https://HOST/api/v3/
//   - an explicit path is kept as written (plus a trailing slash)
//
// http:// is accepted for local servers such as the project's fake GitHub.
func NormalizeBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return DefaultBaseURL, nil
	}
	u, err := ParseServiceURL(raw)
	if err != nil {
		return "", err
	}
	host := strings.ToLower(u.Hostname())
	if u.Path == "" || u.Path == "/" {
		switch {
		case host == "github.com" || host == "www.github.com" || host == "api.github.com":
			return DefaultBaseURL, nil
		case strings.HasSuffix(host, ".ghe.com") && !strings.HasPrefix(host, "api."):
			u.Host = "api." + u.Host
			u.Path = "/"
		case strings.HasPrefix(host, "api."):
			u.Path = "/"
		default:
			u.Path = "/api/v3/"
		}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), nil
}

// WebHost returns the host name that the gh CLI knows the server by
// (`gh auth token --hostname HOST`): github.com for api.github.com, the
// enterprise host otherwise.
func WebHost(apiBaseURL string) string {
	u, err := url.Parse(apiBaseURL)
	if err != nil {
		return "github.com"
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case host == "api.github.com":
		return "github.com"
	case strings.HasPrefix(host, "api.") && strings.HasSuffix(host, ".ghe.com"):
		return strings.TrimPrefix(host, "api.")
	default:
		return u.Host
	}
}

// ParseServiceURL applies the rules that base_url and registry_url share: an
// absolute http(s) URL with a host name, and no credentials, query or
// fragment (a token in a URL would end up in logs and state). http:// is
// for local servers such as the project's fake GitHub.
func ParseServiceURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: %v", raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("%q must start with https:// (or http:// for a local server)", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host name", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not contain credentials, a query or a fragment", raw)
	}
	return u, nil
}
