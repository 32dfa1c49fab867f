package ghclient

import (
	"context"
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

// Headers GitHub asks every client to send (API-NOTES.md, "Headers to send").
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

	if c, ok := ctx.Value(attemptsKey{}).(*atomic.Int32); ok {
		c.Add(1)
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

// attemptsKey carries an *atomic.Int32 that counts the attempts of one
// logical request, so that a client method can tell a first answer from the
// answer to a retry (a 404 on the retry of a DELETE means the first attempt
// did the work).
type attemptsKey struct{}

func withAttemptCounter(ctx context.Context) (context.Context, *atomic.Int32) {
	c := new(atomic.Int32)
	return context.WithValue(ctx, attemptsKey{}, c), c
}
