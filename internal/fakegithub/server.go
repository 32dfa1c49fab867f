package fakegithub

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a stateful fake of GitHub's Packages REST API. All methods are
// safe for concurrent use.
type Server struct {
	routes   []*routeTemplate
	clock    func() time.Time
	validate bool
	url      string

	mu         sync.Mutex
	st         *state
	tokens     map[string]*token
	latency    time.Duration
	faults     faultInjector
	primary    primaryLimiter
	secondary  secondaryLimiter
	redirect   redirectRule
	outage     outage
	requestSeq int
	requests   []*RequestRecord
	violations []string
	hooks      map[string]func(*http.Request)
	reg        registryState
}

// Option configures New and Start.
type Option func(*options)

type options struct {
	clock    func() time.Time
	validate bool
	randSeed int64
}

// WithClock makes the fake read the time from now: seed ages, deletion
// times, the 30-day restore window and rate-limit windows all follow it.
func WithClock(now func() time.Time) Option { return func(o *options) { o.clock = now } }

// WithContractValidation turns the OpenAPI contract check on (the default)
// or off. Tests that send deliberately malformed requests turn it off.
func WithContractValidation(on bool) Option { return func(o *options) { o.validate = on } }

// WithRandSeed seeds the generator that picks injected faults (default 1).
func WithRandSeed(seed int64) Option { return func(o *options) { o.randSeed = seed } }

// New builds a fake holding seed. Serve it with its ServeHTTP method, or use
// Start in tests.
func New(seed Seed, opts ...Option) (*Server, error) {
	o := options{clock: time.Now, validate: true, randSeed: 1}
	for _, opt := range opts {
		opt(&o)
	}
	doc, err := loadSpec()
	if err != nil {
		return nil, err
	}
	if o.validate {
		// Build the router now so a broken description fails New, not a request.
		if _, err := contractRouter(); err != nil {
			return nil, err
		}
	}
	st, err := newState(seed, o.clock())
	if err != nil {
		return nil, err
	}
	tokens, err := buildTokens(seed.Tokens, st)
	if err != nil {
		return nil, err
	}
	return &Server{
		routes:   specRoutes(doc),
		clock:    o.clock,
		validate: o.validate,
		st:       st,
		tokens:   tokens,
		faults:   newFaultInjector(o.randSeed),
		primary:  newPrimaryLimiter(defaultPrimaryLimit, defaultPrimaryWindow),
	}, nil
}

// Start serves a new fake on 127.0.0.1 for the duration of the test, with
// the contract check on unless opts turn it off. When the test ends the
// server is closed and every contract violation it recorded fails the test.
func Start(t testing.TB, seed Seed, opts ...Option) *Server {
	t.Helper()
	s, err := New(seed, opts...)
	if err != nil {
		t.Fatalf("fakegithub: %v", err)
	}
	ts := httptest.NewServer(s)
	s.url = ts.URL
	t.Cleanup(func() {
		ts.Close()
		for _, v := range s.ContractViolations() {
			t.Errorf("fakegithub: GitHub API contract violation: %s", v)
		}
	})
	return s
}

// URL is the base URL of a server made by Start, "http://127.0.0.1:PORT"
// without a trailing slash. The API is served there and under /api/v3, the
// GitHub Enterprise Server prefix.
func (s *Server) URL() string { return s.url }

// statusClientGone is recorded for requests whose client gave up while the
// fake was delaying them (the code nginx uses for that).
const statusClientGone = 499

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := matchRoute(s.routes, r.Method, r.URL.EscapedPath())

	s.mu.Lock()
	s.requestSeq++
	requestID := fmt.Sprintf("FAKE:%06X", s.requestSeq)
	record := &RequestRecord{
		Method:   r.Method,
		Path:     r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
	}
	if m.tmpl != nil {
		record.Route = m.tmpl.key()
	}
	s.requests = append(s.requests, record)
	latency := s.latency
	hook := s.hooks[record.Route]
	s.mu.Unlock()
	if hook != nil {
		hook(r)
	}

	if isRegistryPath(r.URL.Path) {
		s.mu.Lock()
		resp := s.serveRegistry(r, record)
		s.mu.Unlock()
		resp.write(w)
		s.setStatus(record, resp.status)
		return
	}

	if resp, ok := s.redirectFor(r); ok {
		resp.header.Set("X-GitHub-Request-Id", requestID)
		resp.write(w)
		s.setStatus(record, resp.status)
		return
	}

	var checked *checkedRequest
	if s.validate {
		var err error
		checked, err = validateRequest(r, m.contractPath)
		if err != nil {
			s.addViolation(r, "request", err)
		}
	}

	if latency > 0 {
		timer := time.NewTimer(latency)
		select {
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			s.setStatus(record, statusClientGone)
			return
		}
	}

	resp := s.respond(r, m, requestID)
	resp.header.Set("X-GitHub-Request-Id", requestID)
	// The fake's clock, not the host's: a test with WithClock sees a server
	// whose clock differs from its own, as rate-limit resets do.
	resp.header.Set("Date", s.clock().UTC().Format(http.TimeFormat))
	if checked != nil {
		if err := validateResponse(checked, resp); err != nil {
			s.addViolation(r, fmt.Sprintf("response %d", resp.status), err)
		}
	}
	resp.write(w)
	s.setStatus(record, resp.status)
}

// respond computes the answer, injecting a fault before or after the work
// when one is due.
func (s *Server) respond(r *http.Request, m match, requestID string) *response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if resp, ok := s.outage.next(); ok {
		return resp
	}
	ft, failed := s.faults.decide(r.Method)
	if failed && !ft.afterMutation {
		return ft.response()
	}
	resp := s.handle(r, m, requestID)
	if failed {
		return ft.response()
	}
	return resp
}

func (s *Server) addViolation(r *http.Request, what string, err error) {
	v := fmt.Sprintf("%s %s: %s: %s", r.Method, r.URL.RequestURI(), what, strings.ReplaceAll(err.Error(), "\n", " | "))
	s.mu.Lock()
	s.violations = append(s.violations, v)
	s.mu.Unlock()
}

// ContractViolations lists every request and answer that broke the OpenAPI
// contract, as "METHOD URI: request|response STATUS: reason".
func (s *Server) ContractViolations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// Routes lists the contract's 27 route templates, "METHOD /path", sorted.
func (s *Server) Routes() []string {
	out := make([]string, len(s.routes))
	for i, t := range s.routes {
		out[i] = t.key()
	}
	return out
}

// SetLatency delays every later request by d, or until its client gives up.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetFaultRate makes that fraction of later requests fail with a 502 (HTML
// proxy page), a 503 (JSON) or a 500 (empty body). Half of the failing
// DELETE and POST requests take effect before failing.
func (s *Server) SetFaultRate(rate float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rate = rate
}

// SetOutage answers the next n requests with 503 and Retry-After:
// retryAfter (whole seconds, rounded up), before any other fault.
func (s *Server) SetOutage(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outage = outage{remaining: n, retryAfter: retryAfter}
}

// SetSecondaryRateLimitEvery makes every n-th later authenticated request
// hit a secondary rate limit, answered with 403 and 429 in turn, with a
// Retry-After header when retryAfter > 0. n = 0 turns it off.
func (s *Server) SetSecondaryRateLimitEvery(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.secondary = secondaryLimiter{every: n, retryAfter: retryAfter}
}

// SetPrimaryRateLimit allows each token limit requests per window, starting
// afresh for every token. limit <= 0 restores GitHub's 5000 an hour.
func (s *Server) SetPrimaryRateLimit(limit int, window time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.primary = newPrimaryLimiter(limit, window)
}
