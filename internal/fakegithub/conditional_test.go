package fakegithub_test

import (
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestETag(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	const path = "/orgs/acme/packages/container/web/versions"

	first := get(t, s, path, fullToken).expect(t, 200, "")
	tag := first.header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag on a 200 GET")
	}
	r := get(t, s, path, fullToken, "If-None-Match", tag).expect(t, 304, "")
	if len(r.body) != 0 {
		t.Errorf("304 with body %q", r.body)
	}
	if r.header.Get("ETag") != tag {
		t.Errorf("304 ETag %q, want %q", r.header.Get("ETag"), tag)
	}
	// A 304 does not count against the primary limit.
	if used := r.header.Get("X-RateLimit-Used"); used != first.header.Get("X-RateLimit-Used") {
		t.Errorf("X-RateLimit-Used went from %s to %s on a 304", first.header.Get("X-RateLimit-Used"), used)
	}
	get(t, s, path, fullToken, "If-None-Match", `"something-else", `+tag).expect(t, 304, "")

	s.PushVersion("acme", "container", "web", fakegithub.SeedVersion{Tags: []string{"3.0.0"}})
	r = get(t, s, path, fullToken, "If-None-Match", tag).expect(t, 200, "")
	if r.header.Get("ETag") == tag {
		t.Error("ETag unchanged after a push")
	}
	// Errors carry no ETag.
	if r := get(t, s, path+"/1", fullToken).expect(t, 404, ""); r.header.Get("ETag") != "" {
		t.Error("404 with an ETag")
	}
}
