package ghclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects bounds the redirects one GET follows.
const maxRedirects = 5

// RedirectError is a redirect the client refused to follow. The token is
// added to every request the client sends (headerTransport), so following a
// redirect decides where the token goes and what the server does:
//
//   - never to another host, and never from https to http: the token would
//     leave the API host, or cross the network in clear;
//   - never in answer to a write: net/http turns a POST or DELETE answered
//     301/302/303 into a GET, whose 200 would report a delete or restore as
//     done while nothing happened; a 307/308 would repeat the write at an
//     address the plan never named.
//
// A GET may follow a redirect on the same host and scheme (GitHub Enterprise
// Server behind a proxy that moved a path).
type RedirectError struct {
	Method string
	// Path is the path of the request that was answered with the redirect.
	Path     string
	Status   int
	Location string
	// Reason says which rule refused it.
	Reason string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: GitHub answered %d %s with Location %s; the provider does not follow it: %s",
		e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Location, e.Reason)
}

// Hint tells the user what to change: in practice base_url names a scheme
// or host that the server moves requests away from.
func (e *RedirectError) Hint() string {
	return "If the API lives at the redirect's address, set base_url (or GITHUB_BASE_URL) to it: for example " +
		"https:// instead of http://, or the host the server redirects to."
}

// checkRedirect is the CheckRedirect of the http.Client go-github drives.
// via holds the requests made so far, oldest first; req is the next one.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first, prev := via[0], via[len(via)-1]
	refuse := func(reason string) error {
		e := &RedirectError{Method: first.Method, Path: prev.URL.EscapedPath(), Location: redactedURL(req.URL), Reason: reason}
		if req.Response != nil {
			e.Status = req.Response.StatusCode
		}
		return e
	}
	switch {
	case first.Method != http.MethodGet && first.Method != http.MethodHead:
		return refuse("a redirect in answer to a " + first.Method + " is never followed, so that a write is sent only where the plan said")
	case !strings.EqualFold(req.URL.Scheme, first.URL.Scheme):
		return refuse(fmt.Sprintf("it changes the scheme from %s to %s, and the token is sent only over the base_url's scheme", first.URL.Scheme, req.URL.Scheme))
	case !strings.EqualFold(req.URL.Host, first.URL.Host):
		return refuse(fmt.Sprintf("it leads to another host (%s), and the token is sent only to the API host %s", req.URL.Host, first.URL.Host))
	case len(via) > maxRedirects:
		return refuse(fmt.Sprintf("more than %d redirects", maxRedirects))
	}
	return nil
}

// redactedURL renders a Location for messages without credentials it may
// carry in its user info or query.
func redactedURL(u *url.URL) string {
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		c.RawQuery = "…"
	}
	return c.String()
}

// asRedirectError finds a refused redirect in err.
func asRedirectError(err error) (*RedirectError, bool) {
	var re *RedirectError
	ok := errors.As(err, &re)
	return re, ok
}
