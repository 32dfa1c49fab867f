package registry

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// ErrNotFound is matched (errors.Is) by the error for a manifest the
// registry does not have.
var ErrNotFound = errors.New("manifest not found")

// Error is a registry request that failed with an answer, or without one.
type Error struct {
	// What was asked: "GET /v2/REPO/manifests/DIGEST", or
	// "token exchange for repository:REPO:pull".
	Request    string
	Registry   string
	Repository string
	StatusCode int // 0 when the registry did not answer
	Detail     string
	// Err is the cause, for errors.Is (context.Canceled, for one).
	Err error
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	var what string
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		what = "refused the token (401 Unauthorized): the token must be valid for this registry and have read:packages"
	case e.StatusCode == http.StatusForbidden:
		what = "denied access (403 Forbidden): the token's user cannot read package " + e.Repository +
			"; grant it read access to the package, or use a token that has it"
	case e.StatusCode == http.StatusNotFound:
		what = "answered 404 Not Found"
	case e.StatusCode >= 500:
		what = fmt.Sprintf("answered %d %s, also on every retry", e.StatusCode, http.StatusText(e.StatusCode))
	case e.StatusCode != 0:
		what = fmt.Sprintf("answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	default:
		what = "did not answer"
	}
	msg := fmt.Sprintf("container registry %s %s to %s", e.Registry, what, e.Request)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// Is makes a 404 on a manifest match ErrNotFound.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

func (c *Client) wrap(method, target, repository string, err error) error {
	e := &Error{Request: method + " " + target, Registry: c.url, Repository: repository, Err: err}
	var te *transport.Error
	if errors.As(err, &te) {
		e.StatusCode = te.StatusCode
		if len(te.Errors) > 0 {
			e.Detail = te.Errors[0].Message
			if e.Detail == "" {
				e.Detail = string(te.Errors[0].Code)
			}
		}
		return e
	}
	e.Detail = err.Error()
	return e
}
