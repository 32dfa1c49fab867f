package ghclient

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// secondaryDefaultWait is how long to pause after a secondary rate limit
// that names no Retry-After: GitHub asks for at least a minute.
const secondaryDefaultWait = time.Minute

// rateLimit is what a response says about the token's rate limits.
type rateLimit struct {
	remaining    int64 // -1 when the header is absent
	reset        time.Time
	retryAfter   time.Duration
	hasRetryHint bool
}

func parseRateLimit(header http.Header) rateLimit {
	rl := rateLimit{remaining: -1}
	if v, err := strconv.ParseInt(strings.TrimSpace(header.Get("X-RateLimit-Remaining")), 10, 64); err == nil {
		rl.remaining = v
	}
	if v, err := strconv.ParseInt(strings.TrimSpace(header.Get("X-RateLimit-Reset")), 10, 64); err == nil && v > 0 && v < 1<<40 {
		rl.reset = time.Unix(v, 0)
	}
	if d, ok := retryAfterSeconds(header.Get("Retry-After")); ok {
		rl.retryAfter, rl.hasRetryHint = d, true
	}
	return rl
}

// exhausted tells the primary limit's "no requests left in this window".
func (rl rateLimit) exhausted() bool { return rl.remaining == 0 }

// rateGate makes every request of the provider process pause while GitHub
// has asked this token to wait: one request hitting a secondary limit would
// otherwise be followed by all the others in flight hitting it too.
type rateGate struct {
	mu     sync.Mutex
	until  time.Time
	reason string
}

// holdUntil closes the gate until t (never shortening an earlier hold).
func (g *rateGate) holdUntil(t time.Time, reason string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.After(g.until) {
		g.until, g.reason = t, reason
	}
}

// wait blocks until the gate is open or ctx is done.
func (g *rateGate) wait(ctx context.Context) error {
	g.mu.Lock()
	until, reason := g.until, g.reason
	g.mu.Unlock()
	d := time.Until(until)
	if d <= 0 {
		return nil
	}
	logWait(ctx, d, reason)
	return sleep(ctx, d)
}

// sleep waits for d, returning early with ctx's error when it is cancelled
// (Ctrl-C in Terraform cancels the context).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
