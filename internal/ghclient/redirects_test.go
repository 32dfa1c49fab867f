package ghclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// sentRequest is what left the client: where it went and whether it carried
// the token.
type sentRequest struct {
	method, scheme, host, path string
	token                      bool
}

// hostlessFake serves the fake GitHub to every scheme and host, through the
// client's innermost transport, so that a test can place the API at
// https://ghe.example and see whether a redirect makes the client talk to
// http://ghe.example or to another host, and with what headers.
type hostlessFake struct {
	fake *fakegithub.Server
	mu   sync.Mutex
	sent []sentRequest
}

func (h *hostlessFake) RoundTrip(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.sent = append(h.sent, sentRequest{r.Method, r.URL.Scheme, r.URL.Host, r.URL.Path, r.Header.Get("Authorization") != ""})
	h.mu.Unlock()
	rec := httptest.NewRecorder()
	h.fake.ServeHTTP(rec, r)
	return rec.Result(), nil
}

func (h *hostlessFake) requests() []sentRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]sentRequest(nil), h.sent...)
}

// TestRedirects: the token goes only to the API host over the base_url's
// scheme; a write is never redirected (and never turned into a GET); a GET
// follows a redirect on the same host and scheme.
func TestRedirects(t *testing.T) {
	web4 := address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV4} // active
	web1 := address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV1} // deleted 5 days ago
	cases := []struct {
		name   string
		method string
		status int
		to     string
		call   func(*Client) error
		// followed: the call succeeds through the redirect.
		followed bool
	}{
		{"GET same host follows", http.MethodGet, http.StatusMovedPermanently, "https://ghe.example", getWeb, true},
		{"GET same host 307 follows", http.MethodGet, http.StatusTemporaryRedirect, "https://ghe.example", getWeb, true},
		{"GET cross-host refused", http.MethodGet, http.StatusFound, "https://collector.example", getWeb, false},
		{"GET downgrade refused", http.MethodGet, http.StatusFound, "http://ghe.example", getWeb, false},
		{"DELETE same host 301 refused", http.MethodDelete, http.StatusMovedPermanently, "https://ghe.example", deleteVersion(web4), false},
		{"DELETE same host 302 refused", http.MethodDelete, http.StatusFound, "https://ghe.example", deleteVersion(web4), false},
		{"DELETE same host 307 refused", http.MethodDelete, http.StatusTemporaryRedirect, "https://ghe.example", deleteVersion(web4), false},
		{"DELETE cross-host refused", http.MethodDelete, http.StatusPermanentRedirect, "https://collector.example", deleteVersion(web4), false},
		{"DELETE downgrade refused", http.MethodDelete, http.StatusFound, "http://ghe.example", deleteVersion(web4), false},
		{"POST restore same host refused", http.MethodPost, http.StatusFound, "https://ghe.example", restoreVersion(web1), false},
		{"POST restore cross-host refused", http.MethodPost, http.StatusTemporaryRedirect, "https://collector.example", restoreVersion(web1), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fake, err := fakegithub.New(fakegithub.DefaultSeed())
			if err != nil {
				t.Fatal(err)
			}
			fake.SetRedirect(c.method, c.status, c.to)
			transport := &hostlessFake{fake: fake}
			client, err := New(Config{BaseURL: "https://ghe.example", Token: fakegithub.TokenFull, Retry: fastRetries, MaxConcurrentRequests: 2, Transport: transport})
			if err != nil {
				t.Fatal(err)
			}
			err = c.call(client)
			sent := transport.requests()
			for _, r := range sent {
				if r.token && (r.host != "ghe.example" || r.scheme != "https") {
					t.Errorf("the token went to %s://%s%s", r.scheme, r.host, r.path)
				}
				if r.method != c.method {
					t.Errorf("a %s became a %s %s", c.method, r.method, r.path)
				}
			}
			if c.followed {
				if err != nil {
					t.Fatalf("same-host GET redirect: %v", err)
				}
				if len(sent) != 2 || !strings.HasPrefix(sent[0].path, "/api/v3/") || strings.HasPrefix(sent[1].path, "/api/v3/") {
					t.Errorf("want the request and one redirected request, got %+v", sent)
				}
				return
			}
			var re *RedirectError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v (%T), want a *RedirectError", err, err)
			}
			if re.Status != c.status || !strings.HasPrefix(re.Location, c.to+"/orgs/acme/packages/container/web") {
				t.Errorf("RedirectError = %+v, want status %d and a Location under %s", re, c.status, c.to)
			}
			if !strings.Contains(re.Error(), re.Location) || !strings.Contains(re.Hint(), "base_url") || !strings.Contains(re.Hint(), "https://") {
				t.Errorf("message %q / hint %q must name the Location and how to fix base_url", re.Error(), re.Hint())
			}
			if len(sent) != 1 {
				t.Errorf("want only the redirected request sent, got %+v", sent)
			}
			// Nothing happened on the server: web4 active, web1 deleted.
			if v, _ := fake.Version("acme", "container", "web", web4.ID); v.Deleted {
				t.Error("version 3200000004 was deleted")
			}
			if v, _ := fake.Version("acme", "container", "web", web1.ID); !v.Deleted {
				t.Error("version 3200000001 was restored")
			}
		})
	}
}

func getWeb(c *Client) error {
	p, err := c.GetPackage(context.Background(), acmeWeb)
	if err == nil && p.ID != fakegithub.AcmeWebPackageID {
		return errors.New("not the package")
	}
	return err
}

func deleteVersion(v address.Version) func(*Client) error {
	return func(c *Client) error { return c.DeleteVersion(context.Background(), v) }
}

func restoreVersion(v address.Version) func(*Client) error {
	return func(c *Client) error { return c.RestoreVersion(context.Background(), v) }
}
