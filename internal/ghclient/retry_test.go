package ghclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func response(status int, body string, kv ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

func TestRetryDecisions(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	rt := &retryTransport{policy: RetryPolicy{MaxRateLimitWait: 5 * time.Minute, WaitMin: time.Second, WaitMax: 8 * time.Second}}
	ctx := context.Background()
	cases := []struct {
		name    string
		resp    *http.Response
		err     error
		retry   bool
		wait    time.Duration // exact, or 0 to skip
		holdAll bool
	}{
		{"502", response(502, "<html>"), nil, true, 0, false},
		{"503 with Retry-After", response(503, "", "Retry-After", "20"), nil, true, 20 * time.Second, false},
		{"connection refused", nil, &net.OpError{Op: "dial", Err: errors.New("connection refused")}, true, 0, false},
		{"404", response(404, `{"message":"Package not found."}`), nil, false, 0, false},
		{"400", response(400, `{"message":"Invalid argument."}`), nil, false, 0, false},
		{"403 missing scope", response(403, `{"message":"You need delete:packages"}`), nil, false, 0, false},
		{"secondary with Retry-After", response(403, `{"message":"You have exceeded a secondary rate limit."}`, "Retry-After", "7"), nil, true, 7 * time.Second, true},
		{"secondary without Retry-After waits a minute", response(403, `{"message":"You have exceeded a secondary rate limit."}`), nil, true, time.Minute, true},
		{"429 without headers", response(429, ``), nil, true, time.Minute, true},
		{"primary, reset in 2 minutes", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1700000120"), nil, true, 121 * time.Second, true},
		{"primary, reset in an hour: fail fast", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1700003600"), nil, false, 0, false},
		{"secondary asking for an hour: fail fast", response(429, ``, "Retry-After", "3600"), nil, false, 0, false},
		{"503 asking for a day: fail fast", response(503, "", "Retry-After", "86400"), nil, false, 0, false},
		{"503 asking for 4 minutes: waits", response(503, "", "Retry-After", "240"), nil, true, 4 * time.Minute, false},
		// Waits are measured on GitHub's clock (the Date header).
		{"primary, local clock 10 minutes ahead", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0",
			"X-RateLimit-Reset", "1699999420", "Date", time.Unix(1_700_000_000-600, 0).UTC().Format(http.TimeFormat)), nil, true, 21 * time.Second, true},
		{"primary, local clock an hour behind", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0",
			"X-RateLimit-Reset", "1700003630", "Date", time.Unix(1_700_003_600, 0).UTC().Format(http.TimeFormat)), nil, true, 31 * time.Second, true},
		{"primary, reset already past on GitHub's clock: a second's floor", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0",
			"X-RateLimit-Reset", "1699999990", "Date", time.Unix(1_700_000_000, 0).UTC().Format(http.TimeFormat)), nil, true, time.Second, true},
		{"primary, no Date: the local clock", response(403, `{"message":"API rate limit exceeded"}`, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1699999000"), nil, true, time.Second, true},
	}
	for _, c := range cases {
		d := rt.decide(ctx, c.resp, c.err, 1, now)
		if d.retry != c.retry || d.holdAll != c.holdAll || (c.wait != 0 && d.wait != c.wait) {
			t.Errorf("%s: decision %+v; want retry=%v wait=%v holdAll=%v", c.name, d, c.retry, c.wait, c.holdAll)
		}
		if d.retry && d.reason == "" {
			t.Errorf("%s: a wait without a reason to log", c.name)
		}
		if c.resp != nil {
			// The body must still be there for go-github's error.
			if b, _ := io.ReadAll(c.resp.Body); c.resp.StatusCode == 403 && len(b) == 0 {
				t.Errorf("%s: body consumed", c.name)
			}
		}
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if d := rt.decide(cancelled, response(502, ""), nil, 1, now); d.retry || !errors.Is(d.stop, context.Canceled) {
		t.Errorf("cancelled context: %+v", d)
	}
}

func TestBackoffGrowsWithJitterWithinBounds(t *testing.T) {
	rt := &retryTransport{policy: RetryPolicy{WaitMin: time.Second, WaitMax: 8 * time.Second}}
	for attempt, max := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 8 * time.Second, 9: 8 * time.Second} {
		for i := 0; i < 50; i++ {
			if w := rt.backoff(attempt); w < max/2 || w > max {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", attempt, w, max/2, max)
			}
		}
	}
}
