package provider

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Checks of the requests the fake GitHub received.

// writes checks the DELETE and POST requests since the last
// fake.ResetRequests (in the step's PreConfig): how many, and on which
// routes.
func writes(fake *fakegithub.Server, wantRoutes ...string) serverCheck {
	return func() error {
		var got []string
		for _, r := range fake.Requests() {
			if r.Method == http.MethodDelete || r.Method == http.MethodPost {
				got = append(got, r.Route)
			}
		}
		if n := fake.WriteCount(); n != len(got) {
			return fmt.Errorf("fake counts %d writes, its request list %d", n, len(got))
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(wantRoutes))
		if !slices.Equal(got, want) {
			return fmt.Errorf("write requests during the step: %q, want %q", got, want)
		}
		return nil
	}
}

// answered counts the fake's answers with a status that satisfies is.
func answered(fake *fakegithub.Server, is func(int) bool) int {
	n := 0
	for _, r := range fake.Requests() {
		if is(r.Status) {
			n++
		}
	}
	return n
}

// sentToken checks that every request the fake saw carried want.
func sentToken(fake *fakegithub.Server, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := fake.Requests()
		if len(reqs) == 0 {
			return fmt.Errorf("the provider sent no request")
		}
		for _, r := range reqs {
			if got := r.Header.Get("Authorization"); got != "Bearer "+want {
				return fmt.Errorf("request %s %s sent %q, want the token %q", r.Method, r.Path, got, want)
			}
		}
		return nil
	}
}

// expectRequests checks how many requests of a route the fake received.
func expectRequests(fake *fakegithub.Server, route string, want int) resource.TestCheckFunc {
	return func(_ *terraform.State) error {
		if got := fake.Count(route); got != want {
			return fmt.Errorf("%s: %d request(s), want %d", route, got, want)
		}
		return nil
	}
}

// assertNoRequests proves that invalid configurations were refused before
// the provider called GitHub: the fake saw nothing.
func assertNoRequests(t *testing.T, fake *fakegithub.Server) {
	t.Helper()
	if reqs := fake.Requests(); len(reqs) != 0 {
		t.Errorf("invalid input reached GitHub: %d request(s), the first %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
	}
}
