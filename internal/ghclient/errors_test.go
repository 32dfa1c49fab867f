package ghclient

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestNewAPIErrorKinds(t *testing.T) {
	h := func(kv ...string) http.Header {
		header := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			header.Set(kv[i], kv[i+1])
		}
		return header
	}
	cases := []struct {
		name   string
		status int
		header http.Header
		body   string
		kind   error
		check  func(*APIError) bool
	}{
		{"not found", 404, h(), `{"message":"Package not found."}`, ErrNotFound, func(e *APIError) bool { return e.Message == "Package not found." }},
		{"bad credentials", 401, h(), `{"message":"Bad credentials"}`, ErrUnauthorized, nil},
		{"missing scope", 403, h("X-OAuth-Scopes", "read:packages, repo", "X-Accepted-OAuth-Scopes", "delete:packages"), `{"message":"You need delete:packages"}`, ErrForbidden,
			func(e *APIError) bool {
				return strings.Join(e.TokenScopes, "|") == "read:packages|repo" && strings.Join(e.AcceptedScopes, "|") == "delete:packages"
			}},
		{"fine-grained token lists no scopes", 403, h(), `{"message":"Resource not accessible by personal access token"}`, ErrForbidden, func(e *APIError) bool { return e.TokenScopes == nil }},
		{"primary limit", 403, h("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "4102444800"), `{"message":"API rate limit exceeded for user ID 1."}`, ErrRateLimited,
			func(e *APIError) bool { return !e.Secondary && e.ResetAt.Equal(time.Unix(4102444800, 0)) }},
		{"secondary limit with Retry-After", 403, h("Retry-After", "42", "X-RateLimit-Remaining", "4000"), `{"message":"You have exceeded a secondary rate limit."}`, ErrRateLimited,
			func(e *APIError) bool { return e.Secondary && e.RetryAfter == 42*time.Second }},
		{"secondary limit by message only", 403, h(), `{"message":"You have exceeded a secondary rate limit. Please wait."}`, ErrRateLimited, func(e *APIError) bool { return e.Secondary }},
		{"429", 429, h(), ``, ErrRateLimited, nil},
		{"last version", 400, h(), `{"message":"You cannot delete the last tagged version of a package. You must delete the package instead."}`, ErrRefused, (*APIError).IsLastVersionRefusal},
		{"downloads", 400, h(), `{"message":"Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance."}`, ErrRefused, (*APIError).IsDownloadsRefusal},
		{"invalid argument", 400, h(), `{"message":"Invalid argument."}`, ErrRefused, (*APIError).IsInvalidArgument},
		{"proxy page", 502, h(), "<html><body>\n<h1>502   Bad Gateway</h1></body></html>", ErrServer, func(e *APIError) bool { return e.Message == "502 Bad Gateway" }},
		{"empty 500", 500, h(), "", ErrServer, func(e *APIError) bool { return e.Message == "(empty body)" }},
		{"teapot", 418, h(), `[1,2]`, ErrUnexpected, func(e *APIError) bool { return e.Message == "[1,2]" }},
	}
	for _, c := range cases {
		e := NewAPIError("GET", "/orgs/acme/packages", c.status, c.header, []byte(c.body))
		if !errors.Is(e, c.kind) {
			t.Errorf("%s: kind %v, want %v", c.name, e.Kind(), c.kind)
		}
		if c.check != nil && !c.check(e) {
			t.Errorf("%s: unexpected details %+v", c.name, e)
		}
	}
}

func TestExcerptIsShort(t *testing.T) {
	long := strings.Repeat("x", 5000)
	if got := Excerpt([]byte(long)); len([]rune(got)) != maxExcerpt+1 {
		t.Errorf("excerpt of %d runes", len([]rune(got)))
	}
}

// FuzzNewAPIError: whatever status, headers and body a server (or a proxy
// in front of it) sends, classifying it never panics and always yields one
// of the kinds, with a short printable message.
func FuzzNewAPIError(f *testing.F) {
	f.Add(404, "", "", `{"message":"Package not found."}`)
	f.Add(403, "0", "", `{"message":"API rate limit exceeded"}`)
	f.Add(403, "12", "30", `{"message":"secondary rate limit"}`)
	f.Add(502, "", "", "<html><h1>502</h1></html>")
	f.Add(400, "", "", `{"message":null,"documentation_url":5}`)
	f.Add(429, "x", "-1", "\xff\xfe\x00")
	f.Fuzz(func(t *testing.T, status int, remaining, retryAfter, body string) {
		header := http.Header{}
		header.Set("X-RateLimit-Remaining", remaining)
		header.Set("Retry-After", retryAfter)
		header.Set("X-RateLimit-Reset", retryAfter)
		header.Set("X-OAuth-Scopes", body)
		e := NewAPIError("DELETE", "/user/packages/npm/x", status, header, []byte(body))
		if e.Kind() == nil {
			t.Fatal("no kind")
		}
		if n := len([]rune(Excerpt([]byte(body)))); n > maxExcerpt+1 {
			t.Fatalf("excerpt of %d runes", n)
		}
		_ = e.Error()
	})
}
