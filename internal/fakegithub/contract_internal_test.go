package fakegithub

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The contract check must be able to fail: answers that break the schemas
// are reported.
func TestContractRejectsInvalidResponses(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "/orgs/acme/packages/container/team%2Fapp/versions/3200000012", nil)
	checked, err := validateRequest(req, "/orgs/acme/packages/container/team%2Fapp/versions/3200000012")
	if err != nil {
		t.Fatalf("valid request refused: %v", err)
	}
	if got := checked.PathParams["package_name"]; got != "team/app" {
		t.Errorf("package_name validated as %q, want the decoded team/app", got)
	}
	for name, body := range map[string]string{
		"missing required fields": `{"id": 3200000012, "name": "x"}`,
		"id not an integer": `{"id": "3200000012", "name": "x", "url": "u", "package_html_url": "h",
			"created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"}`,
		"container metadata without tags": `{"id": 1, "name": "x", "url": "u", "package_html_url": "h",
			"created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
			"metadata": {"package_type": "container", "container": {}}}`,
		"not JSON": `<html>`,
	} {
		resp := jsonResponse(http.StatusOK, nil)
		resp.body = []byte(body)
		if err := validateResponse(checked, resp); err == nil {
			t.Errorf("%s: accepted %s", name, body)
		}
	}
	good := jsonResponse(http.StatusOK, map[string]any{"id": 1, "name": "x", "url": "u", "package_html_url": "h",
		"created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
		"metadata": map[string]any{"package_type": "container", "container": map[string]any{"tags": []string{}}}})
	if err := validateResponse(checked, good); err != nil {
		t.Errorf("valid answer refused: %v", err)
	}
	// A listed error status must carry a basic-error; unlisted ones pass.
	listed, err := validateRequest(httptest.NewRequest(http.MethodDelete, "/user/packages/npm/x", nil), "/user/packages/npm/x")
	if err != nil {
		t.Fatal(err)
	}
	bad := jsonResponse(http.StatusNotFound, nil)
	bad.body = []byte(`{"message": 404}`)
	if err := validateResponse(listed, bad); err == nil {
		t.Error("404 with a malformed basic-error accepted")
	}
	bad.status = http.StatusBadGateway
	if err := validateResponse(listed, bad); err != nil {
		t.Errorf("unlisted 502 refused: %v", err)
	}
}

// The same holds end to end: a state the fake should never be in (a
// visibility outside the contract's enum) shows up as a violation.
func TestContractReportsFakeBugs(t *testing.T) {
	s, err := New(DefaultSeed())
	if err != nil {
		t.Fatal(err)
	}
	s.st.activePackage(s.st.ownerByLogin("acme"), "container", "web").visibility = "internal"
	ts := httptest.NewServer(s)
	defer ts.Close()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/orgs/acme/packages/container/web", nil)
	req.Header.Set("Authorization", "Bearer ghp_fulltoken")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	v := s.ContractViolations()
	if len(v) != 1 || !strings.Contains(v[0], "response 200") || !strings.Contains(v[0], "visibility") {
		t.Errorf("violations %q", v)
	}
}
