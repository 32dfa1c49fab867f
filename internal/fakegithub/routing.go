package fakegithub

import (
	"net/url"
	"strings"
)

// ghesPrefix is where GitHub Enterprise Server serves the REST API; the fake
// answers there too so clients configured with a GHES base URL can be tested.
const ghesPrefix = "/api/v3"

// match is where a request path landed.
type match struct {
	tmpl *routeTemplate // nil when no operation of the contract matches
	// params holds the decoded path parameters: a package name sent as
	// "team%2Fapp" is "team/app" here.
	params map[string]string
	// prefix is ghesPrefix when the request came in under it; answers keep it
	// in the URLs they hand out.
	prefix string
	// ownerByID is set for the /organizations/{id}/... and /user/{id}/...
	// aliases that GitHub puts in Link headers: params["org"] or
	// params["username"] then hold the owner's numeric id, not its login.
	ownerByID bool
	// contractPath is the escaped path as the contract knows it: no GHES
	// prefix and aliases rewritten to /orgs/{id} and /users/{id}.
	contractPath string
	// rest is the escaped path after the owner part ("packages", "npm",
	// "name"...), from which Link headers are built.
	rest []string
}

// matchRoute finds the operation for method and the request's escaped path.
// The path is split before unescaping so that "%2F" inside a package name
// stays inside its segment, as GitHub requires.
func matchRoute(routes []*routeTemplate, method, escapedPath string) match {
	m := match{}
	p := escapedPath
	if p == ghesPrefix || strings.HasPrefix(p, ghesPrefix+"/") {
		m.prefix = ghesPrefix
		p = strings.TrimPrefix(p, ghesPrefix)
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if len(segs) >= 2 && isDigits(segs[1]) {
		switch segs[0] {
		case "organizations":
			segs[0], m.ownerByID = "orgs", true
		case "user":
			segs[0], m.ownerByID = "users", true
		}
	}
	m.contractPath = "/" + strings.Join(segs, "/")

	for _, t := range routes {
		if t.method != method || len(t.segs) != len(segs) {
			continue
		}
		if params, ok := matchSegments(t.segs, segs); ok {
			m.tmpl, m.params = t, params
			m.rest = segs[2:]
			if t.owner == userRoute {
				m.rest = segs[1:]
			}
			return m
		}
	}
	return m
}

func matchSegments(tmpl, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, ts := range tmpl {
		if name, ok := strings.CutPrefix(ts, "{"); ok {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			params[strings.TrimSuffix(name, "}")] = v
			continue
		}
		if ts != segs[i] {
			return nil, false
		}
	}
	return params, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
