package fakegithub_test

import (
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// The contract declares no query parameters on this route, yet the live API
// pages it (internal/fakegithub/API-NOTES.md); kin-openapi only checks declared parameters, so
// paging it is not a violation.
func TestContractAllowsPagingUndocumentedOnUserVersions(t *testing.T) {
	s := fakegithub.Start(t, bigSeed())
	var vs []apiVersion
	r := get(t, s, "/users/octocat/packages/npm/many/versions?page=2&per_page=100", fullToken).expect(t, 200, "")
	r.decode(t, &vs)
	if len(vs) != 100 || links(r.header)["next"] == "" {
		t.Errorf("%d versions, links %v", len(vs), links(r.header))
	}
	if v := s.ContractViolations(); len(v) != 0 {
		t.Errorf("violations %q", v)
	}
}

func TestContractReportsInvalidRequests(t *testing.T) {
	s := newServer(t, fakegithub.DefaultSeed())
	base := serveUnchecked(t, s)
	// GitHub ignores a page it cannot read, but the contract says integer.
	send(t, base, "GET", "/orgs/acme/packages/container/web/versions?page=abc", fullToken).expect(t, 200, "")
	send(t, base, "GET", "/orgs/acme/packages/container/web/versions/latest", fullToken).expect(t, 404, "")
	v := s.ContractViolations()
	if len(v) != 2 || !strings.Contains(v[0], "page") || !strings.Contains(v[1], "package_version_id") {
		t.Errorf("violations %q", v)
	}
}

func TestContractValidationOff(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithContractValidation(false))
	get(t, s, "/orgs/acme/packages?package_type=gradle", fullToken).expect(t, 400, "")
	if v := s.ContractViolations(); len(v) != 0 {
		t.Errorf("violations with validation off: %q", v)
	}
}
