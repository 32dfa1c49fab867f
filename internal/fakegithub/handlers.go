package fakegithub

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Error messages GitHub is known to send, word for word where known.
const (
	msgPackageNotFound = "Package not found."
	msgVersionNotFound = "Package version not found."
	msgLastVersion     = "You cannot delete the last tagged version of a package. You must delete the package instead."
	msgPopularVersion  = "Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance."
	msgPopularPackage  = "Publicly visible packages with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance."
	msgNotAdmin        = "You do not have permission to administer this package."
	msgIntegration     = "Resource not accessible by integration"
	msgInvalidArgument = "Invalid argument."
)

// maxDeletableDownloads is the download count above which GitHub refuses
// to delete a public package or version.
const maxDeletableDownloads = 5000

// handle answers a request; the caller holds s.mu.
func (s *Server) handle(r *http.Request, m match, requestID string) *response {
	if m.tmpl == nil {
		return jsonResponse(http.StatusNotFound, basicError{Message: "Not Found", DocumentationURL: docsRoot})
	}
	value, ok := credentials(r)
	if !ok {
		return jsonResponse(http.StatusUnauthorized, basicError{Message: "Requires authentication", DocumentationURL: docsRoot})
	}
	tok := s.tokens[value]
	if tok == nil {
		return jsonResponse(http.StatusUnauthorized, basicError{Message: "Bad credentials", DocumentationURL: docsRoot})
	}
	now := s.clock()
	b := s.primary.bucket(tok.value, now)
	resp := s.rateLimited(r, m, tok, b, now, requestID)
	// Only classic tokens have scopes; GitHub sends no X-OAuth-Scopes for
	// app installation tokens or fine-grained tokens.
	if tok.kind == KindClassic {
		resp.header.Set("X-OAuth-Scopes", strings.Join(tok.scopes, ", "))
	}
	resp.header.Set("X-Accepted-OAuth-Scopes", strings.Join(requiredScopes(r.Method, m.params["package_type"]), ", "))
	s.primary.setHeaders(resp.header, b)
	return resp
}

// rateLimited applies the rate limits and conditional requests around the
// operation itself.
func (s *Server) rateLimited(r *http.Request, m match, tok *token, b *bucket, now time.Time, requestID string) *response {
	if s.primary.exhausted(b) {
		return primaryLimitResponse(tok.user.id)
	}
	if resp, limited := s.secondary.next(requestID); limited {
		return resp
	}
	if r.Method == http.MethodDelete {
		if resp, throttled := s.deletes.next(tok.value, now, requestID); throttled {
			return resp
		}
	}
	resp := s.authorized(r, m, tok, now)
	if r.Method == http.MethodGet && resp.status == http.StatusOK {
		tag := etag(resp.body)
		resp.header.Set("ETag", tag)
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatches(inm, tag) {
			// GitHub does not count a 304 against the primary limit.
			notModified := newResponse(http.StatusNotModified)
			notModified.header.Set("ETag", tag)
			return notModified
		}
	}
	b.used++
	return resp
}

// authorized checks what the token may do, then runs the operation.
func (s *Server) authorized(r *http.Request, m match, tok *token, now time.Time) *response {
	switch tok.kind {
	case KindApp:
		return errorResponse(http.StatusForbidden, msgIntegration)
	case KindActions:
		if m.tmpl.owner == orgRoute && m.tmpl.op == "GET /packages" {
			return errorResponse(http.StatusBadRequest, msgInvalidArgument)
		}
	}
	if msg := missingScopeMessage(tok.scopes, requiredScopes(r.Method, m.params["package_type"])); msg != "" {
		return errorResponse(http.StatusForbidden, msg)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	c := &call{st: s.st, r: r, m: m, tok: tok, now: now, host: scheme + "://" + r.Host}
	c.base = c.host + m.prefix
	return operations[m.tmpl.op](c)
}

// operations maps each operation, owner part left out, to its handler.
var operations = map[string]func(*call) *response{
	"GET /docker/conflicts":                                                              (*call).dockerConflicts,
	"GET /packages":                                                                      (*call).listPackages,
	"GET /packages/{package_type}/{package_name}":                                        (*call).getPackage,
	"DELETE /packages/{package_type}/{package_name}":                                     (*call).deletePackage,
	"POST /packages/{package_type}/{package_name}/restore":                               (*call).restorePackage,
	"GET /packages/{package_type}/{package_name}/versions":                               (*call).listVersions,
	"GET /packages/{package_type}/{package_name}/versions/{package_version_id}":          (*call).getVersion,
	"DELETE /packages/{package_type}/{package_name}/versions/{package_version_id}":       (*call).deleteVersion,
	"POST /packages/{package_type}/{package_name}/versions/{package_version_id}/restore": (*call).restoreVersion,
}

// call is one authorized request being answered.
type call struct {
	st   *state
	r    *http.Request
	m    match
	tok  *token
	now  time.Time
	host string // scheme://host, for Link headers
	base string // host plus the GHES prefix if used, for url fields
}

// ownerView is the owner a route names, as the token's user sees it.
type ownerView struct {
	o *owner
	// member is set when the token's user is the owner or a member of the
	// owning organization: it may see private packages and manage packages.
	member bool
	// linkBase is where GitHub's Link headers point for this owner:
	// /organizations/{id}, /user/{id}, or /user for the token's own account.
	linkBase string
}

func (ov *ownerView) sees(p *pkg) bool { return p.visibility == "public" || ov.member }

func (c *call) owner() (*ownerView, *response) {
	notFound := jsonResponse(http.StatusNotFound, basicError{Message: "Not Found", DocumentationURL: docsPackages})
	switch c.m.tmpl.owner {
	case orgRoute:
		o := c.lookupOwner("org")
		if o == nil || !o.org {
			return nil, notFound
		}
		member := o.members[strings.ToLower(c.tok.user.login)]
		return &ownerView{o: o, member: member, linkBase: fmt.Sprintf("%s/organizations/%d", c.m.prefix, o.id)}, nil
	case usersRoute:
		o := c.lookupOwner("username")
		if o == nil || o.org {
			return nil, notFound
		}
		return &ownerView{o: o, member: o == c.tok.user, linkBase: fmt.Sprintf("%s/user/%d", c.m.prefix, o.id)}, nil
	}
	return &ownerView{o: c.tok.user, member: true, linkBase: c.m.prefix + "/user"}, nil
}

func (c *call) lookupOwner(param string) *owner {
	v := c.m.params[param]
	if c.m.ownerByID {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil
		}
		return c.st.ownerByID(id)
	}
	return c.st.ownerByLogin(v)
}

func invalidTypeResponse(t string) *response {
	return errorResponse(http.StatusBadRequest, fmt.Sprintf(
		"Invalid package_type %q: must be one of %s.", t, strings.Join(packageTypes, ", ")))
}

// target resolves the owner and the package of a /packages/{type}/{name}
// route. With manage set, a package the user can see but not manage is
// refused with 403; one it cannot see is not found.
func (c *call) target(manage bool) (*ownerView, *pkg, *response) {
	typ := c.m.params["package_type"]
	if !validPackageType(typ) {
		return nil, nil, invalidTypeResponse(typ)
	}
	ov, resp := c.owner()
	if resp != nil {
		return nil, nil, resp
	}
	p := c.st.activePackage(ov.o, typ, c.m.params["package_name"])
	if p == nil || !ov.sees(p) {
		return nil, nil, errorResponse(http.StatusNotFound, msgPackageNotFound)
	}
	if manage && !ov.member {
		return nil, nil, errorResponse(http.StatusForbidden, msgNotAdmin)
	}
	return ov, p, nil
}

// paged answers a list with GitHub's Link header.
func (c *call) paged(ov *ownerView, items any, pr pageRequest, total int) *response {
	resp := jsonResponse(http.StatusOK, items)
	target := c.host + ov.linkBase + "/" + strings.Join(c.m.rest, "/")
	if link := linkHeader(target, c.r.URL.Query(), pr, total); link != "" {
		resp.header.Set("Link", link)
	}
	return resp
}

func (c *call) listPackages() *response {
	q := c.r.URL.Query()
	typ := q.Get("package_type")
	if !validPackageType(typ) {
		return invalidTypeResponse(typ)
	}
	vis := q.Get("visibility")
	if vis != "" && !slices.Contains([]string{"public", "private", "internal"}, vis) {
		return errorResponse(http.StatusBadRequest, fmt.Sprintf("Invalid visibility %q: must be one of public, private, internal.", vis))
	}
	pr := parsePage(q)
	if pr.page*pr.perPage > maxListWindow {
		return errorResponse(http.StatusBadRequest, fmt.Sprintf(
			"Pagination is limited to the first %d results of this list: page * per_page must not exceed %d.", maxListWindow, maxListWindow))
	}
	ov, resp := c.owner()
	if resp != nil {
		return resp
	}
	var all []*pkg
	for _, p := range c.st.ownerPackages(ov.o) {
		if p.typ == typ && ov.sees(p) && (vis == "" || p.visibility == vis) {
			all = append(all, p)
		}
	}
	out := []packageJSON{}
	for _, p := range pageOf(all, pr) {
		out = append(out, packageToJSON(c.base, c.st, p))
	}
	return c.paged(ov, out, pr, len(all))
}

func (c *call) dockerConflicts() *response {
	ov, resp := c.owner()
	if resp != nil {
		return resp
	}
	out := []packageJSON{}
	for _, p := range c.st.ownerPackages(ov.o) {
		if p.dockerConflict && ov.sees(p) {
			out = append(out, packageToJSON(c.base, c.st, p))
		}
	}
	return jsonResponse(http.StatusOK, out)
}

func (c *call) getPackage() *response {
	_, p, resp := c.target(false)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, packageToJSON(c.base, c.st, p))
}

func (c *call) deletePackage() *response {
	_, p, resp := c.target(true)
	if resp != nil {
		return resp
	}
	var downloads int64
	for _, v := range p.versions {
		downloads += v.downloads
	}
	if p.visibility == "public" && downloads > maxDeletableDownloads {
		return errorResponse(http.StatusBadRequest, msgPopularPackage)
	}
	p.deletedAt = c.now.UTC().Truncate(time.Second)
	return newResponse(http.StatusNoContent)
}

// restorePackage brings back the most recently deleted package of that
// name, if it is within the restore window and no new package took the name.
func (c *call) restorePackage() *response {
	typ := c.m.params["package_type"]
	if !validPackageType(typ) {
		return invalidTypeResponse(typ)
	}
	ov, resp := c.owner()
	if resp != nil {
		return resp
	}
	name := c.m.params["package_name"]
	notFound := errorResponse(http.StatusNotFound, msgPackageNotFound)
	if !ov.member || c.st.activePackage(ov.o, typ, name) != nil {
		return notFound
	}
	p := c.st.latestDeletedPackage(ov.o, typ, name)
	if p == nil || c.now.Sub(p.deletedAt) > restoreWindow {
		return notFound
	}
	p.deletedAt = time.Time{}
	return newResponse(http.StatusNoContent)
}

func (c *call) listVersions() *response {
	ov, p, resp := c.target(false)
	if resp != nil {
		return resp
	}
	q := c.r.URL.Query()
	var deleted bool
	switch q.Get("state") {
	case "", "active":
	case "deleted":
		deleted = true
	default:
		return errorResponse(http.StatusBadRequest, fmt.Sprintf("Invalid state %q: must be active or deleted.", q.Get("state")))
	}
	all := p.listVersions(deleted, c.now)
	pr := parsePage(q)
	out := []versionJSON{}
	for _, v := range pageOf(all, pr) {
		out = append(out, versionToJSON(c.base, p, v))
	}
	return c.paged(ov, out, pr, len(all))
}

// targetVersion resolves the version of a .../versions/{id} route, deleted
// or not.
func (c *call) targetVersion(manage bool) (*pkg, *version, *response) {
	_, p, resp := c.target(manage)
	if resp != nil {
		return nil, nil, resp
	}
	id, err := strconv.ParseInt(c.m.params["package_version_id"], 10, 64)
	v := p.version(id)
	if err != nil || v == nil {
		return nil, nil, errorResponse(http.StatusNotFound, msgVersionNotFound)
	}
	return p, v, nil
}

func (c *call) getVersion() *response {
	p, v, resp := c.targetVersion(false)
	if resp != nil {
		return resp
	}
	if v.deleted() {
		return errorResponse(http.StatusNotFound, msgVersionNotFound)
	}
	return jsonResponse(http.StatusOK, versionToJSON(c.base, p, v))
}

func (c *call) deleteVersion() *response {
	p, v, resp := c.targetVersion(true)
	if resp != nil {
		return resp
	}
	switch {
	case v.deleted():
		return errorResponse(http.StatusNotFound, msgVersionNotFound)
	case p.activeVersionCount() == 1:
		return errorResponse(http.StatusBadRequest, msgLastVersion)
	case p.visibility == "public" && v.downloads > maxDeletableDownloads:
		return errorResponse(http.StatusBadRequest, msgPopularVersion)
	}
	v.deletedAt = c.now.UTC().Truncate(time.Second)
	return newResponse(http.StatusNoContent)
}

// restoreVersion brings back a version deleted within the restore window,
// unless an active version has taken its name since.
func (c *call) restoreVersion() *response {
	p, v, resp := c.targetVersion(true)
	if resp != nil {
		return resp
	}
	notFound := errorResponse(http.StatusNotFound, msgVersionNotFound)
	if !v.deleted() || c.now.Sub(v.deletedAt) > restoreWindow {
		return notFound
	}
	for _, other := range p.versions {
		if !other.deleted() && other.name == v.name {
			return notFound
		}
	}
	v.deletedAt = time.Time{}
	return newResponse(http.StatusNoContent)
}
