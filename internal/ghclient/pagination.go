package ghclient

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// perPage is the largest page GitHub serves: fewer requests, gentler on the
// rate limit.
const perPage = 100

// maxPages stops a server that keeps announcing a next page: list packages
// stops at 10,000 results anyway, and no package has 10 million versions.
const maxPages = 100_000

// listAll fetches every page of a list route (see eachPage) and returns all
// the items.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, pageSize int) ([]T, error) {
	var all []T
	err := eachPage(ctx, c, path, query, pageSize, func(batch []T) bool {
		all = append(all, batch...)
		return true
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// eachPage fetches the pages of a list route one after the other and hands
// each to yield as it arrives; it stops after the last page or when yield
// returns false. It asks for the next page of the same route by number, as
// announced in the Link header, which keeps all requests on documented
// routes whatever shape the Link URLs have (GitHub sometimes points them at
// /organizations/{numeric id}/...). A next link without a page number (a
// cursor) is followed as given, on the API host only.
//
// pageSize is sent as per_page; 0 sends none (routes that take no paging).
func eachPage[T any](ctx context.Context, c *Client, path string, query url.Values, pageSize int, yield func([]T) bool) error {
	if query == nil {
		query = url.Values{}
	}
	if pageSize > 0 {
		query.Set("per_page", strconv.Itoa(pageSize))
	}
	target := withQuery(path, query)
	page := 1
	seen := map[string]bool{}
	for pages := 1; ; pages++ {
		var batch []T
		resp, err := c.call(ctx, http.MethodGet, target, &batch)
		if err != nil {
			return err
		}
		if !yield(batch) {
			return nil
		}
		nextPage, nextURL := nextLink(resp.Header.Get("Link"))
		switch {
		case nextPage > page:
			page = nextPage
			query.Set("page", strconv.Itoa(page))
			target = withQuery(path, query)
		case nextPage == 0 && nextURL != "":
			if !c.sameHost(nextURL) {
				return fmt.Errorf("GET %s: the next page is announced on another host (%s); not following it with the token", path, hostOf(nextURL))
			}
			if seen[nextURL] {
				return fmt.Errorf("GET %s: the server announced page %s twice", path, nextURL)
			}
			seen[nextURL] = true
			target = nextURL
		default:
			return nil
		}
		if pages >= maxPages {
			return fmt.Errorf("GET %s: more than %d pages; stopping", path, maxPages)
		}
	}
}

// nextLink reads rel="next" from a Link header: its page number when the URL
// has one (0 otherwise) and the URL itself.
func nextLink(header string) (page int, rawURL string) {
	for _, link := range strings.Split(header, ",") {
		segments := strings.Split(strings.TrimSpace(link), ";")
		if len(segments) < 2 {
			continue
		}
		target := strings.TrimSpace(segments[0])
		if len(target) < 2 || target[0] != '<' || target[len(target)-1] != '>' {
			continue
		}
		isNext := false
		for _, s := range segments[1:] {
			if strings.EqualFold(strings.TrimSpace(s), `rel="next"`) {
				isNext = true
			}
		}
		if !isNext {
			continue
		}
		rawURL = target[1 : len(target)-1]
		u, err := url.Parse(rawURL)
		if err != nil {
			return 0, ""
		}
		if n, err := strconv.Atoi(u.Query().Get("page")); err == nil && n > 0 {
			return n, rawURL
		}
		return 0, rawURL
	}
	return 0, ""
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "an unparsable URL"
	}
	return u.Host
}

func withQuery(path string, query url.Values) string {
	if len(query) == 0 {
		return path
	}
	return path + "?" + query.Encode()
}
