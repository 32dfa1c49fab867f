package ghclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Client tests run against the in-repo fake GitHub, which validates every
// request and every response against GitHub's OpenAPI description and fails
// the test on any violation.

// fastRetries keeps retry tests in milliseconds.
var fastRetries = RetryPolicy{MaxRetries: 8, MaxRateLimitWait: 10 * time.Second, WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond, AttemptTimeout: 10 * time.Second}

func newTestClient(t *testing.T, fake *fakegithub.Server, token string, adjust ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: fake.URL(), Token: token, UserAgent: "terraform-provider-ghpackages/test", Retry: fastRetries, MaxConcurrentRequests: 4}
	for _, a := range adjust {
		a(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	acme     = address.Org("acme")
	hubot    = address.User("hubot")
	me       = address.Me()
	acmeWeb  = address.Package{Owner: acme, Type: "container", Name: "web"}
	acmeTeam = address.Package{Owner: acme, Type: "container", Name: "team/app"}
)

// TestAllRoutes calls every operation for every owner and checks that each
// of the 27 routes of the contract was reached, with a success answer.
func TestAllRoutes(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	ctx := context.Background()
	owners := []struct {
		owner address.Owner
		token string
		pkg   address.Package
	}{
		{acme, fakegithub.TokenFull, acmeWeb},
		{hubot, fakegithub.TokenHubot, address.Package{Owner: hubot, Type: "container", Name: "hubot-image"}},
		{me, fakegithub.TokenFull, address.Package{Owner: me, Type: "container", Name: "dotfiles"}},
	}
	for _, o := range owners {
		c := newTestClient(t, fake, o.token)
		if _, err := c.ListPackages(ctx, o.owner, "container", ""); err != nil {
			t.Fatalf("%s: ListPackages: %v", o.owner, err)
		}
		if _, err := c.ListDockerConflicts(ctx, o.owner); err != nil {
			t.Fatalf("%s: ListDockerConflicts: %v", o.owner, err)
		}
		if p, err := c.GetPackage(ctx, o.pkg); err != nil || p.Name != o.pkg.Name {
			t.Fatalf("%s: GetPackage = %+v, %v", o.owner, p, err)
		}
		versions, err := c.ListVersions(ctx, o.pkg, "active")
		if err != nil || len(versions) < 2 {
			t.Fatalf("%s: ListVersions = %d versions, %v", o.owner, len(versions), err)
		}
		oldest := address.Version{Package: o.pkg, ID: versions[len(versions)-1].ID}
		if v, err := c.GetVersion(ctx, oldest); err != nil || v.ID != oldest.ID {
			t.Fatalf("%s: GetVersion = %+v, %v", o.owner, v, err)
		}
		if err := c.DeleteVersion(ctx, oldest); err != nil {
			t.Fatalf("%s: DeleteVersion: %v", o.owner, err)
		}
		deleted, err := c.ListVersions(ctx, o.pkg, "deleted")
		if err != nil || !containsVersion(deleted, oldest.ID) {
			t.Fatalf("%s: deleted list lacks %d: %v", o.owner, oldest.ID, err)
		}
		if err := c.RestoreVersion(ctx, oldest); err != nil {
			t.Fatalf("%s: RestoreVersion: %v", o.owner, err)
		}
		if err := c.DeletePackage(ctx, o.pkg); err != nil {
			t.Fatalf("%s: DeletePackage: %v", o.owner, err)
		}
		if _, err := c.GetPackage(ctx, o.pkg); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%s: GetPackage after delete: %v, want ErrNotFound", o.owner, err)
		}
		if err := c.RestorePackage(ctx, o.pkg); err != nil {
			t.Fatalf("%s: RestorePackage: %v", o.owner, err)
		}
	}
	routes := fake.Routes()
	if len(routes) != 27 {
		t.Fatalf("the fake knows %d routes, want 27", len(routes))
	}
	ok := map[string]bool{}
	for _, r := range fake.Requests() {
		if r.Status >= 200 && r.Status < 300 {
			ok[r.Route] = true
		}
	}
	for _, route := range routes {
		if !ok[route] {
			t.Errorf("route %s was not exercised with a success answer", route)
		}
	}
}

func containsVersion(list []Version, id int64) bool {
	for _, v := range list {
		if v.ID == id {
			return true
		}
	}
	return false
}

func TestRequestHeaders(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
		t.Fatal(err)
	}
	reqs := fake.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	h := reqs[0].Header
	for name, want := range map[string]string{
		"Accept":               "application/vnd.github+json",
		"X-Github-Api-Version": "2022-11-28",
		"User-Agent":           "terraform-provider-ghpackages/test",
		"Authorization":        "Bearer ghp_fulltoken",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// base_url without a path is GitHub Enterprise Server: /api/v3/.
	if got := reqs[0].Path; got != "/api/v3/orgs/acme/packages/container/web" {
		t.Errorf("path = %q", got)
	}
}

func TestNameIsOneEscapedSegment(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	versions, err := c.ListVersions(context.Background(), acmeTeam, "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.GetVersion(context.Background(), address.Version{Package: acmeTeam, ID: versions[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != fakegithub.AcmeTeamAppV2 || strings.Join(v.Tags, ",") != "latest,v2" {
		t.Errorf("version = %+v", v)
	}
	for _, r := range fake.Requests() {
		if !strings.Contains(r.Path, "/team%2Fapp/") {
			t.Errorf("path %q does not carry the name as one escaped segment", r.Path)
		}
	}
}

// bigSeed has 250 versions in a package of an organization and of a named
// user: more than two full pages of 100.
func bigSeed() fakegithub.Seed {
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		switch seed.Owners[i].Login {
		case "acme", "hubot":
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "big", Type: "npm", Visibility: "public", CreatedDaysAgo: 100, GenerateVersions: 250,
			})
		}
	}
	return seed
}

func TestListVersionsReadsEveryPage(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	for _, owner := range []address.Owner{acme, hubot} {
		fake.ResetRequests()
		pkg := address.Package{Owner: owner, Type: "npm", Name: "big"}
		versions, err := c.ListVersions(context.Background(), pkg, "")
		if err != nil {
			t.Fatalf("%s: %v", owner, err)
		}
		if len(versions) != 250 {
			t.Errorf("%s: %d versions, want 250", owner, len(versions))
		}
		seen := map[int64]bool{}
		for i, v := range versions {
			if seen[v.ID] {
				t.Errorf("%s: version %d listed twice", owner, v.ID)
			}
			seen[v.ID] = true
			if i > 0 && v.CreatedAt > versions[i-1].CreatedAt {
				t.Errorf("%s: not newest first at %d", owner, i)
			}
		}
		reqs := fake.Requests()
		if len(reqs) != 3 {
			t.Errorf("%s: %d requests for 250 versions, want 3", owner, len(reqs))
		}
		for _, r := range reqs {
			if !strings.Contains(r.RawQuery, "per_page=100") {
				t.Errorf("%s: request %s?%s without per_page=100", owner, r.Path, r.RawQuery)
			}
			// The fake's Link headers point at /organizations/{id}/... and
			// /user/{id}/...; the client stays on the documented route.
			if !strings.Contains(r.Path, "/"+owner.PathPrefix()+"/") {
				t.Errorf("%s: request left the documented route: %s", owner, r.Path)
			}
		}
	}
}

func TestListPackagesFilters(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	all, err := c.ListPackages(context.Background(), acme, "container", "")
	if err != nil {
		t.Fatal(err)
	}
	public, err := c.ListPackages(context.Background(), acme, "container", "public")
	if err != nil {
		t.Fatal(err)
	}
	if len(public) == 0 || len(public) >= len(all) {
		t.Fatalf("public %d of %d: the filter did nothing", len(public), len(all))
	}
	for _, p := range public {
		if p.Visibility != "public" {
			t.Errorf("%s is %s", p.Name, p.Visibility)
		}
	}
	for _, p := range all {
		if p.Name == "orphan" && p.Repository != "" {
			t.Errorf("orphan has repository %q, want none", p.Repository)
		}
		if p.Name == "web" && (p.Repository != "acme/web" || p.Owner != "acme" || p.VersionCount != 3 || p.CreatedAt == "") {
			t.Errorf("web = %+v", p)
		}
	}
}

func TestErrorKinds(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	ctx := context.Background()
	full := newTestClient(t, fake, fakegithub.TokenFull)

	_, err := full.GetPackage(ctx, address.Package{Owner: acme, Type: "docker", Name: "web"})
	_ = assertKind(t, "missing package", err, ErrNotFound)

	_, err = newTestClient(t, fake, "ghp_wrong").GetPackage(ctx, acmeWeb)
	_ = assertKind(t, "bad token", err, ErrUnauthorized)

	err = newTestClient(t, fake, fakegithub.TokenReadOnly).DeleteVersion(ctx, address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV2})
	apiErr := assertKind(t, "read-only token deleting", err, ErrForbidden)
	if apiErr != nil && (strings.Join(apiErr.TokenScopes, ",") != "read:packages" || !strings.Contains(strings.Join(apiErr.AcceptedScopes, ","), "delete:packages")) {
		t.Errorf("scopes: token %v, accepted %v", apiErr.TokenScopes, apiErr.AcceptedScopes)
	}

	_, err = newTestClient(t, fake, fakegithub.TokenActions).ListPackages(ctx, acme, "container", "")
	if apiErr := assertKind(t, "actions token listing org packages", err, ErrRefused); apiErr != nil && !apiErr.IsInvalidArgument() {
		t.Errorf("want Invalid argument, got %q", apiErr.Message)
	}

	err = full.DeleteVersion(ctx, address.Version{Package: address.Package{Owner: acme, Type: "npm", Name: "popular"}, ID: fakegithub.AcmePopularV1})
	if apiErr := assertKind(t, "5,000 downloads", err, ErrRefused); apiErr != nil && !apiErr.IsDownloadsRefusal() {
		t.Errorf("want the downloads refusal, got %q", apiErr.Message)
	}

	orphan := address.Version{Package: address.Package{Owner: acme, Type: "container", Name: "orphan"}, ID: fakegithub.AcmeOrphanV1}
	err = full.DeleteVersion(ctx, orphan)
	if apiErr := assertKind(t, "last version", err, ErrRefused); apiErr != nil && !apiErr.IsLastVersionRefusal() {
		t.Errorf("want the last-version refusal, got %q", apiErr.Message)
	}

	// Already deleted: the first answer is a 404, and it is reported.
	err = full.DeleteVersion(ctx, address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV1})
	_ = assertKind(t, "deleting a deleted version", err, ErrNotFound)

	err = full.RestoreVersion(ctx, address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV4})
	_ = assertKind(t, "restoring an active version", err, ErrNotFound)
}

func assertKind(t *testing.T, what string, err, kind error) *APIError {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("%s: got %v, want %v", what, err, kind)
		return nil
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Errorf("%s: %T is not an *APIError", what, err)
		return nil
	}
	if apiErr.Message == "" || apiErr.RequestID == "" {
		t.Errorf("%s: message %q, request id %q", what, apiErr.Message, apiErr.RequestID)
	}
	return apiErr
}

// TestRetriesRideThroughFaults: with a fifth of the answers a 5xx (some of
// them after a write was applied), every operation still ends right.
func TestRetriesRideThroughFaults(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	fake.SetFaultRate(0.2)
	c := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	pkg := address.Package{Owner: acme, Type: "npm", Name: "big"}
	versions, err := c.ListVersions(ctx, pkg, "")
	if err != nil || len(versions) != 250 {
		t.Fatalf("ListVersions: %d, %v", len(versions), err)
	}
	for _, v := range versions[200:] {
		if err := c.DeleteVersion(ctx, address.Version{Package: pkg, ID: v.ID}); err != nil {
			t.Fatalf("DeleteVersion(%d): %v", v.ID, err)
		}
	}
	for _, v := range versions[200:225] {
		if err := c.RestoreVersion(ctx, address.Version{Package: pkg, ID: v.ID}); err != nil {
			t.Fatalf("RestoreVersion(%d): %v", v.ID, err)
		}
	}
	state, _ := fake.Package("acme", "npm", "big")
	if len(state.ActiveVersionIDs) != 225 || len(state.DeletedVersionIDs) != 25 {
		t.Errorf("server holds %d active, %d deleted; want 225, 25", len(state.ActiveVersionIDs), len(state.DeletedVersionIDs))
	}
	faults := 0
	for _, r := range fake.Requests() {
		if r.Status >= 500 {
			faults++
		}
	}
	if faults == 0 {
		t.Error("the fake injected no fault; the test proves nothing")
	}
}

func TestServerErrorAfterRetries(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>"))
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL + "/", Token: "t", Retry: RetryPolicy{MaxRetries: 2, WaitMin: time.Millisecond, WaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetPackage(context.Background(), acmeWeb)
	apiErr := assertKindNoRequestID(t, err, ErrServer)
	if calls.Load() != 3 {
		t.Errorf("%d calls, want 3 (1 + 2 retries)", calls.Load())
	}
	if apiErr != nil && (apiErr.Attempts != 3 || !strings.HasPrefix(apiErr.Message, "502 Bad Gateway 502 Bad Gateway nginx")) {
		t.Errorf("attempts %d, message %q", apiErr.Attempts, apiErr.Message)
	}
}

func assertKindNoRequestID(t *testing.T, err, kind error) *APIError {
	t.Helper()
	var apiErr *APIError
	if !errors.Is(err, kind) || !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want %v", err, kind)
	}
	return apiErr
}

func TestNonJSONSuccessBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<html>captive portal</html>"))
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL + "/", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListVersions(context.Background(), acmeWeb, "")
	apiErr := assertKindNoRequestID(t, err, ErrUnexpected)
	if !strings.Contains(apiErr.Message, "captive portal") {
		t.Errorf("message %q lacks the excerpt", apiErr.Message)
	}
}

func TestSecondaryRateLimitIsWaitedOut(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	fake.SetSecondaryRateLimitEvery(3, time.Second)
	c := newTestClient(t, fake, fakegithub.TokenFull)
	start := time.Now()
	for i := 0; i < 4; i++ {
		if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
			t.Fatal(err)
		}
	}
	if time.Since(start) < time.Second {
		t.Error("the client did not wait the Retry-After second")
	}
}

func TestPrimaryRateLimit(t *testing.T) {
	t.Run("reset within max wait", func(t *testing.T) {
		fake := fakegithub.Start(t, fakegithub.DefaultSeed())
		fake.SetPrimaryRateLimit(2, 2*time.Second)
		c := newTestClient(t, fake, fakegithub.TokenFull)
		for i := 0; i < 3; i++ {
			if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
		}
	})
	t.Run("reset beyond max wait", func(t *testing.T) {
		fake := fakegithub.Start(t, fakegithub.DefaultSeed())
		fake.SetPrimaryRateLimit(1, time.Hour)
		c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) { cfg.Retry.MaxRateLimitWait = time.Minute })
		if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := c.GetPackage(context.Background(), acmeWeb)
		apiErr := assertKind(t, "exhausted", err, ErrRateLimited)
		if time.Since(start) > 2*time.Second {
			t.Errorf("took %s: it must fail fast", time.Since(start))
		}
		if apiErr != nil && (apiErr.Secondary || time.Until(apiErr.ResetAt) < 50*time.Minute || !strings.Contains(err.Error(), "resets at")) {
			t.Errorf("error %v: secondary=%v reset=%v", err, apiErr.Secondary, apiErr.ResetAt)
		}
	})
}

func TestCancellationStopsWaits(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	fake.SetSecondaryRateLimitEvery(1, 30*time.Second)
	c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) { cfg.Retry.MaxRateLimitWait = time.Minute })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetPackage(ctx, acmeWeb)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s after cancellation", time.Since(start))
	}
}

// TestConcurrencyBound checks that no more than MaxConcurrentRequests
// attempts are in flight at once, however many callers there are.
func TestConcurrencyBound(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	fake.SetLatency(20 * time.Millisecond)
	var inFlight inFlightCounter
	c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) { cfg.MaxConcurrentRequests = 2; cfg.Transport = inFlight.transport() })
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak := inFlight.peak.Load(); peak != 2 {
		t.Errorf("peak of %d requests in flight, want 2", peak)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// inFlightCounter records the most requests in flight at once, for the
// tests of the concurrency bound.
type inFlightCounter struct{ now, peak atomic.Int32 }

// enter counts a request in; the func it returns counts it out.
func (c *inFlightCounter) enter() (leave func()) {
	n := c.now.Add(1)
	for {
		p := c.peak.Load()
		if n <= p || c.peak.CompareAndSwap(p, n) {
			break
		}
	}
	return func() { c.now.Add(-1) }
}

// transport counts every request it passes to http.DefaultTransport.
func (c *inFlightCounter) transport() http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		defer c.enter()()
		return http.DefaultTransport.RoundTrip(r)
	})
}

// A 503 whose Retry-After is longer than MaxRateLimitWait fails at once, with
// one attempt and the refused wait in the error, instead of waiting a day.
func TestLongRetryAfterOnServerErrorFailsFast(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	fake.SetOutage(100, 24*time.Hour)
	c := newTestClient(t, fake, fakegithub.TokenFull)
	start := time.Now()
	_, err := c.GetPackage(context.Background(), acmeWeb)
	apiErr := assertKind(t, "503 Retry-After: 86400", err, ErrServer)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %s: it must fail at once", elapsed)
	}
	if apiErr != nil && (apiErr.Attempts != 1 || apiErr.RefusedWait != 24*time.Hour) {
		t.Errorf("attempts %d, refused wait %s; want 1 and 24h", apiErr.Attempts, apiErr.RefusedWait)
	}
	// Within the bound, the wait is honoured and the call succeeds.
	fake.SetOutage(1, time.Second)
	start = time.Now()
	if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < time.Second {
		t.Error("the Retry-After second was not waited")
	}
}

// The primary limit's reset is read on GitHub's clock (its Date header): a
// server clock behind ours must not turn the wait into a burst of retries,
// and one ahead of ours must not turn a short wait into a refusal.
func TestPrimaryRateLimitWithClockSkew(t *testing.T) {
	for name, skew := range map[string]time.Duration{"server 10 minutes behind": -10 * time.Minute, "server an hour ahead": time.Hour} {
		t.Run(name, func(t *testing.T) {
			fake := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithClock(func() time.Time { return time.Now().Add(skew) }))
			fake.SetPrimaryRateLimit(2, 2*time.Second)
			c := newTestClient(t, fake, fakegithub.TokenFull)
			start := time.Now()
			for i := 0; i < 3; i++ {
				if _, err := c.GetPackage(context.Background(), acmeWeb); err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
			}
			if elapsed := time.Since(start); elapsed < time.Second {
				t.Errorf("took %s: the client did not wait for the reset", elapsed)
			}
			limited := 0
			for _, r := range fake.Requests() {
				if r.Status == http.StatusForbidden {
					limited++
				}
			}
			if limited > 2 {
				t.Errorf("%d requests hit the exhausted limit; want at most 2 (no burst)", limited)
			}
		})
	}
}

// The attempt timeout runs from when a request is sent, not while it waits
// for a concurrency slot: requests queued behind a slow one do not time out.
func TestAttemptTimeoutStartsAtSend(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	fake.SetLatency(300 * time.Millisecond)
	c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) {
		cfg.MaxConcurrentRequests = 1
		cfg.Retry.MaxRetries = 0
		cfg.Retry.AttemptTimeout = 500 * time.Millisecond
	})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetPackage(context.Background(), acmeWeb)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a request queued for a slot timed out: %v", err)
		}
	}
	// And a request that really takes too long still times out.
	fake.SetLatency(2 * time.Second)
	start := time.Now()
	if _, err := c.GetPackage(context.Background(), acmeWeb); err == nil || !strings.Contains(err.Error(), "attempt timeout") {
		t.Errorf("err = %v, want the attempt timeout", err)
	}
	if elapsed := time.Since(start); elapsed > 1500*time.Millisecond {
		t.Errorf("the timeout of 500ms took %s", elapsed)
	}
}
