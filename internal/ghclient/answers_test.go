package ghclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// A 200 whose body is not the object asked for ({} or null decode to zero
// values; another id is another object) is an error that says what GitHub
// answered, never a version or package with id 0 or a foreign id.
func TestAnswersThatAreNotTheObjectAskedFor(t *testing.T) {
	v := address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV4}
	cases := []struct {
		body, want string
		call       func(*Client) error
	}{
		{`{}`, "other than version 3200000004: no id", getVersion(v)},
		{`null`, "other than version 3200000004: no id", getVersion(v)},
		{`{"id": 3200000003, "name": "sha256:abc"}`, "other than version 3200000004: id 3200000003", getVersion(v)},
		{`{}`, `other than package "web": no id`, getWeb},
		{`null`, `other than package "web": no id`, getWeb},
		{`{"id": 2500000101, "name": "other"}`, `other than package "web": id 2500000101 named "other"`, getWeb},
	}
	for _, c := range cases {
		client, err := New(Config{BaseURL: "https://api.github.com", Token: "ghp_x", Retry: fastRetries, MaxConcurrentRequests: 1,
			Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
					Body: io.NopCloser(strings.NewReader(c.body)), Request: r}, nil
			})})
		if err != nil {
			t.Fatal(err)
		}
		err = c.call(client)
		if !errors.Is(err, ErrUnexpected) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("answer %s: err = %v, want ErrUnexpected with %q", c.body, err, c.want)
		}
	}
}

func getVersion(v address.Version) func(*Client) error {
	return func(c *Client) error {
		_, err := c.GetVersion(context.Background(), v)
		return err
	}
}
