package address

import (
	"strings"
	"testing"
)

func TestParseVersionID(t *testing.T) {
	cases := []struct {
		id   string
		want Version
	}{
		{"orgs/acme/container/web/5", Version{Package{Org("acme"), "container", "web"}, 5}},
		{"orgs/acme/container/team/app/3000000001", Version{Package{Org("acme"), "container", "team/app"}, 3000000001}},
		{"users/hubot/npm/left-pad/9223372036854775807", Version{Package{User("hubot"), "npm", "left-pad"}, 9223372036854775807}},
		{"user/maven/com.example.lib/42", Version{Package{Me(), "maven", "com.example.lib"}, 42}},
		{"user/container/a/b/c/7", Version{Package{Me(), "container", "a/b/c"}, 7}},
	}
	for _, c := range cases {
		got, err := ParseVersionID(c.id)
		if err != nil {
			t.Errorf("ParseVersionID(%q): %v", c.id, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseVersionID(%q) = %+v, want %+v", c.id, got, c.want)
		}
		if got.ImportID() != c.id {
			t.Errorf("ImportID() = %q, want %q", got.ImportID(), c.id)
		}
	}
}

func TestParseVersionIDErrors(t *testing.T) {
	for id, reason := range map[string]string{
		"":                             "no VERSION_ID",
		"orgs/acme/container/web":      `VERSION_ID "web"`,
		"orgs/acme/container/web/0":    `VERSION_ID "0"`,
		"orgs/acme/container/web/-4":   `VERSION_ID "-4"`,
		"orgs/acme/container/9":        "TYPE or NAME missing",
		"orgs//container/web/9":        "empty org name",
		"users//npm/web/9":             "empty user name",
		"org/acme/container/web/9":     `must start with "orgs/", "users/" or "user/"`,
		"orgs/acme/gradle/web/9":       `unknown TYPE "gradle"`,
		"user/npm/a//b/9":              "empty segment",
		"orgs/acme/container/web/9x":   `VERSION_ID "9x"`,
		"orgs/acme/container/web/1e99": `VERSION_ID "1e99"`,
		"orgs/acme/container/web/+7":   `VERSION_ID "+7"`,
		"orgs/acme/container/web/007":  `VERSION_ID "007"`,
	} {
		_, err := ParseVersionID(id)
		if err == nil {
			t.Errorf("ParseVersionID(%q): no error", id)
			continue
		}
		for _, want := range []string{reason, VersionIDForms, "npm, maven, rubygems, docker, nuget, container"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("ParseVersionID(%q) error %q lacks %q", id, err, want)
			}
		}
	}
}

func TestParsePackageID(t *testing.T) {
	p, err := ParsePackageID("orgs/acme/container/team/app")
	if err != nil || p != (Package{Org("acme"), "container", "team/app"}) {
		t.Fatalf("got %+v, %v", p, err)
	}
	if p.ImportID() != "orgs/acme/container/team/app" {
		t.Errorf("ID() = %q", p.ImportID())
	}
	if _, err := ParsePackageID("orgs/acme/container"); err == nil || !strings.Contains(err.Error(), PackageIDForms) {
		t.Errorf("want error with the accepted forms, got %v", err)
	}
}

func TestPaths(t *testing.T) {
	v := Version{Package{Org("acme"), "container", "team/app"}, 3000000001}
	if got, want := v.Path(), "orgs/acme/packages/container/team%2Fapp/versions/3000000001"; got != want {
		t.Errorf("Path() = %q, want %q", got, want)
	}
	if got, want := (Package{Me(), "npm", "@scope/x"}).Path(), "user/packages/npm/@scope%2Fx"; got != want {
		t.Errorf("Path() = %q, want %q", got, want)
	}
	if got, want := (Package{User("hubot"), "npm", "x"}).Path(), "users/hubot/packages/npm/x"; got != want {
		t.Errorf("Path() = %q, want %q", got, want)
	}
}

// FuzzParseVersionID checks that the parser never panics and that whatever it
// accepts is written back as the very same ID, so import and state agree.
func FuzzParseVersionID(f *testing.F) {
	for _, seed := range []string{
		"orgs/acme/container/team/app/3000000001", "users/u/npm/x/1", "user/maven/a/2",
		"", "/", "user//", "orgs/a/container//1", "users/u/npm/x/-1", "user/npm/x/99999999999999999999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		v, err := ParseVersionID(id)
		if err != nil {
			return
		}
		if v.ID < 1 {
			t.Fatalf("accepted non-positive id in %q", id)
		}
		if got := v.ImportID(); got != id {
			t.Fatalf("round trip %q -> %q", id, got)
		}
		if _, err := ParsePackageID(v.Package.ImportID()); err != nil {
			t.Fatalf("package part of accepted ID %q does not parse: %v", id, err)
		}
	})
}
