package fakegithub_test

import (
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestAuthentication(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const path = "/orgs/acme/packages/container/web"

	r := get(t, s, path, "").expect(t, 401, "Requires authentication")
	if r.header.Get("X-OAuth-Scopes") != "" || r.header.Get("X-RateLimit-Limit") != "" {
		t.Error("unauthenticated answer carries token headers")
	}
	if r.header.Get("X-GitHub-Request-Id") == "" {
		t.Error("no X-GitHub-Request-Id")
	}
	get(t, s, path, "ghp_nosuchtoken").expect(t, 401, "Bad credentials")
	get(t, s, path, "", "Authorization", "Basic Zm9vOmJhcg==").expect(t, 401, "Requires authentication")

	// Both Authorization forms GitHub accepts.
	r = get(t, s, path, "", "Authorization", "token "+fullToken).expect(t, 200, "")
	if got := r.header.Get("X-OAuth-Scopes"); got != "read:packages, write:packages, delete:packages, repo" {
		t.Errorf("X-OAuth-Scopes = %q", got)
	}
	if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != "read:packages" {
		t.Errorf("X-Accepted-OAuth-Scopes = %q", got)
	}
	if r.header.Get("X-GitHub-Request-Id") == "" || r.header.Get("X-RateLimit-Resource") != "core" {
		t.Errorf("headers = %v", r.header)
	}
}

func TestScopes(t *testing.T) {
	seed := fakegithub.DefaultSeed()
	seed.Tokens = append(seed.Tokens, fakegithub.SeedToken{
		Token: "ghp_norepo", Login: "octocat", Scopes: []string{"read:packages", "write:packages", "delete:packages"},
	})
	s := fakegithub.Start(t, seed)

	r := send(t, s.URL(), "DELETE", "/orgs/acme/packages/container/web/versions/3200000002", readOnlyToken).expect(t, 403, "")
	if !strings.Contains(string(r.body), "delete:packages") {
		t.Errorf("message does not name delete:packages: %s", r.body)
	}
	if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != "read:packages, delete:packages" {
		t.Errorf("X-Accepted-OAuth-Scopes = %q", got)
	}
	if got := r.header.Get("X-OAuth-Scopes"); got != "read:packages" {
		t.Errorf("X-OAuth-Scopes = %q", got)
	}
	r = send(t, s.URL(), "POST", "/orgs/acme/packages/container/web/versions/3200000001/restore", readOnlyToken).expect(t, 403, "")
	if !strings.Contains(string(r.body), "write:packages") {
		t.Errorf("message does not name write:packages: %s", r.body)
	}

	// Repository-scoped registries also need repo to change anything.
	r = send(t, s.URL(), "DELETE", "/orgs/acme/packages/maven/com.acme.core/versions/3200000031", "ghp_norepo").expect(t, 403, "")
	if !strings.Contains(string(r.body), "repo") {
		t.Errorf("message does not name repo: %s", r.body)
	}
	if got := r.header.Get("X-Accepted-OAuth-Scopes"); got != "read:packages, delete:packages, repo" {
		t.Errorf("X-Accepted-OAuth-Scopes = %q", got)
	}
	send(t, s.URL(), "DELETE", "/orgs/acme/packages/container/web/versions/3200000002", "ghp_norepo").expect(t, 204, "")
	get(t, s, "/orgs/acme/packages/maven/com.acme.core", "ghp_norepo").expect(t, 200, "")
	if _, ok := s.Version("acme", "maven", "com.acme.core", fakegithub.AcmeCoreV1); !ok {
		t.Fatal("maven version missing")
	}
	if v, _ := s.Version("acme", "maven", "com.acme.core", fakegithub.AcmeCoreV1); v.Deleted {
		t.Error("refused delete happened anyway")
	}
}

func TestTokenKinds(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	for _, path := range []string{
		"/orgs/acme/packages?package_type=container",
		"/user/packages/container/dotfiles",
		"/users/hubot/packages/container/hubot-image/versions",
	} {
		get(t, s, path, fakegithub.TokenApp).expect(t, 403, "Resource not accessible by integration")
	}
	get(t, s, "/orgs/acme/packages?package_type=container", fakegithub.TokenActions).expect(t, 400, "Invalid argument.")
	get(t, s, "/orgs/acme/packages/container/team%2Fapp", fakegithub.TokenActions).expect(t, 200, "")
	get(t, s, "/users/hubot/packages?package_type=container", fakegithub.TokenActions).expect(t, 200, "")
}

func TestVisibility(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())

	// Organization members see private packages; others only public ones.
	get(t, s, "/orgs/acme/packages/container/web", fullToken).expect(t, 200, "")
	get(t, s, "/orgs/acme/packages/container/web", hubotToken).expect(t, 404, "Package not found.")
	get(t, s, "/orgs/acme/packages/container/team%2Fapp", hubotToken).expect(t, 200, "")
	var pkgs []apiPackage
	get(t, s, "/orgs/acme/packages?package_type=container", hubotToken).expect(t, 200, "").decode(t, &pkgs)
	if len(pkgs) != 1 || pkgs[0].Name != "team/app" {
		t.Errorf("non-member lists %+v, want only team/app", pkgs)
	}
	send(t, s.URL(), "DELETE", "/orgs/acme/packages/container/team%2Fapp/versions/3200000011", hubotToken).
		expect(t, 403, "You do not have permission to administer this package.")
	send(t, s.URL(), "DELETE", "/orgs/acme/packages/container/web", hubotToken).expect(t, 404, "Package not found.")

	// Another user's private packages are invisible, except to that user.
	get(t, s, "/users/hubot/packages/container/hubot-secret", fullToken).expect(t, 404, "Package not found.")
	get(t, s, "/users/hubot/packages/container/hubot-secret", hubotToken).expect(t, 200, "")
	get(t, s, "/user/packages/container/hubot-secret", hubotToken).expect(t, 200, "")
	get(t, s, "/user/packages/container/hubot-secret", fullToken).expect(t, 404, "Package not found.")
	get(t, s, "/users/hubot/packages/container/hubot-image", fullToken).expect(t, 200, "")

	// Owners: organization names ignore case, each route takes its kind.
	var p apiPackage
	get(t, s, "/orgs/ACME/packages/container/web", fullToken).expect(t, 200, "").decode(t, &p)
	if p.Owner.Login != "acme" || p.Owner.Type != "Organization" {
		t.Errorf("owner = %+v", p.Owner)
	}
	get(t, s, "/orgs/nosuchorg/packages/container/web", fullToken).expect(t, 404, "Not Found")
	get(t, s, "/orgs/octocat/packages/container/dotfiles", fullToken).expect(t, 404, "Not Found")
	get(t, s, "/users/acme/packages/container/web", fullToken).expect(t, 404, "Not Found")
	get(t, s, "/users/nosuchuser/packages?package_type=npm", fullToken).expect(t, 404, "Not Found")
}
