package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer lets the test read what run prints while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the command in the background and waits for its URL file.
func start(t *testing.T, args ...string) (url string, out *syncBuffer, stop func() error) {
	t.Helper()
	urlFile := filepath.Join(t.TempDir(), "url")
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-url-file", urlFile}, args...), out) }()
	t.Cleanup(cancel)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if data, err := os.ReadFile(urlFile); err == nil {
			url = strings.TrimSpace(string(data))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL file; output:\n%s", out.String())
		}
	}
	return url, out, func() error { cancel(); return <-done }
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer ghp_fulltoken")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRun(t *testing.T) {
	url, out, stop := start(t)
	if got := getStatus(t, url+"/orgs/acme/packages/container/web"); got != 200 {
		t.Errorf("status %d", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "fake GitHub API listening on "+url+" ") || !strings.Contains(text, "token ghp_fulltoken: login octocat") {
		t.Errorf("output:\n%s", text)
	}
}

func TestRunReportsViolations(t *testing.T) {
	url, out, stop := start(t, "-listen", "127.0.0.1:0")
	if got := getStatus(t, url+"/orgs/acme/packages/container/team/app"); got != 404 {
		t.Errorf("status %d", got)
	}
	if err := stop(); err == nil || !strings.Contains(out.String(), "contract violation:") {
		t.Errorf("err %v, output:\n%s", err, out.String())
	}
}

func TestRunSeedFile(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"owners": [{"login": "solo", "packages": [{"name": "p", "type": "npm",
		"versions": [{"name": "1.0.0"}]}]}], "tokens": [{"token": "ghp_fulltoken", "login": "solo", "scopes": ["read:packages"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	url, _, stop := start(t, "-seed", seed, "-contract=false")
	if got := getStatus(t, url+"/user/packages/npm/p"); got != 200 {
		t.Errorf("status %d", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-seed", filepath.Join(t.TempDir(), "missing.json")}, &syncBuffer{}); err == nil {
		t.Error("missing seed file accepted")
	}
}

// -latency delays every answer; -rate-limit sets the primary limit per token.
func TestRunLatencyAndRateLimit(t *testing.T) {
	url, _, stop := start(t, "-latency", "150ms", "-rate-limit", "2")
	began := time.Now()
	if got := getStatus(t, url+"/orgs/acme/packages/container/web"); got != 200 {
		t.Errorf("first request: status %d", got)
	}
	if took := time.Since(began); took < 150*time.Millisecond {
		t.Errorf("answered in %s with -latency 150ms", took)
	}
	getStatus(t, url+"/orgs/acme/packages/container/web")
	if got := getStatus(t, url+"/orgs/acme/packages/container/web"); got != http.StatusForbidden && got != http.StatusTooManyRequests {
		t.Errorf("third request with -rate-limit 2: status %d, want 403 or 429", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// The stats path counts the API requests per route, with -latency delaying
// the API's answers but not the stats.
func TestRunStats(t *testing.T) {
	url, _, stop := start(t, "-latency", "200ms")
	t.Cleanup(func() { _ = stop() })
	began := time.Now()
	getStatus(t, url+"/orgs/acme/packages/container/web")
	getStatus(t, url+"/orgs/acme/packages/container/web")
	if elapsed := time.Since(began); elapsed < 400*time.Millisecond {
		t.Errorf("two requests took %s, want at least 400ms of latency", elapsed)
	}
	resp, err := http.Get(url + "/_fakegithub/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct {
		Total  int            `json:"total"`
		Routes map[string]int `json:"routes"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	if route := "GET /orgs/{org}/packages/{package_type}/{package_name}"; stats.Total != 2 || stats.Routes[route] != 2 {
		t.Errorf("stats %+v, want 2 requests to %s", stats, route)
	}
}
