package ghclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/go-github/v92/github"
)

// Sentinels for the kinds of API error callers act on differently. An
// *APIError unwraps to exactly one of them, so callers write
// errors.Is(err, ghclient.ErrNotFound) and read details with errors.As.
var (
	ErrNotFound     = errors.New("not found")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrRateLimited  = errors.New("rate limited")
	// ErrRefused is GitHub's 400/422 refusal of a well-formed request: the
	// last version of a package, a public version with more than 5,000
	// downloads, "Invalid argument." for Actions tokens on org lists.
	ErrRefused = errors.New("refused")
	// ErrServer is a 5xx that was still failing after the retries.
	ErrServer = errors.New("server error")
	// ErrUnexpected is any other status, or a body that is not what the
	// contract promises.
	ErrUnexpected = errors.New("unexpected response")
)

// APIError is an error answer of the GitHub API.
type APIError struct {
	kind error

	StatusCode int
	Method     string
	// Path is the URL path of the request (no query, no host): enough to
	// tell the operation, and never anything secret.
	Path string
	// Message is GitHub's own message, or a short excerpt of a body that is
	// not GitHub's JSON (a proxy's HTML error page, say).
	Message          string
	DocumentationURL string
	RequestID        string

	// TokenScopes (X-OAuth-Scopes) and AcceptedScopes
	// (X-Accepted-OAuth-Scopes) explain a 403; nil when GitHub did not say
	// (fine-grained tokens carry no scopes header).
	TokenScopes    []string
	AcceptedScopes []string

	// Rate limiting: Secondary tells the two limits apart; RetryAfter is
	// GitHub's Retry-After; ResetAt the end of the primary window.
	Secondary  bool
	RetryAfter time.Duration
	ResetAt    time.Time

	// Attempts is how many times the request was sent (retries included).
	Attempts int
	// RefusedWait is the wait GitHub asked for (Retry-After, or until the
	// primary limit resets) that the client refused because it is longer
	// than RetryPolicy.MaxRateLimitWait; 0 when no wait was refused.
	RefusedWait time.Duration
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s /%s: %d %s", e.Method, strings.TrimPrefix(e.Path, "/"), e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.kind == ErrRateLimited && !e.Secondary && !e.ResetAt.IsZero() {
		fmt.Fprintf(&b, " (primary rate limit resets at %s)", e.ResetAt.UTC().Format(time.RFC3339))
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request %s]", e.RequestID)
	}
	return b.String()
}

// Unwrap returns the sentinel of the error's kind.
func (e *APIError) Unwrap() error { return e.kind }

// Kind returns the sentinel of the error's kind.
func (e *APIError) Kind() error { return e.kind }

// IsLastVersionRefusal tells GitHub's refusal to delete the last version of
// a package apart from other refusals.
func (e *APIError) IsLastVersionRefusal() bool {
	return e.kind == ErrRefused && strings.Contains(strings.ToLower(e.Message), "last tagged version")
}

// IsDownloadsRefusal tells GitHub's refusal to delete public packages or
// versions with more than 5,000 downloads.
func (e *APIError) IsDownloadsRefusal() bool {
	return e.kind == ErrRefused && strings.Contains(strings.ToLower(e.Message), "5000 downloads")
}

// IsInvalidArgument tells the "Invalid argument." that GitHub answers to
// tokens that cannot list an organization's packages (Actions GITHUB_TOKEN).
func (e *APIError) IsInvalidArgument() bool {
	return e.kind == ErrRefused && strings.Contains(strings.ToLower(e.Message), "invalid argument")
}

// githubErrorBody is GitHub's "basic-error" schema.
type githubErrorBody struct {
	Message          string `json:"message"`
	DocumentationURL string `json:"documentation_url"`
}

// maxExcerpt bounds how much of a non-JSON body goes into a message.
const maxExcerpt = 200

// NewAPIError classifies an error response. It reads nothing but what it is
// given, never fails and never panics, whatever the server sent.
func NewAPIError(method, path string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{
		StatusCode:     status,
		Method:         method,
		Path:           path,
		RequestID:      header.Get("X-GitHub-Request-Id"),
		TokenScopes:    splitScopes(header, "X-OAuth-Scopes"),
		AcceptedScopes: splitScopes(header, "X-Accepted-OAuth-Scopes"),
	}
	var parsed githubErrorBody
	if err := json.Unmarshal(body, &parsed); err == nil && parsed.Message != "" {
		e.Message, e.DocumentationURL = parsed.Message, parsed.DocumentationURL
	} else {
		e.Message = Excerpt(body)
	}
	rate := parseRateLimit(header)
	switch {
	case status == http.StatusNotFound || status == http.StatusGone:
		e.kind = ErrNotFound
	case status == http.StatusUnauthorized:
		e.kind = ErrUnauthorized
	case isRateLimited(status, header, e.Message, e.DocumentationURL):
		e.kind = ErrRateLimited
		e.Secondary = !rate.exhausted()
		e.RetryAfter = rate.retryAfter
		e.ResetAt = rate.reset
	case status == http.StatusForbidden:
		e.kind = ErrForbidden
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity || status == http.StatusConflict:
		e.kind = ErrRefused
	case status >= 500:
		e.kind = ErrServer
		e.RetryAfter = rate.retryAfter
	default:
		e.kind = ErrUnexpected
	}
	return e
}

// isRateLimited tells a rate-limit answer from another 403/429: GitHub sends
// X-RateLimit-Remaining: 0 for the primary limit, and for the secondary limit
// a Retry-After header or a message / documentation link that names it.
func isRateLimited(status int, header http.Header, message, docURL string) bool {
	if status != http.StatusForbidden && status != http.StatusTooManyRequests {
		return false
	}
	if status == http.StatusTooManyRequests || header.Get("Retry-After") != "" || header.Get("X-RateLimit-Remaining") == "0" {
		return true
	}
	text := strings.ToLower(message + " " + docURL)
	return strings.Contains(text, "secondary rate limit") || strings.Contains(text, "secondary-rate-limits") ||
		strings.Contains(text, "abuse") || strings.Contains(text, "rate limit exceeded")
}

func splitScopes(header http.Header, name string) []string {
	values, ok := header[http.CanonicalHeaderKey(name)]
	if !ok {
		return nil
	}
	scopes := []string{}
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				scopes = append(scopes, s)
			}
		}
	}
	return scopes
}

// Excerpt makes a short, single-line, printable excerpt of a body that is not
// GitHub's JSON: HTML tags dropped, white space folded, at most 200 runes
// plus an ellipsis.
func Excerpt(body []byte) string {
	var text strings.Builder
	inTag := false
	for _, r := range string(body) {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
			text.WriteByte(' ')
		case inTag:
		case !unicode.IsPrint(r):
			text.WriteByte(' ')
		default:
			text.WriteRune(r)
		}
	}
	folded := []rune(strings.Join(strings.Fields(text.String()), " "))
	switch {
	case len(folded) == 0:
		return "(empty body)"
	case len(folded) > maxExcerpt:
		return string(folded[:maxExcerpt]) + "…"
	default:
		return string(folded)
	}
}

// retryAfterSeconds parses Retry-After as GitHub sends it (whole seconds).
func retryAfterSeconds(v string) (time.Duration, bool) {
	s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || s < 0 || s > 24*3600 {
		return 0, false
	}
	return time.Duration(s) * time.Second, true
}

// wrongObject is the error for a 200 whose body is not the object asked
// for: "{}", "null", or another id. Decoding such a body succeeds with zero
// values, and a version or package with id 0 must never reach the state or
// decide a write.
func wrongObject(resp *github.Response, method, path, want, got string) *APIError {
	e := &APIError{
		kind:    ErrUnexpected,
		Method:  method,
		Path:    path,
		Message: fmt.Sprintf("GitHub answered with something other than %s: %s", want, got),
	}
	if resp != nil && resp.Response != nil {
		e.StatusCode = resp.StatusCode
		e.RequestID = resp.Header.Get("X-GitHub-Request-Id")
	}
	return e
}

// idOf describes an id from an answer: "no id" when it is missing or 0
// (an empty object or null), "id N" otherwise.
func idOf(id *int64) string {
	if id == nil || *id == 0 {
		return "no id (an empty object or null)"
	}
	return fmt.Sprintf("id %d", *id)
}
