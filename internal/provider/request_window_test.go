package provider

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// requestWindow is the requests that the fake GitHub receives from the
// moment the window opens. A count reads its own window, named in the test,
// rather than whatever the fake received since someone last reset it:
//
//	w := newRequestWindow(fake)
//	resource.TestStep{
//		PreConfig:         w.open,
//		Config:            ...,
//		ConfigStateChecks: []statecheck.StateCheck{w.writes(restoreRoute)},
//	}
//
// A window spans the steps and the destroy between its open and the check
// that reads it; a window for more than one step says so in its name. A
// check of a window that was never opened, or was opened twice (reused by a
// second step), fails. The tests never call fake.ResetRequests, which
// would move the windows' starts.
type requestWindow struct {
	fake *fakegithub.Server

	mu    sync.Mutex
	start int   // index into fake.Requests(); -1 until opened
	err   error // a misuse, reported by every check of the window
}

// newRequestWindow is a window on fake, not yet open: open it in the
// PreConfig of the step whose requests it counts.
func newRequestWindow(fake *fakegithub.Server) *requestWindow {
	return &requestWindow{fake: fake, start: -1}
}

// openRequestWindow is a window that opens now, for tests that call the
// provider or the CLI outside test steps.
func openRequestWindow(fake *fakegithub.Server) *requestWindow {
	w := newRequestWindow(fake)
	w.open()
	return w
}

// requestsSinceStart is the window of everything the fake received.
func requestsSinceStart(fake *fakegithub.Server) *requestWindow {
	return &requestWindow{fake: fake, start: 0}
}

// open starts the window at the fake's next request.
func (w *requestWindow) open() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.start >= 0 {
		w.err = errors.New("the request window was opened twice: give each step its own window")
		return
	}
	w.start = len(w.fake.Requests())
}

// requests lists the window's requests in arrival order.
func (w *requestWindow) requests() ([]fakegithub.RequestRecord, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.err != nil:
		return nil, w.err
	case w.start < 0:
		return nil, errors.New("the request window was never opened: open it in the PreConfig of the step it counts")
	}
	all := w.fake.Requests()
	if len(all) < w.start {
		return nil, errors.New("the fake's requests were reset while the window was open")
	}
	return all[w.start:], nil
}

// writes checks the window's DELETE and POST requests: how many, and on
// which routes, in any order.
func (w *requestWindow) writes(wantRoutes ...string) serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		var got []string
		for _, r := range reqs {
			if r.Method == http.MethodDelete || r.Method == http.MethodPost {
				got = append(got, r.Route)
			}
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(wantRoutes))
		if !slices.Equal(got, want) {
			return fmt.Errorf("write requests in the window: %q, want %q", got, want)
		}
		return nil
	}
}

// count checks how many requests of route, a template of fake.Routes, the
// window holds.
func (w *requestWindow) count(route string, want int) serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		got := 0
		for _, r := range reqs {
			if r.Route == route {
				got++
			}
		}
		if got != want {
			return fmt.Errorf("%s: %d request(s) in the window, want %d", route, got, want)
		}
		return nil
	}
}

// none checks that the window holds no request at all.
func (w *requestWindow) none() serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		if len(reqs) != 0 {
			return fmt.Errorf("%d request(s) reached GitHub, the first %s %s", len(reqs), reqs[0].Method, reqs[0].Path)
		}
		return nil
	}
}

// some checks that at least one of the window's requests was answered with
// a status that satisfies is: a test of faults proves nothing if the fake
// injected none. what names the status for the error.
func (w *requestWindow) some(what string, is func(status int) bool) serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		for _, r := range reqs {
			if is(r.Status) {
				return nil
			}
		}
		return fmt.Errorf("none of %d answers was %s: the test proved nothing", len(reqs), what)
	}
}

// throttledDeletes checks that the deletion throttle answered at least one
// of the window's DELETEs with 429: a test of riding the throttle proves
// nothing if no delete met it.
func (w *requestWindow) throttledDeletes() serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		for _, r := range reqs {
			if r.Method == http.MethodDelete && r.Status == http.StatusTooManyRequests {
				return nil
			}
		}
		return fmt.Errorf("none of %d requests was a DELETE answered 429: the test does not test the throttle", len(reqs))
	}
}

// every checks each of the window's requests, of which there must be one.
func (w *requestWindow) every(check func(fakegithub.RequestRecord) error) serverCheck {
	return func() error {
		reqs, err := w.requests()
		if err != nil {
			return err
		}
		if len(reqs) == 0 {
			return errors.New("the provider sent no request")
		}
		var errs []error
		for _, r := range reqs {
			if err := check(r); err != nil {
				errs = append(errs, fmt.Errorf("%s %s: %w", r.Method, r.Path, err))
			}
		}
		return errors.Join(errs...)
	}
}

// assertNoRequests proves that invalid configurations were refused before
// the provider called GitHub: the fake saw nothing since it started.
func assertNoRequests(t *testing.T, fake *fakegithub.Server) {
	t.Helper()
	if err := requestsSinceStart(fake).none()(); err != nil {
		t.Errorf("invalid input reached GitHub: %v", err)
	}
}

// assertCheck runs a check outside a test step.
func assertCheck(t *testing.T, c serverCheck) {
	t.Helper()
	if err := c(); err != nil {
		t.Error(err)
	}
}

// sentToken checks that every request in the window carried the token.
func (w *requestWindow) sentToken(want string) serverCheck {
	return w.every(func(r fakegithub.RequestRecord) error {
		if got := r.Header.Get("Authorization"); got != "Bearer "+want {
			return fmt.Errorf("sent %q, want the token %q", got, want)
		}
		return nil
	})
}

// TestRequestWindow: a window holds only the requests after its open, and
// a window never opened, or opened twice, fails its checks.
func TestRequestWindow(t *testing.T) {
	fake := startFake(t)
	get := func() {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, fake.URL()+"/orgs/acme/packages?package_type=container", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tokenFull)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	const list = "GET /orgs/{org}/packages"

	get()
	w, never, twice := newRequestWindow(fake), newRequestWindow(fake), newRequestWindow(fake)
	w.open()
	twice.open()
	twice.open()
	get()
	get()
	if err := w.count(list, 2)(); err != nil {
		t.Error(err)
	}
	if err := requestsSinceStart(fake).count(list, 3)(); err != nil {
		t.Error(err)
	}
	if err := w.count(list, 3)(); err == nil {
		t.Error("a count of 2 requests passed for 3")
	}
	if err := w.writes()(); err != nil {
		t.Error(err)
	}
	if err := w.none()(); err == nil {
		t.Error("none passed for a window of 2 requests")
	}
	if err := w.sentToken(tokenReadOnly)(); err == nil {
		t.Error("sentToken passed for another token")
	}
	if err := never.writes()(); err == nil || !strings.Contains(err.Error(), "never opened") {
		t.Errorf("a window never opened: %v", err)
	}
	if err := twice.writes()(); err == nil || !strings.Contains(err.Error(), "opened twice") {
		t.Errorf("a window opened twice: %v", err)
	}
}
