// Package ghclient is the provider's client of the GitHub Packages REST API:
// one typed method per operation, for the three owners of address.Owner, on
// github.com and GitHub Enterprise Server. It uses go-github for types,
// request building, JSON decoding and Link parsing, and adds what the
// provider needs on top: every page of every list, typed errors, retries and
// rate-limit waits, a bound on concurrent requests, and tflog logging with the
// token masked.
package ghclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-github/v92/github"
	"github.com/hashicorp/go-cleanhttp"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// Config configures a Client.
type Config struct {
	// BaseURL is the API root as the user wrote it; see NormalizeBaseURL.
	BaseURL string
	Token   string
	// UserAgent is sent on every request, e.g. terraform-provider-ghpackages/1.2.3.
	UserAgent string
	Retry     RetryPolicy
	// MaxConcurrentRequests bounds the requests in flight at once; < 1 means 1.
	MaxConcurrentRequests int
	// Transport is the innermost transport; nil means a pooled net/http one.
	Transport http.RoundTripper
	// SnapshotThreshold is how many reads of one package's versions within
	// DefaultSnapshotTTL make the client list them all once and answer the
	// next reads from that list (see versionSnapshots). 0 means
	// DefaultSnapshotThreshold; a negative value turns snapshots off.
	SnapshotThreshold int
}

// Client calls the GitHub Packages API. It is safe for concurrent use; one
// Client serves all data sources and resources of a provider process.
type Client struct {
	gh        *github.Client
	baseURL   *url.URL
	snapshots *versionSnapshots
	// deletedSnapshots holds listings of packages' deleted versions for
	// FindDeletedVersion: a deleted version has no GET of its own, so the
	// first lookup lists.
	deletedSnapshots *versionSnapshots
	// slots is MaxConcurrentRequests (at least 1); fetchPages reads that
	// many pages of one list at once.
	slots int
	// shared is the stack below headerTransport: retries, rate-limit waits,
	// the rate gate and the concurrency bound, without GitHub's REST headers
	// or the token. The registry client sends its requests through it.
	shared http.RoundTripper
}

// New builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("no token")
	}
	transport := cfg.Transport
	if transport == nil {
		transport = cleanhttp.DefaultPooledTransport()
	}
	slots := cfg.MaxConcurrentRequests
	if slots < 1 {
		slots = 1
	}
	gate := &rateGate{}
	shared := newRetryTransport(cfg.Retry, gate, &attemptTransport{
		base:    transport,
		gate:    gate,
		slots:   make(chan struct{}, slots),
		timeout: cfg.Retry.AttemptTimeout,
	})
	stack := &headerTransport{token: cfg.Token, next: shared}
	gh, err := github.NewClient(
		github.WithHTTPClient(&http.Client{Transport: stack, CheckRedirect: checkRedirect}),
		github.WithURLs(&base, &base),
		github.WithUserAgent(cfg.UserAgent),
		// Rate limits are the retry layer's business: go-github would
		// otherwise refuse requests on its own, without waiting.
		github.WithDisableRateLimitCheck(),
	)
	if err != nil {
		return nil, err
	}
	threshold := cfg.SnapshotThreshold
	if threshold == 0 {
		threshold = DefaultSnapshotThreshold
	}
	deletedThreshold := 0
	if threshold < 0 {
		deletedThreshold = threshold
	}
	return &Client{
		gh:               gh,
		baseURL:          baseURL,
		snapshots:        newVersionSnapshots(threshold, DefaultSnapshotTTL),
		deletedSnapshots: newVersionSnapshots(deletedThreshold, DefaultSnapshotTTL),
		shared:           shared,
		slots:            slots,
	}, nil
}

// SharedTransport is the client's retry and concurrency stack without the
// REST API's headers and without the token: requests sent through it are
// retried and rate-limited as REST requests are, and count against the same
// max_concurrent_requests bound. The container registry client uses it.
func (c *Client) SharedTransport() http.RoundTripper { return c.shared }

// BaseURL is the normalized API root the client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// MaxConcurrentRequests is how many requests the client sends at once: more
// goroutines calling it only wait.
func (c *Client) MaxConcurrentRequests() int { return c.slots }

// call sends one request and decodes a JSON answer into out (when not nil).
// target is a path relative to the base URL, with its query, or an absolute
// URL on the API host (a Link to follow).
func (c *Client) call(ctx context.Context, method, target string, out any) (*github.Response, error) {
	ctx, trace := withCallTrace(ctx)
	req, err := c.gh.NewRequest(ctx, method, target, nil)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, target, err)
	}
	var body bytes.Buffer
	resp, err := c.gh.Do(req, &body)
	if err != nil {
		return resp, c.callError(req, resp, err, trace)
	}
	if out != nil {
		if err := json.Unmarshal(body.Bytes(), out); err != nil {
			return resp, &APIError{
				kind:       ErrUnexpected,
				StatusCode: resp.StatusCode,
				Method:     method,
				Path:       req.URL.EscapedPath(),
				Message:    fmt.Sprintf("the answer is not the JSON GitHub documents (%v): %s", err, Excerpt(body.Bytes())),
				RequestID:  resp.Header.Get("X-GitHub-Request-Id"),
				Attempts:   int(trace.attempts.Load()),
			}
		}
	}
	return resp, nil
}

// callError turns what go-github returned into an *APIError when the server
// answered, and into a plain error naming the request otherwise.
func (c *Client) callError(req *http.Request, resp *github.Response, err error, trace *callTrace) error {
	if re, ok := asRedirectError(err); ok {
		// net/http returns the redirect answer with the error; it is not
		// GitHub's answer to the request, so it is not an APIError.
		return re
	}
	if resp == nil || resp.Response == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.EscapedPath(), err)
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	}
	e := NewAPIError(req.Method, req.URL.EscapedPath(), resp.StatusCode, resp.Header, body)
	e.Attempts = int(trace.attempts.Load())
	e.RefusedWait = time.Duration(trace.refusedWait.Load())
	return e
}

func (c *Client) sameHost(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.EqualFold(u.Scheme, c.baseURL.Scheme) && strings.EqualFold(u.Host, c.baseURL.Host)
}

// forgetSnapshots drops what the client knows of a package's versions: called
// before and after every write to the package.
func (c *Client) forgetSnapshots(p address.Package) {
	c.snapshots.forget(p)
	c.deletedSnapshots.forget(p)
}
