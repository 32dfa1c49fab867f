package fakegithub_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestPrimaryRateLimit(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 1, 12, 0, 0, 500_000_000, time.UTC)}
	s := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithClock(c.Now))
	s.SetPrimaryRateLimit(3, time.Minute)
	const path = "/orgs/acme/packages/container/web"
	wantReset := strconv.FormatInt(time.Date(2025, 6, 1, 12, 1, 1, 0, time.UTC).Unix(), 10)

	for i := 1; i <= 3; i++ {
		r := get(t, s, path, fullToken).expect(t, 200, "")
		if got := r.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(3-i) {
			t.Errorf("request %d: remaining %s", i, got)
		}
		if r.header.Get("X-RateLimit-Limit") != "3" || r.header.Get("X-RateLimit-Used") != strconv.Itoa(i) ||
			r.header.Get("X-RateLimit-Reset") != wantReset {
			t.Errorf("request %d: headers %v", i, r.header)
		}
	}
	r := get(t, s, path, fullToken).expect(t, 403, "API rate limit exceeded for user ID 583231.")
	if r.header.Get("X-RateLimit-Remaining") != "0" || r.header.Get("X-RateLimit-Reset") != wantReset {
		t.Errorf("exhausted headers %v", r.header)
	}
	// Limits are per token.
	get(t, s, path, readOnlyToken).expect(t, 200, "")

	c.advance(61 * time.Second)
	r = get(t, s, path, fullToken).expect(t, 200, "")
	if r.header.Get("X-RateLimit-Remaining") != "2" {
		t.Errorf("after reset: remaining %s", r.header.Get("X-RateLimit-Remaining"))
	}
}

func TestSecondaryRateLimit(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const path = "/orgs/acme/packages/container/web"
	s.SetSecondaryRateLimitEvery(3, 7*time.Second)
	var statuses []int
	for range 6 {
		r := get(t, s, path, fullToken)
		statuses = append(statuses, r.status)
		if r.status == 403 || r.status == 429 {
			r.expect(t, r.status, "")
			if !strings.Contains(string(r.body), "You have exceeded a secondary rate limit") {
				t.Errorf("body %s", r.body)
			}
			if r.header.Get("Retry-After") != "7" {
				t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
			}
			if r.header.Get("X-RateLimit-Remaining") == "0" {
				t.Error("secondary limit reported as primary")
			}
		}
	}
	if want := []int{200, 200, 403, 200, 200, 429}; fmt.Sprint(statuses) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", statuses, want)
	}

	s.SetSecondaryRateLimitEvery(1, 0)
	r := get(t, s, path, fullToken).expect(t, 403, "")
	if _, ok := r.header["Retry-After"]; ok {
		t.Error("Retry-After sent with retryAfter 0")
	}
	s.SetSecondaryRateLimitEvery(0, 0)
	get(t, s, path, fullToken).expect(t, 200, "")
}
