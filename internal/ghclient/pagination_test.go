package ghclient

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

func TestNextLink(t *testing.T) {
	cases := []struct {
		header string
		page   int
		url    string
	}{
		{``, 0, ""},
		{`<https://api.github.com/organizations/5/packages?package_type=npm&page=3&per_page=100>; rel="next", <https://api.github.com/organizations/5/packages?page=9>; rel="last"`,
			3, "https://api.github.com/organizations/5/packages?package_type=npm&page=3&per_page=100"},
		{`<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=9>; rel="last"`, 0, ""},
		{`<https://api.github.com/x?after=abc>; rel="next"`, 0, "https://api.github.com/x?after=abc"},
		{`https://api.github.com/x?page=2; rel="next"`, 0, ""},
		{`<https://api.github.com/x?page=two>; rel="next"`, 0, "https://api.github.com/x?page=two"},
		{`<>; rel="next"`, 0, ""},
	}
	for _, c := range cases {
		page, u := nextLink(c.header)
		if page != c.page || u != c.url {
			t.Errorf("nextLink(%q) = %d, %q; want %d, %q", c.header, page, u, c.page, c.url)
		}
	}
}

// linkServer serves a list whose Link headers are whatever next says for a
// page, to test the pagination loop against odd servers. Each answer is one
// item with an id of its own (the number of the request).
func linkServer(t *testing.T, next func(page int, r *http.Request) string) *Client {
	t.Helper()
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := 1
		_, _ = fmt.Sscan(r.URL.Query().Get("page"), &page)
		if l := next(page, r); l != "" {
			w.Header().Set("Link", l)
		}
		fmt.Fprintf(w, `[{"id":%d,"name":"v%d"}]`, requests.Add(1), page)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/", Token: "t", Retry: RetryPolicy{WaitMin: time.Millisecond, WaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPaginationFollowsCursorLinksOnTheSameHostOnly(t *testing.T) {
	c := linkServer(t, func(page int, r *http.Request) string {
		switch r.URL.Query().Get("after") {
		case "":
			return fmt.Sprintf(`<http://%s/cursor?after=a>; rel="next"`, r.Host)
		case "a":
			return fmt.Sprintf(`<http://%s/cursor?after=b>; rel="next"`, r.Host)
		}
		return ""
	})
	got, err := c.ListVersions(context.Background(), address.Package{Owner: address.Me(), Type: "npm", Name: "x"}, "")
	if err != nil || len(got) != 3 {
		t.Fatalf("got %d versions, %v; want 3", len(got), err)
	}

	other := linkServer(t, func(int, *http.Request) string { return `<https://evil.example/steal?after=a>; rel="next"` })
	_, err = other.ListVersions(context.Background(), address.Package{Owner: address.Me(), Type: "npm", Name: "x"}, "")
	if err == nil || !strings.Contains(err.Error(), "another host (evil.example)") {
		t.Fatalf("got %v, want a refusal to follow another host", err)
	}
}

func TestPaginationStopsOnLoops(t *testing.T) {
	backwards := linkServer(t, func(int, *http.Request) string { return `<http://x/?page=1>; rel="next"` })
	got, err := backwards.ListVersions(context.Background(), address.Package{Owner: address.Me(), Type: "npm", Name: "x"}, "")
	if err != nil || len(got) != 1 {
		t.Fatalf("a next link back to page 1 must end the list: %d, %v", len(got), err)
	}
	loop := linkServer(t, func(_ int, r *http.Request) string {
		return fmt.Sprintf(`<http://%s/same?cursor=x>; rel="next"`, r.Host)
	})
	if _, err := loop.ListVersions(context.Background(), address.Package{Owner: address.Me(), Type: "npm", Name: "x"}, ""); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("got %v, want the loop reported", err)
	}
}

// FuzzNextLink: any Link header parses without panic, and a page number is
// only reported with the URL it came from.
func FuzzNextLink(f *testing.F) {
	f.Add(`<https://api.github.com/organizations/5/packages?page=3>; rel="next", <https://api.github.com/organizations/5/packages?page=9>; rel="last"`)
	f.Add(`<a>;rel="next"`)
	f.Add(`<%zz?page=2>; rel="next"`)
	f.Add(`,,,;;;<>`)
	f.Add(`<http://h/?page=-5>; rel="next"`)
	f.Fuzz(func(t *testing.T, header string) {
		page, u := nextLink(header)
		if page < 0 || (page > 0 && u == "") {
			t.Fatalf("nextLink(%q) = %d, %q", header, page, u)
		}
	})
}

// EachVersionPage hands over each page as it arrives and asks for no
// further page once the caller says stop: a query's limit costs only the
// pages it needs.
func TestEachVersionPageStopsWhenTold(t *testing.T) {
	requests := 0
	c := linkServer(t, func(page int, r *http.Request) string {
		requests++
		return fmt.Sprintf(`<http://%s/x?page=%d>; rel="next"`, r.Host, page+1) // endless
	})
	p := address.Package{Owner: address.Me(), Type: "npm", Name: "x"}
	var got []int64
	err := c.EachVersionPage(context.Background(), p, func(page []Version) bool {
		for _, v := range page {
			got = append(got, v.ID)
		}
		return len(got) < 3
	})
	if err != nil || len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Fatalf("got %v, %v; want versions 1, 2, 3 from pages 1 to 3", got, err)
	}
	if requests != 3 {
		t.Errorf("%d requests, want 3: no page after the caller stopped", requests)
	}
}
