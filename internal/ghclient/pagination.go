package ghclient

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// perPage is the largest page GitHub serves: fewer requests, gentler on the
// rate limit.
const perPage = 100

// maxPages stops a server that keeps announcing a next page: list packages
// stops at 10,000 results anyway, and no package has 10 million versions.
const maxPages = 100_000

// listAll fetches every page of a list route. It asks for the next page of
// the same route by number, as announced in the Link header, which keeps all
// requests on documented routes whatever shape the Link URLs have (GitHub
// sometimes points them at /organizations/{numeric id}/...). A next link
// without a page number (a cursor) is followed as given, on the API host only.
//
// When page 1 announces its last page by number (rel="last"), pages 2..last
// are fetched concurrently (fetchPages) and put back in GitHub's order;
// without one (cursor links) the pages are read one after another. A page
// that still fails after its retries fails the whole list: there is never a
// partial list.
//
// What a list that changes while it is read returns. GitHub pages by offset,
// so a version pushed between two page reads moves the last item of every
// page to the top of the next one. Read in parallel, if page k is read after
// the push and page k+1 before it, the item that moved from k to k+1 is on
// neither. The guarantee: every item that exists from the start of the
// listing to its end is returned exactly once (items are deduplicated by id),
// and items added meanwhile may or may not be returned. It holds because a
// push that moves items across pages shows in what the pages return: the
// first page read after the push repeats the last id of the page before it,
// which was read before the push (or, when two pages of versions or more
// were pushed, the count of pages changes: a page announces another last
// page, or the last page grows a next link); a short page before the last
// shows a change too.
// Then the whole list is read again, one page after another, where pushes only
// ever repeat items. Deletions during a listing are not covered, by this or
// any offset paging (sequential included): a deletion moves an item onto a
// page already read. Callers that act on absence therefore never infer it
// from a list (see Client.RefreshVersion).
//
// pageSize is sent as per_page; 0 sends none (routes that take no paging).
// idOf identifies an item for deduplication.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, pageSize int, idOf func(T) int64) ([]T, error) {
	query = pagedQuery(query, pageSize)
	var first []T
	resp, err := c.call(ctx, http.MethodGet, withQuery(path, query), &first)
	if err != nil {
		return nil, err
	}
	link := resp.Header.Get("Link")
	nextPage, _ := nextLink(link)
	lastPage, _ := relLink(link, "last")
	if nextPage != 2 || lastPage < 2 {
		return collect(ctx, c, path, query, first, link, idOf)
	}
	if lastPage > maxPages {
		return nil, fmt.Errorf("GET %s: more than %d pages; stopping", path, maxPages)
	}
	rest, err := fetchPages[T](ctx, c, path, query, 2, lastPage)
	if err != nil {
		return nil, err
	}
	size := pageSize
	if size == 0 {
		size = len(first)
	}
	all, consistent := assemble(first, rest, size, lastPage, idOf)
	if consistent {
		return all, nil
	}
	tflog.Info(ctx, "The list changed while its pages were read in parallel; reading it again page by page", map[string]any{"path": path, "pages": lastPage})
	first = nil
	delete(query, "page")
	resp, err = c.call(ctx, http.MethodGet, withQuery(path, query), &first)
	if err != nil {
		return nil, err
	}
	return collect(ctx, c, path, query, first, resp.Header.Get("Link"), idOf)
}

// collect reads the pages after first (see followPages) and returns every
// item, deduplicated by id.
func collect[T any](ctx context.Context, c *Client, path string, query url.Values, first []T, link string, idOf func(T) int64) ([]T, error) {
	ids := map[int64]bool{}
	var all []T
	err := followPages(ctx, c, path, query, first, link, func(batch []T) bool {
		for _, item := range batch {
			if id := idOf(item); !ids[id] {
				ids[id] = true
				all = append(all, item)
			}
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// eachPage fetches the pages of a list route one after the other and hands
// each to yield as it arrives; it stops after the last page or when yield
// returns false (see followPages).
//
// pageSize is sent as per_page; 0 sends none (routes that take no paging).
func eachPage[T any](ctx context.Context, c *Client, path string, query url.Values, pageSize int, yield func([]T) bool) error {
	query = pagedQuery(query, pageSize)
	var first []T
	resp, err := c.call(ctx, http.MethodGet, withQuery(path, query), &first)
	if err != nil {
		return err
	}
	return followPages(ctx, c, path, query, first, resp.Header.Get("Link"), yield)
}

// followPages hands first (page 1) to yield, then reads the pages after it
// one after another, following page 1's Link header (link), until the last
// page or until yield returns false. It asks for the next page of the same
// route by number, as announced in the Link header, which keeps all requests
// on documented routes whatever shape the Link URLs have (GitHub sometimes
// points them at /organizations/{numeric id}/...). A next link without a page
// number (a cursor) is followed as given, on the API host only.
func followPages[T any](ctx context.Context, c *Client, path string, query url.Values, first []T, link string, yield func([]T) bool) error {
	if !yield(first) {
		return nil
	}
	page := 1
	seen := map[string]bool{}
	for pages := 1; ; pages++ {
		nextPage, nextURL := nextLink(link)
		var target string
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
		var batch []T
		resp, err := c.call(ctx, http.MethodGet, target, &batch)
		if err != nil {
			return err
		}
		if !yield(batch) {
			return nil
		}
		link = resp.Header.Get("Link")
	}
}

// pagedQuery is query (a new one when nil) with per_page set to pageSize
// (none when 0).
func pagedQuery(query url.Values, pageSize int) url.Values {
	if query == nil {
		query = url.Values{}
	}
	if pageSize > 0 {
		query.Set("per_page", strconv.Itoa(pageSize))
	}
	return query
}

// fetchedPage is one page of a list read by fetchPages, with its Link header.
type fetchedPage[T any] struct {
	items []T
	link  string
}

// fetchPages reads pages from..to of a list concurrently and returns them in
// page order, or the first error (and then nothing). It starts as many
// workers as the client has request slots; the workers hold no slot while
// they wait for work, so the only bound on requests in flight stays the
// attemptTransport's, shared with every other request of the process, and
// lists read inside lists cannot deadlock on it. On the first error the
// other pages are cancelled.
func fetchPages[T any](ctx context.Context, c *Client, path string, query url.Values, from, to int) ([]fetchedPage[T], error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make([]fetchedPage[T], to-from+1)
	work := make(chan int)
	var (
		wg       sync.WaitGroup
		failOnce sync.Once
		failure  error
	)
	for range min(c.slots, len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				q := maps.Clone(query)
				q.Set("page", strconv.Itoa(from+i))
				var batch []T
				resp, err := c.call(ctx, http.MethodGet, withQuery(path, q), &batch)
				if err != nil {
					failOnce.Do(func() { failure = err; cancel() })
					continue
				}
				pages[i] = fetchedPage[T]{items: batch, link: resp.Header.Get("Link")}
			}
		}()
	}
feed:
	for i := range pages {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if failure != nil {
		return nil, failure
	}
	if err := parent.Err(); err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	return pages, nil
}

// assemble puts page 1 and the pages after it (rest, pages 2..last) together,
// deduplicated by id, and tells whether they are consistent with a list that
// did not change while it was read (see listAll): every page before the last
// full and announcing the same last page, a last page with items and no next
// page, and no id on two pages.
func assemble[T any](first []T, rest []fetchedPage[T], size, last int, idOf func(T) int64) ([]T, bool) {
	consistent := len(first) == size
	all := make([]T, 0, len(first)+len(rest)*size)
	ids := make(map[int64]bool, cap(all))
	add := func(batch []T) {
		for _, item := range batch {
			id := idOf(item)
			if ids[id] {
				consistent = false
				continue
			}
			ids[id] = true
			all = append(all, item)
		}
	}
	add(first)
	for i, p := range rest {
		add(p.items)
		next, _ := nextLink(p.link)
		if i < len(rest)-1 {
			lastOfPage, _ := relLink(p.link, "last")
			consistent = consistent && len(p.items) == size && lastOfPage == last
		} else {
			consistent = consistent && len(p.items) > 0 && len(p.items) <= size && next == 0
		}
	}
	return all, consistent
}

// nextLink reads rel="next" from a Link header: its page number when the URL
// has one (0 otherwise) and the URL itself.
func nextLink(header string) (page int, rawURL string) {
	return relLink(header, "next")
}

// relLink reads one relation (next, last) from a Link header: its page
// number when the URL has one (0 otherwise) and the URL itself.
func relLink(header, rel string) (page int, rawURL string) {
	want := `rel="` + rel + `"`
	for _, link := range strings.Split(header, ",") {
		segments := strings.Split(strings.TrimSpace(link), ";")
		if len(segments) < 2 {
			continue
		}
		target := strings.TrimSpace(segments[0])
		if len(target) < 2 || target[0] != '<' || target[len(target)-1] != '>' {
			continue
		}
		matches := false
		for _, s := range segments[1:] {
			if strings.EqualFold(strings.TrimSpace(s), want) {
				matches = true
			}
		}
		if !matches {
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
