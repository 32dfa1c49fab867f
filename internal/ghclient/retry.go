package ghclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// RetryPolicy is the provider's answer to GitHub's ordinary failures.
type RetryPolicy struct {
	// MaxRetries bounds the retries of one request (5xx, connection errors,
	// rate-limit waits); 0 disables retries.
	MaxRetries int
	// MaxRateLimitWait is the longest the provider waits for a rate limit to
	// pass; a longer wait fails at once with the time the quota resets.
	MaxRateLimitWait time.Duration
	// WaitMin and WaitMax bound the exponential backoff between retries of
	// transient failures.
	WaitMin, WaitMax time.Duration
	// AttemptTimeout bounds one attempt, so a hung connection is retried.
	AttemptTimeout time.Duration
}

// DefaultRetryPolicy is what the provider uses unless configured otherwise.
var DefaultRetryPolicy = RetryPolicy{
	MaxRetries:       5,
	MaxRateLimitWait: 5 * time.Minute,
	WaitMin:          time.Second,
	WaitMax:          30 * time.Second,
	AttemptTimeout:   2 * time.Minute,
}

// retryTransport retries one logical request with go-retryablehttp. A
// retryablehttp.Client is made per request so that its callbacks can reach
// the request's context (for tflog and cancellation) and carry the wait that
// the retry decision computed over to the backoff.
type retryTransport struct {
	policy RetryPolicy
	gate   *rateGate
	inner  *http.Client
}

func newRetryTransport(policy RetryPolicy, gate *rateGate, next http.RoundTripper) *retryTransport {
	return &retryTransport{
		policy: policy,
		gate:   gate,
		inner: &http.Client{
			// No Timeout here: it would also run while the attempt waits at
			// the rate gate or for a concurrency slot. attemptTransport
			// starts the attempt timeout when the request is sent.
			Transport: next,
			// Redirects are go-github's http.Client's business, once.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var next retryDecision
	attempts := 0
	rc := &retryablehttp.Client{
		HTTPClient:   t.inner,
		Logger:       nil, // we log through tflog, with the token masked
		RetryMax:     t.policy.MaxRetries,
		RetryWaitMin: t.policy.WaitMin,
		RetryWaitMax: t.policy.WaitMax,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			attempts++
			next = t.decide(ctx, resp, err, attempts, time.Now())
			return next.retry, next.stop
		},
		Backoff: func(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
			// Called only when a retry will really happen.
			if next.holdAll {
				t.gate.holdUntil(time.Now().Add(next.wait), next.reason)
			}
			logWait(ctx, next.wait, next.reason)
			return next.wait
		},
		// Give go-github the last answer as it is, so that it becomes a
		// typed APIError with GitHub's message.
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			if resp != nil {
				return resp, nil
			}
			return nil, err
		},
	}
	rreq, err := retryablehttp.FromRequest(req)
	if err != nil {
		return nil, err
	}
	return rc.Do(rreq)
}

// retryDecision is what to do after one attempt.
type retryDecision struct {
	retry bool
	stop  error // a reason to stop at once (the context is done)
	wait  time.Duration
	// holdAll pauses every request of the process, not just this one: rate
	// limits are per token.
	holdAll bool
	reason  string
}

// decide applies the retry policy to one attempt's outcome. attempt counts
// the attempts made so far (1 after the first).
func (t *retryTransport) decide(ctx context.Context, resp *http.Response, err error, attempt int, now time.Time) retryDecision {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return retryDecision{stop: ctxErr}
	}
	if err != nil {
		// retryablehttp knows which transport errors are permanent (bad
		// scheme, TLS certificate, too many redirects).
		if retry, _ := retryablehttp.DefaultRetryPolicy(ctx, nil, err); !retry {
			return retryDecision{}
		}
		return retryDecision{retry: true, wait: t.backoff(attempt), reason: fmt.Sprintf("transient network error: %v", err)}
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		wait := t.backoff(attempt)
		if d, ok := retryAfterSeconds(resp.Header.Get("Retry-After")); ok && d > wait {
			// Every wait is bounded by MaxRateLimitWait, whoever asks for
			// it: a 503 with Retry-After: 86400 would otherwise wait a day,
			// once per retry.
			if d > t.policy.MaxRateLimitWait {
				noteRefusedWait(ctx, d)
				return retryDecision{}
			}
			wait = d
		}
		return retryDecision{retry: true, wait: wait, reason: fmt.Sprintf("GitHub answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))}
	case http.StatusForbidden, http.StatusTooManyRequests:
		return t.decideRateLimit(ctx, resp, now)
	}
	return retryDecision{}
}

// decideRateLimit waits for a rate limit to pass when that is within
// MaxRateLimitWait; otherwise the answer goes back to the caller at once.
func (t *retryTransport) decideRateLimit(ctx context.Context, resp *http.Response, now time.Time) retryDecision {
	body := peekBody(resp)
	var parsed githubErrorBody
	_ = json.Unmarshal(body, &parsed) // not JSON: judged by the headers alone
	if !isRateLimited(resp.StatusCode, resp.Header, parsed.Message, parsed.DocumentationURL) {
		return retryDecision{}
	}
	rl := parseRateLimit(resp.Header)
	var d retryDecision
	switch {
	case rl.hasRetryHint:
		d = retryDecision{wait: rl.retryAfter, reason: fmt.Sprintf("secondary rate limit (Retry-After: %ds)", int(rl.retryAfter.Seconds()))}
	case rl.exhausted() && !rl.reset.IsZero():
		d = retryDecision{wait: untilReset(rl.reset, resp.Header, now), reason: fmt.Sprintf("primary rate limit exhausted until %s", rl.reset.UTC().Format(time.RFC3339))}
	default:
		d = retryDecision{wait: secondaryDefaultWait, reason: "secondary rate limit (no Retry-After; waiting the minute GitHub asks for)"}
	}
	if d.wait > t.policy.MaxRateLimitWait {
		noteRefusedWait(ctx, d.wait)
		return retryDecision{}
	}
	d.retry, d.holdAll = true, true
	return d
}

// minResetWait is the least the client waits for a primary limit to reset.
// The reset time is the server's; when the local clock is ahead, the reset
// looks past while the limit is still exhausted, and a wait of zero would
// make a burst of retries within milliseconds.
const minResetWait = time.Second

// untilReset is how long until X-RateLimit-Reset, measured on the server's
// clock: the reset minus the answer's own Date header, so that a local
// clock ahead or behind the server's does not shorten or stretch the wait.
// Without a usable Date the local clock stands in. One more second, as
// X-RateLimit-Reset has whole-second resolution, and never less than
// minResetWait.
func untilReset(reset time.Time, header http.Header, now time.Time) time.Duration {
	serverNow := now
	if date, err := http.ParseTime(header.Get("Date")); err == nil {
		serverNow = date
	}
	return max(reset.Sub(serverNow)+time.Second, minResetWait)
}

// backoff is exponential with full jitter in [w/2, w]: retries of many
// requests that failed together do not come back together.
func (t *retryTransport) backoff(attempt int) time.Duration {
	w := t.policy.WaitMin
	for i := 1; i < attempt && w < t.policy.WaitMax; i++ {
		w *= 2
	}
	if w > t.policy.WaitMax {
		w = t.policy.WaitMax
	}
	if w <= 0 {
		return 0
	}
	return w/2 + rand.N(w/2+1)
}

// peekBody reads a (small) error body and puts it back, so that the retry
// decision can look at GitHub's message and go-github still gets the body.
func peekBody(resp *http.Response) []byte {
	if resp.Body == nil {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body
}
