package ghclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Parallel paging: when page 1 announces its last page, pages 2..last are
// read concurrently and put back in GitHub's order (listAll).

// startPagingFake serves benchSeed with n versions in acme/npm/big.
func startPagingFake(t *testing.T, n int) *fakegithub.Server {
	t.Helper()
	return fakegithub.Start(t, benchSeed(n))
}

// githubOrder reads the versions' ids page after page with plain HTTP, as
// GitHub orders them.
func githubOrder(t *testing.T, fake *fakegithub.Server) []int64 {
	t.Helper()
	var ids []int64
	for page := 1; ; page++ {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/orgs/acme/packages/npm/big/versions?per_page=100&page=%d", fake.URL(), page), nil)
		req.Header.Set("Authorization", "Bearer ghp_fulltoken")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var batch []struct {
			ID int64 `json:"id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&batch)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range batch {
			ids = append(ids, v.ID)
		}
		if len(batch) < 100 {
			return ids
		}
	}
}

func versionIDs(vs []Version) []int64 {
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

// pagesRequested lists the page numbers of the requests to the versions
// route, in the order they reached the fake.
func pagesRequested(fake *fakegithub.Server) []string {
	var pages []string
	for _, r := range fake.Requests() {
		if r.Route == versionsRoute {
			page := "1"
			for _, kv := range strings.Split(r.RawQuery, "&") {
				if p, ok := strings.CutPrefix(kv, "page="); ok {
					page = p
				}
			}
			pages = append(pages, page)
		}
	}
	return pages
}

func TestParallelPagesKeepGitHubsOrder(t *testing.T) {
	fake := startPagingFake(t, 1000)
	want := githubOrder(t, fake)
	fake.SetLatency(20 * time.Millisecond)
	var inFlight inFlightCounter
	c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) { cfg.Transport = inFlight.transport() })
	fake.ResetRequests()
	got, err := c.ListVersions(context.Background(), bigPackage, "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(versionIDs(got), want) {
		t.Errorf("the parallel list differs from GitHub's order (%d versions, want %d)", len(got), len(want))
	}
	if n := len(pagesRequested(fake)); n != 10 {
		t.Errorf("%d requests, want 10 (one per page)", n)
	}
	if peak := inFlight.peak.Load(); peak != 4 {
		t.Errorf("peak of %d requests in flight, want 4 (max_concurrent_requests)", peak)
	}
}

// Without rel="last" (cursor links, or a next link alone), pages are read
// one after another.
func TestPagesWithoutLastAreSequential(t *testing.T) {
	var inFlight inFlightCounter
	c := linkServer(t, func(page int, r *http.Request) string {
		defer inFlight.enter()()
		time.Sleep(5 * time.Millisecond)
		if page < 4 {
			return fmt.Sprintf(`<http://%s/next?page=%d>; rel="next"`, r.Host, page+1)
		}
		return ""
	})
	c.slots = 4
	got, err := c.ListVersions(context.Background(), address.Package{Owner: address.Me(), Type: "npm", Name: "x"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if names := []string{got[0].Name, got[1].Name, got[2].Name, got[3].Name}; len(got) != 4 || !slices.Equal(names, []string{"v1", "v2", "v3", "v4"}) {
		t.Fatalf("got %v", got)
	}
	if peak := inFlight.peak.Load(); peak != 1 {
		t.Errorf("peak of %d requests in flight, want 1", peak)
	}
}

// A page that still fails after its retries fails the list: no partial list.
func TestParallelPagesOneFailingPageFailsTheList(t *testing.T) {
	fake := startPagingFake(t, 1000)
	failing := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("page") == "7" {
			return nil, fmt.Errorf("connection reset (page 7)")
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	c := newTestClient(t, fake, fakegithub.TokenFull, func(cfg *Config) { cfg.Transport = failing })
	got, err := c.ListVersions(context.Background(), bigPackage, "")
	if err == nil || !strings.Contains(err.Error(), "page 7") {
		t.Fatalf("got %d versions and %v; want the failure of page 7", len(got), err)
	}
	if got != nil {
		t.Errorf("a partial list of %d versions was returned", len(got))
	}
}

// A version pushed while the pages are read moves every later item one place
// down. The list still holds every version that existed before, each once,
// and says so by reading the list again page by page.
func TestParallelPagesWhileVersionsArePushed(t *testing.T) {
	t.Run("before every later page", func(t *testing.T) {
		fake := startPagingFake(t, 250)
		before := githubOrder(t, fake)
		var n atomic.Int32
		fake.OnRequest(versionsRoute, func(*http.Request) {
			if n.Add(1) == 2 {
				fake.PushVersion("acme", "npm", "big", fakegithub.SeedVersion{Name: "pushed"})
			}
		})
		c := newTestClient(t, fake, fakegithub.TokenFull)
		fake.ResetRequests()
		got, err := c.ListVersions(context.Background(), bigPackage, "")
		if err != nil {
			t.Fatal(err)
		}
		assertEachOnce(t, versionIDs(got), before)
		if pages := pagesRequested(fake); !slices.Equal(pages[3:], []string{"1", "2", "3"}) {
			t.Errorf("pages requested %v; want 3 in parallel, then 1, 2, 3 again in order", pages)
		}
		if want := githubOrder(t, fake); !slices.Equal(versionIDs(got), want) {
			t.Errorf("the list is not GitHub's order after the push")
		}
	})
	// The case that loses a version unless it is detected: page 3 answered
	// before the push, page 2 after it, so the last version of page 2 moved
	// to page 3 after page 3 was read.
	t.Run("between two later pages", func(t *testing.T) {
		fake := startPagingFake(t, 250)
		before := githubOrder(t, fake)
		page3Read := make(chan struct{})
		var once sync.Once
		fake.OnRequest(versionsRoute, func(r *http.Request) {
			switch r.URL.Query().Get("page") {
			case "3":
				once.Do(func() { close(page3Read) })
			case "2":
				select {
				case <-page3Read:
					time.Sleep(50 * time.Millisecond) // page 3's answer leaves
					fake.PushVersion("acme", "npm", "big", fakegithub.SeedVersion{Name: fmt.Sprintf("pushed-%d", time.Now().UnixNano())})
				case <-time.After(2 * time.Second):
				}
			}
		})
		c := newTestClient(t, fake, fakegithub.TokenFull)
		fake.ResetRequests()
		got, err := c.ListVersions(context.Background(), bigPackage, "")
		if err != nil {
			t.Fatal(err)
		}
		fake.OnRequest(versionsRoute, nil)
		assertEachOnce(t, versionIDs(got), before)
		if pages := pagesRequested(fake); len(pages) != 6 {
			t.Errorf("pages requested %v; want the list read again after the change", pages)
		}
	})
}

// assertEachOnce checks that got holds each of want once, and nothing twice.
func assertEachOnce(t *testing.T, got, want []int64) {
	t.Helper()
	count := map[int64]int{}
	for _, id := range got {
		count[id]++
		if count[id] == 2 {
			t.Errorf("version %d listed twice", id)
		}
	}
	for _, id := range want {
		if count[id] != 1 {
			t.Errorf("version %d listed %d times, want once", id, count[id])
		}
	}
}

// assemble, on its own: the page orders a push can produce, with pages of 2.
func TestAssembleDetectsShiftedPages(t *testing.T) {
	id := func(v int64) int64 { return v }
	page := func(link string, ids ...int64) fetchedPage[int64] { return fetchedPage[int64]{items: ids, link: link} }
	last3 := `<http://h/x?page=3>; rel="next", <http://h/x?page=3>; rel="last"`
	cases := []struct {
		name       string
		first      []int64
		rest       []fetchedPage[int64]
		consistent bool
	}{
		{"unchanged", []int64{6, 5}, []fetchedPage[int64]{page(last3, 4, 3), page("", 2, 1)}, true},
		// 7 pushed after page 3 was read and before page 2: 3 is on no page.
		{"page 2 after a push, page 3 before", []int64{6, 5}, []fetchedPage[int64]{page(last3, 5, 4), page("", 2, 1)}, false},
		// 7 pushed before page 3 only: 2 is on pages 2 and 3... and the last page grew.
		{"page 3 after a push", []int64{6, 5}, []fetchedPage[int64]{page(last3, 4, 3), page("", 3, 2, 1)}, false},
		// Two pages of pushes before page 2: it holds only new versions.
		{"a page of new versions", []int64{6, 5}, []fetchedPage[int64]{page(`<http://h/x?page=5>; rel="last"`, 8, 7), page("", 2, 1)}, false},
		{"the last page grew a next page", []int64{6, 5}, []fetchedPage[int64]{page(last3, 4, 3), page(`<http://h/x?page=4>; rel="next"`, 2, 1)}, false},
		{"a short page before the last", []int64{6, 5}, []fetchedPage[int64]{page(last3, 4), page("", 2, 1)}, false},
		{"an empty last page", []int64{6, 5}, []fetchedPage[int64]{page(last3, 4, 3), page("")}, false},
	}
	for _, c := range cases {
		all, consistent := assemble(c.first, c.rest, 2, 3, id)
		if consistent != c.consistent {
			t.Errorf("%s: consistent = %v, want %v", c.name, consistent, c.consistent)
		}
		seen := map[int64]bool{}
		for _, v := range all {
			if seen[v] {
				t.Errorf("%s: %d twice in %v", c.name, v, all)
			}
			seen[v] = true
		}
	}
}
