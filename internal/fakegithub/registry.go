package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The registry side: what ghcr.io serves for container packages, at the
// same host as the API (a real client is pointed at it with registry_url).
//
//	GET /v2/                                  401 with a Bearer challenge
//	GET registryTokenPath?scope=&service=     basic credentials (password: a token) -> bearer token
//	GET|HEAD /v2/OWNER/NAME/manifests/REF     a manifest by digest or tag
//
// The token endpoint is deliberately not /token: clients must follow the
// challenge's realm, as GitHub Enterprise Server's is not documented.
const registryTokenPath = "/registry/auth/token"

// RegistryRoute is the RequestRecord.Route of registry requests.
const (
	RegistryRoutePing     = "REGISTRY /v2/"
	RegistryRouteToken    = "REGISTRY token"
	RegistryRouteManifest = "REGISTRY manifest"
)

// registryState is the fake registry's own state, under Server.mu.
type registryState struct {
	bearers map[string]registryGrant
	next    int
	// failStatus and failCount make the next failCount manifest requests
	// answer failStatus (SetRegistryFailure).
	failStatus, failCount int
}

type registryGrant struct {
	tok        *token
	repository string
}

func isRegistryPath(p string) bool {
	return p == "/v2" || strings.HasPrefix(p, "/v2/") || p == registryTokenPath
}

// SetRegistryFailure makes the next n manifest requests of the registry
// side answer status (with the registry's JSON error body).
func (s *Server) SetRegistryFailure(status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reg.failStatus, s.reg.failCount = status, n
}

// serveRegistry answers a registry request; the caller holds s.mu.
func (s *Server) serveRegistry(r *http.Request, rec *RequestRecord) *response {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	realm := fmt.Sprintf(`Bearer realm="%s://%s%s",service="%s"`, scheme, r.Host, registryTokenPath, r.Host)
	p := r.URL.Path
	switch p {
	case registryTokenPath:
		rec.Route = RegistryRouteToken
		return s.registryToken(r)
	case "/v2/", "/v2":
		rec.Route = RegistryRoutePing
		resp := registryError(http.StatusUnauthorized, "UNAUTHORIZED", "authentication required")
		resp.header.Set("WWW-Authenticate", realm)
		return resp
	}
	rest := strings.TrimPrefix(p, "/v2/")
	i := strings.LastIndex(rest, "/manifests/")
	if i <= 0 || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return registryError(http.StatusNotFound, "NAME_UNKNOWN", "repository name not known to registry")
	}
	rec.Route = RegistryRouteManifest
	repo, ref := rest[:i], rest[i+len("/manifests/"):]
	bearer, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	grant, ok := s.reg.bearers[bearer]
	if !ok || grant.repository != repo {
		resp := registryError(http.StatusUnauthorized, "UNAUTHORIZED", "authentication required")
		resp.header.Set("WWW-Authenticate", realm+fmt.Sprintf(`,scope="repository:%s:pull"`, repo))
		return resp
	}
	if s.reg.failCount > 0 {
		s.reg.failCount--
		return registryError(s.reg.failStatus, "UNAVAILABLE", http.StatusText(s.reg.failStatus))
	}
	p2, _ := s.registryPackage(repo, grant.tok)
	if p2 == nil {
		return registryError(http.StatusNotFound, "NAME_UNKNOWN", "repository name not known to registry")
	}
	for _, v := range p2.versions {
		if v.deleted() || v.manifest == nil {
			continue
		}
		if v.name == ref || (!strings.HasPrefix(ref, "sha256:") && slices.Contains(v.tags, ref)) {
			resp := newResponse(http.StatusOK)
			resp.header.Set("Content-Type", v.mediaType)
			resp.header.Set("Docker-Content-Digest", v.name)
			resp.header.Set("Docker-Distribution-Api-Version", "registry/2.0")
			resp.header.Set("Content-Length", strconv.Itoa(len(v.manifest)))
			if r.Method == http.MethodGet {
				resp.body = v.manifest
			}
			return resp
		}
	}
	return registryError(http.StatusNotFound, "MANIFEST_UNKNOWN", "manifest unknown")
}

// registryToken is the token endpoint: basic credentials whose password is
// a token the fake knows, and one scope repository:OWNER/NAME:pull of a
// container package the token's user can see.
func (s *Server) registryToken(r *http.Request) *response {
	_, password, ok := r.BasicAuth()
	tok := s.tokens[password]
	if !ok || tok == nil {
		return registryError(http.StatusUnauthorized, "UNAUTHORIZED", "authentication required")
	}
	if tok.kind == KindClassic && !slices.Contains(tok.scopes, "read:packages") {
		return registryError(http.StatusForbidden, "DENIED", "token lacks the read:packages scope")
	}
	scopes := r.URL.Query()["scope"]
	if len(scopes) != 1 {
		return registryError(http.StatusBadRequest, "DENIED", "want exactly one scope")
	}
	repo, ok := strings.CutPrefix(scopes[0], "repository:")
	if !ok || !strings.HasSuffix(repo, ":pull") {
		return registryError(http.StatusBadRequest, "DENIED", "scope must be repository:NAME:pull")
	}
	repo = strings.TrimSuffix(repo, ":pull")
	if p, visible := s.registryPackage(repo, tok); p != nil && !visible {
		return registryError(http.StatusForbidden, "DENIED", "requested access to the resource is denied")
	}
	s.reg.next++
	bearer := fmt.Sprintf("fakeregistry_%d", s.reg.next)
	if s.reg.bearers == nil {
		s.reg.bearers = map[string]registryGrant{}
	}
	s.reg.bearers[bearer] = registryGrant{tok: tok, repository: repo}
	return jsonResponse(http.StatusOK, map[string]any{"token": bearer, "expires_in": 300})
}

// registryPackage finds the active container package at repository path
// OWNER/NAME (lower case) and whether tok's user may read it.
func (s *Server) registryPackage(repository string, tok *token) (*pkg, bool) {
	for _, p := range s.st.packages {
		if p.deleted() || p.typ != "container" {
			continue
		}
		if strings.ToLower(p.owner.login)+"/"+strings.ToLower(p.name) != repository {
			continue
		}
		visible := p.visibility == "public" || p.owner == tok.user ||
			(p.owner.org && p.owner.members[strings.ToLower(tok.user.login)])
		return p, visible
	}
	return nil, false
}

func registryError(status int, code, message string) *response {
	body, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"code": code, "message": message}}})
	resp := newResponse(status)
	resp.header.Set("Content-Type", "application/json")
	resp.body = body
	return resp
}
