package fakegithub_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Tokens of DefaultSeed.
const (
	fullToken     = fakegithub.TokenFull
	readOnlyToken = fakegithub.TokenReadOnly
	hubotToken    = fakegithub.TokenHubot
)

// result is an answer read in full.
type result struct {
	status int
	header http.Header
	body   []byte
}

// send makes one request to the fake with token (none when "") and extra
// header pairs, as a client would.
func send(t *testing.T, base, method, path, token string, header ...string) result {
	t.Helper()
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{status: resp.StatusCode, header: resp.Header, body: body}
}

func get(t *testing.T, s *fakegithub.Server, path, token string, header ...string) result {
	t.Helper()
	return send(t, s.URL(), http.MethodGet, path, token, header...)
}

// expect fails the test unless the answer has status and, when message is
// not "", a JSON error body with that message.
func (r result) expect(t *testing.T, status int, message string) result {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if message != "" {
		var e struct {
			Message          string `json:"message"`
			DocumentationURL string `json:"documentation_url"`
		}
		if err := json.Unmarshal(r.body, &e); err != nil {
			t.Fatalf("error body %q: %v", r.body, err)
		}
		if e.Message != message {
			t.Fatalf("message %q, want %q", e.Message, message)
		}
		if e.DocumentationURL == "" {
			t.Fatalf("error body %s has no documentation_url", r.body)
		}
	}
	return r
}

func (r result) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// apiPackage and apiVersion hold the fields the tests look at.
type apiPackage struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	PackageType  string `json:"package_type"`
	Visibility   string `json:"visibility"`
	VersionCount int    `json:"version_count"`
	URL          string `json:"url"`
	HTMLURL      string `json:"html_url"`
	CreatedAt    string `json:"created_at"`
	Owner        struct {
		Login string `json:"login"`
		ID    int64  `json:"id"`
		Type  string `json:"type"`
	} `json:"owner"`
	Repository *struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

type apiVersion struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	CreatedAt string `json:"created_at"`
	DeletedAt string `json:"deleted_at"`
	Metadata  struct {
		PackageType string `json:"package_type"`
		Container   *struct {
			Tags []string `json:"tags"`
		} `json:"container"`
		Docker *struct {
			Tag  []string `json:"tag"`
			Tags []string `json:"tags"`
		} `json:"docker"`
	} `json:"metadata"`
}

func versionIDs(vs []apiVersion) []int64 {
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

// links parses a Link header into rel -> URL.
func links(h http.Header) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(h.Get("Link"), ",") {
		target, rel, ok := strings.Cut(strings.TrimSpace(part), ">; rel=")
		if ok {
			out[strings.Trim(rel, `"`)] = strings.TrimPrefix(target, "<")
		}
	}
	return out
}

// serveUnchecked serves s without Start's end-of-test contract check, for
// tests that break the contract on purpose and inspect the violations.
func serveUnchecked(t *testing.T, s *fakegithub.Server) string {
	t.Helper()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts.URL
}

func newServer(t *testing.T, seed fakegithub.Seed, opts ...fakegithub.Option) *fakegithub.Server {
	t.Helper()
	s, err := fakegithub.New(seed, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
