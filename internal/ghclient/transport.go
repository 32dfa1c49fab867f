package ghclient

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The HTTP stack, outermost first; go-github's http.Client drives it:
//
//	headerTransport   token, Accept; masks the token in every log below
//	retryTransport    retries and rate-limit waits (go-retryablehttp)
//	attemptTransport  one attempt: shared rate gate, concurrency bound, logging
//	base              net/http connection pool
//
// Each layer has one job, so that retries see every attempt and the bound on
// concurrent requests counts attempts, not logical calls.

// Headers GitHub asks every client to send (internal/fakegithub/API-NOTES.md,
// "Headers to send").
const (
	mediaType  = "application/vnd.github+json"
	apiVersion = "2022-11-28"
)

// headerTransport adds the headers that go-github does not set the way
// GitHub's current documentation asks.
type headerTransport struct {
	token string
	next  http.RoundTripper
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := maskToken(req.Context(), t.token)
	req = req.Clone(ctx)
	req.Header.Set("Authorization", "Bearer "+t.token)
	req.Header.Set("Accept", mediaType)
	req.Header.Set("X-GitHub-Api-Version", apiVersion)
	return t.next.RoundTrip(req)
}

// attemptTransport sends one attempt of a request.
type attemptTransport struct {
	base http.RoundTripper
	gate *rateGate
	// slots bounds the requests in flight for the whole provider process:
	// GitHub asks clients not to fire many requests at once for one token.
	slots chan struct{}
	// timeout bounds one attempt from the moment it is sent until its body
	// is read (0: no bound). It does not run while the attempt waits at the
	// gate or for a slot: a legitimate rate-limit wait of minutes must not
	// time out the requests queued behind it.
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if err := t.gate.wait(ctx); err != nil {
		return nil, err
	}
	select {
	case t.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-t.slots }()

	cancel := context.CancelFunc(func() {})
	if t.timeout > 0 {
		var attemptCtx context.Context
		attemptCtx, cancel = context.WithTimeout(ctx, t.timeout)
		req = req.WithContext(attemptCtx)
	}
	resp, err := t.send(req)
	if err != nil {
		cancel()
		if ctx.Err() == nil && req.Context().Err() != nil {
			// Our timeout, not the caller's cancellation: a transient
			// failure that the retry layer retries.
			return nil, fmt.Errorf("no answer within the attempt timeout of %s: %w", t.timeout, err)
		}
		return nil, err
	}
	// The timeout covers reading the body too; it ends when the body is
	// closed.
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// send makes the attempt and logs it.
func (t *attemptTransport) send(req *http.Request) (*http.Response, error) {
	ctx := req.Context()

	if tr := callTraceOf(ctx); tr != nil {
		tr.attempts.Add(1)
	}
	start := time.Now()
	tflog.Debug(ctx, "GitHub API request", map[string]any{"method": req.Method, "path": req.URL.EscapedPath(), "query": req.URL.RawQuery})
	resp, err := t.base.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.EscapedPath(),
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Debug(ctx, "GitHub API request failed", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("X-GitHub-Request-Id")
	fields["rate_limit_remaining"] = resp.Header.Get("X-RateLimit-Remaining")
	tflog.Debug(ctx, "GitHub API response", fields)
	tflog.Trace(ctx, "GitHub API response headers", map[string]any{"headers": headerSummary(resp.Header)})
	return resp, nil
}

// cancelOnClose ends an attempt's timeout when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// headerSummary renders response headers for TRACE logs. Responses carry no
// credentials, but Set-Cookie is dropped all the same.
func headerSummary(h http.Header) string {
	var b strings.Builder
	for k, v := range h {
		if strings.EqualFold(k, "Set-Cookie") {
			continue
		}
		b.WriteString(k + ": " + strings.Join(v, ", ") + "; ")
	}
	return b.String()
}

// callTrace records what happened below go-github to one logical request:
// how many attempts were sent, so that a client method can tell a first
// answer from the answer to a retry (a 404 on the retry of a DELETE means
// the first attempt did the work), and which wait the retry layer refused
// as longer than MaxRateLimitWait, so that the error can say so.
type callTrace struct {
	attempts    atomic.Int32
	refusedWait atomic.Int64 // a time.Duration; 0 when none was refused
}

type callTraceKey struct{}

func withCallTrace(ctx context.Context) (context.Context, *callTrace) {
	tr := new(callTrace)
	return context.WithValue(ctx, callTraceKey{}, tr), tr
}

func callTraceOf(ctx context.Context) *callTrace {
	tr, _ := ctx.Value(callTraceKey{}).(*callTrace)
	return tr
}

// noteRefusedWait records that the retry layer gave up instead of waiting d.
func noteRefusedWait(ctx context.Context, d time.Duration) {
	if tr := callTraceOf(ctx); tr != nil {
		tr.refusedWait.Store(int64(d))
	}
}
