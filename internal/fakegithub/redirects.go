package fakegithub

import (
	"net/http"
	"strings"
)

// redirectRule makes the fake answer like a proxy in front of GitHub
// Enterprise Server that moved the API: requests under /api/v3 are
// redirected, and the redirect's target is served normally (the fake also
// serves the API without the prefix), so a client that follows a same-host
// redirect gets the real answer.
type redirectRule struct {
	method string // "" redirects no request; "*" every method
	status int
	to     string // scheme://host the Location points at; "" is the fake itself
}

// SetRedirect makes later requests with method ("*" for any) under /api/v3
// answer status (301, 302, 303, 307 or 308) with a Location of to plus the
// same path without /api/v3 and the same query. to is a scheme and host,
// "http://other.example" say; "" means the fake's own URL. method "" turns
// redirects off. Redirect answers are the edge's, not the API's, so they
// are not checked against the contract; the request is recorded with the
// redirect status.
func (s *Server) SetRedirect(method string, status int, to string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.redirect = redirectRule{method: method, status: status, to: to}
}

// redirectFor returns the redirect answer for r, if the rule covers it.
func (s *Server) redirectFor(r *http.Request) (*response, bool) {
	s.mu.Lock()
	rule, self := s.redirect, s.url
	s.mu.Unlock()
	if rule.method == "" || (rule.method != "*" && rule.method != r.Method) || !strings.HasPrefix(r.URL.Path, ghesPrefix+"/") {
		return nil, false
	}
	to := rule.to
	if to == "" {
		to = self
	}
	location := strings.TrimSuffix(to, "/") + strings.TrimPrefix(r.URL.EscapedPath(), ghesPrefix)
	if r.URL.RawQuery != "" {
		location += "?" + r.URL.RawQuery
	}
	resp := newResponse(rule.status)
	resp.header.Set("Location", location)
	return resp, true
}
