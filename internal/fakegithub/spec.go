package fakegithub

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// openAPIJSON is GitHub's own description of the 27 package operations (see
// openapi/SOURCE.md). It is embedded rather than read from the project's shared
// folder because that folder does not exist on a fresh clone.
//
//go:embed openapi/github-packages.openapi.json
var openAPIJSON []byte

// loadSpec parses the embedded description once per process: every Server
// shares the document, which is read-only after loading.
var loadSpec = sync.OnceValues(func() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPIJSON)
	if err != nil {
		return nil, fmt.Errorf("fakegithub: loading embedded OpenAPI description: %w", err)
	}
	restoreResponseDescriptions(doc)
	// GitHub's own examples break its schemas (container metadata without
	// the required "tags"), so only the schemas themselves are checked.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("fakegithub: embedded OpenAPI description is invalid: %w", err)
	}
	// The description's only server is https://api.github.com; the fake
	// answers on whatever host it listens on, so routes match by path alone.
	doc.Servers = nil
	return doc, nil
})

// restoreResponseDescriptions gives every response the description OpenAPI
// requires: the copy in openapi/ had its prose stripped (see SOURCE.md), and
// kin-openapi refuses a document without them.
func restoreResponseDescriptions(doc *openapi3.T) {
	fill := func(ref *openapi3.ResponseRef) {
		if ref != nil && ref.Value != nil && ref.Value.Description == nil {
			ref.Value.WithDescription("(stripped)")
		}
	}
	for _, ref := range doc.Components.Responses {
		fill(ref)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, ref := range op.Responses.Map() {
				fill(ref)
			}
		}
	}
}

// routeTemplate is one operation of the contract, e.g. method "GET" and path
// "/orgs/{org}/packages".
type routeTemplate struct {
	method string
	path   string
	segs   []string
	owner  ownerRoute
	// op is the operation without its owner part, "GET /packages": the
	// three owner routes of an operation share one handler.
	op string
}

// ownerRoute is how a route names the packages' owner.
type ownerRoute int

const (
	orgRoute   ownerRoute = iota // /orgs/{org}
	userRoute                    // /user, the token's own account
	usersRoute                   // /users/{username}
)

// key is the name tests use for the route: "GET /orgs/{org}/packages".
func (t *routeTemplate) key() string { return t.method + " " + t.path }

// specRoutes lists the contract's operations, sorted by key, so the fake
// serves exactly what GitHub describes and nothing else.
func specRoutes(doc *openapi3.T) []*routeTemplate {
	var out []*routeTemplate
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			t := &routeTemplate{
				method: method,
				path:   path,
				segs:   strings.Split(strings.TrimPrefix(path, "/"), "/"),
			}
			rest := t.segs[2:]
			switch t.segs[0] {
			case "orgs":
				t.owner = orgRoute
			case "users":
				t.owner = usersRoute
			default:
				t.owner, rest = userRoute, t.segs[1:]
			}
			t.op = method + " /" + strings.Join(rest, "/")
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}
