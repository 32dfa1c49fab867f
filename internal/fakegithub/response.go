package fakegithub

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Where GitHub's error bodies point.
const (
	docsPackages = "https://docs.github.com/rest/packages/packages"
	docsRoot     = "https://docs.github.com/rest"
)

// response is an answer built in full before it is written, so the fake can
// hash it for an ETag, validate it against the contract, or swap it for an
// injected fault after the mutation it reports has happened.
type response struct {
	status int
	header http.Header
	body   []byte
}

func newResponse(status int) *response {
	return &response{status: status, header: http.Header{}}
}

func jsonResponse(status int, v any) *response {
	body, err := json.Marshal(v)
	if err != nil {
		// Every value passed here is one of the fake's own JSON types.
		panic(fmt.Sprintf("fakegithub: encoding response: %v", err))
	}
	resp := newResponse(status)
	resp.header.Set("Content-Type", "application/json; charset=utf-8")
	resp.body = body
	return resp
}

// basicError is the contract's basic-error schema.
type basicError struct {
	Message          string `json:"message"`
	DocumentationURL string `json:"documentation_url"`
}

func errorResponse(status int, message string) *response {
	return jsonResponse(status, basicError{Message: message, DocumentationURL: docsPackages})
}

func (resp *response) write(w http.ResponseWriter) {
	for k, v := range resp.header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.status)
	if len(resp.body) > 0 {
		_, _ = w.Write(resp.body)
	}
}

// etag is a weak validator of the body, as GitHub sends for JSON answers.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:16]) + `"`
}

// etagMatches compares an If-None-Match header with tag the weak way HTTP
// prescribes for GET, accepting lists and "*".
func etagMatches(ifNoneMatch, tag string) bool {
	want := strings.TrimPrefix(tag, "W/")
	for _, candidate := range strings.Split(ifNoneMatch, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == "*" || strings.TrimPrefix(candidate, "W/") == want {
			return true
		}
	}
	return false
}
