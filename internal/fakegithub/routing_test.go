package fakegithub_test

import (
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestPackageNameWithSlash(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	var p apiPackage
	get(t, s, "/orgs/acme/packages/container/team%2Fapp", fullToken).expect(t, 200, "").decode(t, &p)
	if p.Name != "team/app" || !strings.HasSuffix(p.URL, "/orgs/acme/packages/container/team%2Fapp") {
		t.Errorf("package = %+v", p)
	}
	var vs []apiVersion
	get(t, s, "/orgs/acme/packages/container/team%2Fapp/versions", fullToken).expect(t, 200, "").decode(t, &vs)
	if len(vs) != 2 || !strings.Contains(vs[0].URL, "/team%2Fapp/versions/") {
		t.Errorf("versions = %+v", vs)
	}
	if got := s.Requests()[0].Path; got != "/orgs/acme/packages/container/team%2Fapp" {
		t.Errorf("recorded path %q", got)
	}
	if n := s.Count("GET /orgs/{org}/packages/{package_type}/{package_name}"); n != 1 {
		t.Errorf("count %d", n)
	}
}

// A client that forgets to escape the slash gets GitHub's 404 and a contract
// violation.
func TestPackageNameWithUnescapedSlash(t *testing.T) {
	s := newServer(t, fakegithub.DefaultSeed())
	base := serveUnchecked(t, s)
	send(t, base, "GET", "/orgs/acme/packages/container/team/app", fullToken).expect(t, 404, "Not Found")
	send(t, base, "GET", "/orgs/acme/packages/container/team/app/versions", fullToken).expect(t, 404, "Not Found")
	if v := s.ContractViolations(); len(v) != 2 || !strings.Contains(v[0], "no operation of the contract matches") {
		t.Errorf("violations %q", v)
	}
}

func TestInvalidPackageType(t *testing.T) {
	s := newServer(t, fakegithub.DefaultSeed())
	base := serveUnchecked(t, s)
	send(t, base, "GET", "/orgs/acme/packages/gradle/web", fullToken).expect(t, 400, "")
	send(t, base, "DELETE", "/user/packages/gradle/web/versions/1", fullToken).expect(t, 400, "")
	if v := s.ContractViolations(); len(v) != 2 || !strings.Contains(v[0], "package_type") {
		t.Errorf("violations %q", v)
	}
}

func TestEnterpriseServerPrefix(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	var p apiPackage
	get(t, s, "/api/v3/orgs/acme/packages/container/web", fullToken).expect(t, 200, "").decode(t, &p)
	if p.URL != s.URL()+"/api/v3/orgs/acme/packages/container/web" {
		t.Errorf("url %q", p.URL)
	}
	r := get(t, s, "/api/v3/orgs/acme/packages/container/ci-cache/versions", fullToken).expect(t, 200, "")
	next := links(r.header)["next"]
	if !strings.HasPrefix(next, s.URL()+"/api/v3/organizations/50001/packages/container/ci-cache/versions?") {
		t.Errorf("next %q", next)
	}
	get(t, s, strings.TrimPrefix(next, s.URL()), fullToken).expect(t, 200, "")
	send(t, s.URL(), "DELETE", "/api/v3/user/packages/npm/hello-npm/versions/3200000111", fullToken).expect(t, 204, "")
	if n := s.Count("GET /orgs/{org}/packages/{package_type}/{package_name}/versions"); n != 2 {
		t.Errorf("count %d, want 2", n)
	}
}

func TestLinkAliases(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	var p apiPackage
	get(t, s, "/organizations/50001/packages/container/web", fullToken).expect(t, 200, "").decode(t, &p)
	if p.Name != "web" || p.Owner.Login != "acme" {
		t.Errorf("package = %+v", p)
	}
	var pkgs []apiPackage
	get(t, s, "/organizations/50001/packages?package_type=container", hubotToken).expect(t, 200, "").decode(t, &pkgs)
	if len(pkgs) != 1 {
		t.Errorf("non-member sees %d packages through the alias", len(pkgs))
	}
	get(t, s, "/user/583231/packages?package_type=npm", fullToken).expect(t, 200, "").decode(t, &pkgs)
	if len(pkgs) != 1 || pkgs[0].Name != "hello-npm" {
		t.Errorf("user alias lists %+v", pkgs)
	}
	get(t, s, "/user/480938/packages/container/hubot-secret", fullToken).expect(t, 404, "Package not found.")
	get(t, s, "/organizations/999/packages/container/web", fullToken).expect(t, 404, "Not Found")
	get(t, s, "/organizations/583231/packages/container/dotfiles", fullToken).expect(t, 404, "Not Found")
	if n := s.Count("GET /orgs/{org}/packages/{package_type}/{package_name}"); n != 3 {
		t.Errorf("alias requests counted %d times for the org route, want 3", n)
	}
	if n := s.Count("GET /users/{username}/packages"); n != 1 {
		t.Errorf("alias requests counted %d times for the users route, want 1", n)
	}
}
