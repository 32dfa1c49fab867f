package ghclient

import (
	"strings"
	"testing"
)

func TestNormalizeBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "https://api.github.com/",
		"https://github.com":               "https://api.github.com/",
		"https://GitHub.com/":              "https://api.github.com/",
		"https://api.github.com":           "https://api.github.com/",
		"https://ghe.example.com":          "https://ghe.example.com/api/v3/",
		"https://ghe.example.com/":         "https://ghe.example.com/api/v3/",
		"https://ghe.example.com:8443":     "https://ghe.example.com:8443/api/v3/",
		"https://ghe.example.com/api/v3":   "https://ghe.example.com/api/v3/",
		"https://proxy.example.com/github": "https://proxy.example.com/github/",
		"http://127.0.0.1:8080":            "http://127.0.0.1:8080/api/v3/",
		"http://127.0.0.1:8080/":           "http://127.0.0.1:8080/api/v3/",
		"https://octo.ghe.com":             "https://api.octo.ghe.com/",
		"https://api.octo.ghe.com":         "https://api.octo.ghe.com/",
	} {
		got, err := NormalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestNormalizeBaseURLErrors(t *testing.T) {
	for in, want := range map[string]string{
		"ghe.example.com":                  "must start with https://",
		"ftp://ghe.example.com":            "must start with https://",
		"https://":                         "no host name",
		"https://ghe.example.com/?x=1":     "query",
		"https://user:pw@ghe.example.com/": "credentials",
		"https://ghe example.com":          "is not a URL",
	} {
		_, err := NormalizeBaseURL(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NormalizeBaseURL(%q) error = %v, want it to mention %q", in, err, want)
		}
	}
}

func TestWebHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.github.com/":         "github.com",
		"https://ghe.example.com/api/v3/": "ghe.example.com",
		"https://api.octo.ghe.com/":       "octo.ghe.com",
		"http://127.0.0.1:8080/api/v3/":   "127.0.0.1:8080",
	} {
		if got := WebHost(in); got != want {
			t.Errorf("WebHost(%q) = %q, want %q", in, got, want)
		}
	}
}
