package fakegithub

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// GitHub's primary limit for a personal access token.
const (
	defaultPrimaryLimit  = 5000
	defaultPrimaryWindow = time.Hour
)

const (
	docsPrimaryLimit   = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits"
	docsSecondaryLimit = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)

// primaryLimiter counts requests per token in fixed windows that start with
// a token's first request.
type primaryLimiter struct {
	limit   int
	window  time.Duration
	buckets map[string]*bucket
}

type bucket struct {
	used  int
	reset time.Time // whole seconds, so waiting until X-RateLimit-Reset is enough
}

func newPrimaryLimiter(limit int, window time.Duration) primaryLimiter {
	if limit <= 0 {
		limit = defaultPrimaryLimit
	}
	if window <= 0 {
		window = defaultPrimaryWindow
	}
	return primaryLimiter{limit: limit, window: window, buckets: map[string]*bucket{}}
}

// bucket is the token's current window, a fresh one once the last has ended.
func (l *primaryLimiter) bucket(tok string, now time.Time) *bucket {
	b := l.buckets[tok]
	if b == nil || !now.Before(b.reset) {
		reset := now.Add(l.window)
		if t := reset.Truncate(time.Second); !t.Equal(reset) {
			reset = t.Add(time.Second)
		}
		b = &bucket{reset: reset}
		l.buckets[tok] = b
	}
	return b
}

func (l *primaryLimiter) exhausted(b *bucket) bool { return b.used >= l.limit }

// setHeaders writes the X-RateLimit-* headers GitHub sends on every
// authenticated answer.
func (l *primaryLimiter) setHeaders(h http.Header, b *bucket) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(l.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(0, l.limit-b.used)))
	h.Set("X-RateLimit-Used", strconv.Itoa(b.used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(b.reset.Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
}

func primaryLimitResponse(userID int64) *response {
	return jsonResponse(http.StatusForbidden, basicError{
		Message:          fmt.Sprintf("API rate limit exceeded for user ID %d.", userID),
		DocumentationURL: docsPrimaryLimit,
	})
}

// secondaryLimiter trips on every n-th authenticated request, answering 403
// and 429 in turn, as GitHub uses both for its secondary limits.
type secondaryLimiter struct {
	every      int // 0 disables
	retryAfter time.Duration
	seen       int
	tripped    int
}

// next counts a request and returns the answer when it is limited.
func (l *secondaryLimiter) next(requestID string) (*response, bool) {
	if l.every <= 0 {
		return nil, false
	}
	l.seen++
	if l.seen%l.every != 0 {
		return nil, false
	}
	l.tripped++
	status := http.StatusForbidden
	if l.tripped%2 == 0 {
		status = http.StatusTooManyRequests
	}
	resp := jsonResponse(status, basicError{
		Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
			"If you reach out to GitHub Support for help, please include the request ID " + requestID + ".",
		DocumentationURL: docsSecondaryLimit,
	})
	if l.retryAfter > 0 {
		resp.header.Set("Retry-After", strconv.Itoa(int(math.Ceil(l.retryAfter.Seconds()))))
	}
	return resp, true
}

// deleteThrottle is GitHub's throttle of package deletions, which is
// stricter than the general limits: ghcr-cleanup-action's maintainers see
// about 1,000 deletions per 30 minutes, users 1,700 before 429s. Each token
// may send limit DELETEs per window (fixed windows from its first DELETE);
// beyond that, DELETEs are answered 429 with a Retry-After until the window
// ends.
type deleteThrottle struct {
	limit   int // 0 disables
	window  time.Duration
	buckets map[string]*bucket
}

// next counts a DELETE of tok and returns the answer when it is throttled.
func (d *deleteThrottle) next(tok string, now time.Time, requestID string) (*response, bool) {
	if d.limit <= 0 {
		return nil, false
	}
	b := d.buckets[tok]
	if b == nil || !now.Before(b.reset) {
		b = &bucket{reset: now.Add(d.window)}
		d.buckets[tok] = b
	}
	if b.used < d.limit {
		b.used++
		return nil, false
	}
	resp := jsonResponse(http.StatusTooManyRequests, basicError{
		Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
			"If you reach out to GitHub Support for help, please include the request ID " + requestID + ".",
		DocumentationURL: docsSecondaryLimit,
	})
	resp.header.Set("Retry-After", strconv.Itoa(int(math.Ceil(b.reset.Sub(now).Seconds()))))
	return resp, true
}
