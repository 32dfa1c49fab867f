package fakegithub

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The contract check holds both sides to GitHub's OpenAPI description: every
// request a client sends and every answer the fake gives. A client test that
// passes against the fake therefore also speaks GitHub's documented API, and
// the fake cannot drift from it unnoticed.
//
// It uses kin-openapi's legacy router because that router matches path
// segments on the raw string it is given: fed the escaped path, it keeps a
// package name such as "team%2Fapp" inside the one {package_name} segment,
// and the value is unescaped before validation. (The gorilla/mux router
// would need another module.)
//
// Undocumented query parameters are not checked by ValidateRequest, only the
// declared ones are. That is what lets page and per_page through on
// GET /users/{username}/packages/{package_type}/{package_name}/versions,
// where the contract declares none but the live API honours them
// (internal/fakegithub/API-NOTES.md, "Listing"); TestContractAllowsPagingUndocumentedOnUserVersions
// pins that down.

var contractRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := loadSpec()
	if err != nil {
		return nil, err
	}
	router, err := legacy.NewRouter(doc, openapi3.DisableExamplesValidation())
	if err != nil {
		return nil, fmt.Errorf("fakegithub: building OpenAPI router: %w", err)
	}
	return router, nil
})

// checkedRequest is a request the contract knows, kept to validate its answer.
type checkedRequest = openapi3filter.RequestValidationInput

// validateRequest checks r against the contract. contractPath is the escaped
// path as the contract knows it: the GHES prefix stripped, and the
// /organizations/{id} and /user/{id} aliases of Link headers rewritten to
// /orgs/{id} and /users/{id}. The aliases are not in the contract; they stand
// for those routes, and a numeric id is as valid an {org} or {username} as
// a login, so they are held to the same rules. The returned input is nil when
// no operation matches.
func validateRequest(r *http.Request, contractPath string) (*checkedRequest, error) {
	router, err := contractRouter()
	if err != nil {
		return nil, err
	}
	req := r.Clone(r.Context())
	u := *r.URL
	u.Path, u.RawPath = contractPath, ""
	req.URL = &u
	route, params, err := router.FindRoute(req)
	if err != nil {
		return nil, fmt.Errorf("no operation of the contract matches: %w", err)
	}
	for name, raw := range params {
		v, err := url.PathUnescape(raw)
		if err != nil {
			return nil, fmt.Errorf("path parameter %s: %w", name, err)
		}
		params[name] = v
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError: true,
			// Defaults are for handlers that read the validated request;
			// the fake reads the client's own.
			SkipSettingDefaults: true,
		},
	}
	return in, openapi3filter.ValidateRequest(r.Context(), in)
}

// validateResponse checks an answer to a request validateRequest accepted.
// Statuses the contract does not list (404 on reads, 304, 429, 5xx) pass;
// a body for a listed status must match its schema.
func validateResponse(in *checkedRequest, resp *response) error {
	return openapi3filter.ValidateResponse(in.Request.Context(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.status,
		Header:                 resp.header,
		Body:                   io.NopCloser(bytes.NewReader(resp.body)),
		Options:                &openapi3filter.Options{MultiError: true},
	})
}
