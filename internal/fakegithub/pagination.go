package fakegithub

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

const (
	defaultPerPage = 30
	maxPerPage     = 100
	// maxListWindow is how deep GitHub lets a package list go
	// (page*per_page); its search backend refuses more with 400.
	maxListWindow = 10_000
)

type pageRequest struct {
	page    int
	perPage int
}

// parsePage reads page and per_page the lenient way GitHub does: a missing
// or unusable value means the default, and per_page is capped at 100.
func parsePage(q url.Values) pageRequest {
	pr := pageRequest{page: 1, perPage: defaultPerPage}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		pr.page = n
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		pr.perPage = min(n, maxPerPage)
	}
	return pr
}

func (pr pageRequest) lastPage(total int) int {
	return max(1, (total+pr.perPage-1)/pr.perPage)
}

// pageOf cuts the requested page out of items.
func pageOf[T any](items []T, pr pageRequest) []T {
	start := (pr.page - 1) * pr.perPage
	if start >= len(items) {
		return []T{}
	}
	return items[start:min(start+pr.perPage, len(items))]
}

// linkHeader builds GitHub's Link header for a list of total items. target
// is the URL the links point at without its query, which GitHub sometimes
// gives a different shape than the request (/organizations/{id}/...);
// the request's other query parameters are kept. It is "" when everything
// fits on the first page.
func linkHeader(target string, q url.Values, pr pageRequest, total int) string {
	last := pr.lastPage(total)
	link := func(page int, rel string) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(page))
		return fmt.Sprintf(`<%s?%s>; rel="%s"`, target, v.Encode(), rel)
	}
	var links []string
	if pr.page > 1 {
		links = append(links, link(pr.page-1, "prev"))
	}
	if pr.page < last {
		links = append(links, link(pr.page+1, "next"), link(last, "last"))
	}
	if pr.page > 1 {
		links = append(links, link(1, "first"))
	}
	return strings.Join(links, ", ")
}
