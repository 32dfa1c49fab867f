package fakegithub_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// TestEveryRoute sends one valid request to each of the 27 operations and
// relies on Start to fail the test on any contract violation.
func TestEveryRoute(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	calls := []struct {
		method, path string
		status       int
		route        string
	}{
		{"GET", "/orgs/acme/docker/conflicts", 200, "GET /orgs/{org}/docker/conflicts"},
		{"GET", "/orgs/acme/packages?package_type=container", 200, "GET /orgs/{org}/packages"},
		{"GET", "/orgs/acme/packages/container/web", 200, "GET /orgs/{org}/packages/{package_type}/{package_name}"},
		{"GET", "/orgs/acme/packages/container/web/versions", 200, "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"},
		{"GET", "/orgs/acme/packages/container/web/versions/3200000004", 200, "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"DELETE", "/orgs/acme/packages/container/web/versions/3200000002", 204, "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"POST", "/orgs/acme/packages/container/web/versions/3200000002/restore", 204, "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"},
		{"DELETE", "/orgs/acme/packages/npm/client-lib", 204, "DELETE /orgs/{org}/packages/{package_type}/{package_name}"},
		{"POST", "/orgs/acme/packages/npm/client-lib/restore", 204, "POST /orgs/{org}/packages/{package_type}/{package_name}/restore"},

		{"GET", "/user/docker/conflicts", 200, "GET /user/docker/conflicts"},
		{"GET", "/user/packages?package_type=npm", 200, "GET /user/packages"},
		{"GET", "/user/packages/npm/hello-npm", 200, "GET /user/packages/{package_type}/{package_name}"},
		{"GET", "/user/packages/npm/hello-npm/versions", 200, "GET /user/packages/{package_type}/{package_name}/versions"},
		{"GET", "/user/packages/npm/hello-npm/versions/3200000112", 200, "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"DELETE", "/user/packages/npm/hello-npm/versions/3200000111", 204, "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"POST", "/user/packages/npm/hello-npm/versions/3200000111/restore", 204, "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"},
		{"DELETE", "/user/packages/rubygems/octo-gem", 204, "DELETE /user/packages/{package_type}/{package_name}"},
		{"POST", "/user/packages/rubygems/octo-gem/restore", 204, "POST /user/packages/{package_type}/{package_name}/restore"},

		{"GET", "/users/octocat/docker/conflicts", 200, "GET /users/{username}/docker/conflicts"},
		{"GET", "/users/octocat/packages?package_type=nuget", 200, "GET /users/{username}/packages"},
		{"GET", "/users/octocat/packages/nuget/Octo.Client", 200, "GET /users/{username}/packages/{package_type}/{package_name}"},
		{"GET", "/users/octocat/packages/nuget/Octo.Client/versions", 200, "GET /users/{username}/packages/{package_type}/{package_name}/versions"},
		{"GET", "/users/octocat/packages/nuget/Octo.Client/versions/3200000132", 200, "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"DELETE", "/users/octocat/packages/nuget/Octo.Client/versions/3200000131", 204, "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"},
		{"POST", "/users/octocat/packages/nuget/Octo.Client/versions/3200000131/restore", 204, "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"},
		{"DELETE", "/users/octocat/packages/container/dotfiles", 204, "DELETE /users/{username}/packages/{package_type}/{package_name}"},
		{"POST", "/users/octocat/packages/container/dotfiles/restore", 204, "POST /users/{username}/packages/{package_type}/{package_name}/restore"},
	}

	var want []string
	for _, c := range calls {
		send(t, s.URL(), c.method, c.path, fullToken).expect(t, c.status, "")
		want = append(want, c.route)
	}
	slices.Sort(want)
	if got := s.Routes(); !slices.Equal(got, want) {
		t.Errorf("Routes() = %q\nwant %q", got, want)
	}
	for _, route := range want {
		if n := s.Count(route); n != 1 {
			t.Errorf("Count(%q) = %d, want 1", route, n)
		}
	}
	if n := s.WriteCount(); n != 12 {
		t.Errorf("WriteCount() = %d, want 12", n)
	}
	if v := s.ContractViolations(); len(v) != 0 {
		t.Errorf("contract violations: %q", v)
	}

	recs := s.Requests()
	if len(recs) != len(calls) {
		t.Fatalf("%d records, want %d", len(recs), len(calls))
	}
	first := recs[0]
	if first.Method != http.MethodGet || first.Path != "/orgs/acme/docker/conflicts" || first.Status != 200 ||
		first.Header.Get("X-GitHub-Api-Version") != "2022-11-28" {
		t.Errorf("first record = %+v", first)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 || s.WriteCount() != 0 {
		t.Error("ResetRequests left records")
	}
}

func TestUnknownPathIsNotFound(t *testing.T) {
	s := newServer(t, fakegithub.DefaultSeed())
	base := serveUnchecked(t, s)
	send(t, base, "GET", "/orgs/acme/repos", fullToken).expect(t, 404, "Not Found")
	send(t, base, "PUT", "/orgs/acme/packages/container/web", fullToken).expect(t, 404, "Not Found")
	if recs := s.Requests(); recs[0].Route != "" || recs[0].Status != 404 {
		t.Errorf("record = %+v, want no route and 404", recs[0])
	}
	if n := len(s.ContractViolations()); n != 2 {
		t.Errorf("%d violations for paths outside the contract, want 2", n)
	}
}
