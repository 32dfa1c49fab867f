package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Helpers shared by the tests of the two retention resources: HCL for one
// resource, and checks of what the fake GitHub holds.

// testOwner is one of the three kinds of owner: its line in a resource
// block, the login the fake knows it by, and its part of the fake's route
// templates.
type testOwner struct {
	line        string // `org = "acme"`, `user = "hubot"` or nothing
	login       string
	routePrefix string
}

var (
	ownerAcme  = testOwner{`org = "acme"`, "acme", "/orgs/{org}"}
	ownerHubot = testOwner{`user = "hubot"`, "hubot", "/users/{username}"}
	ownerMe    = testOwner{"", "octocat", "/user"} // the account of tokenFull and tokenReadOnly
)

// Route templates below the owner, as fake.Requests reports them.
const (
	packageRoute = "/packages/{package_type}/{package_name}"
	versionRoute = packageRoute + "/versions/{package_version_id}"
)

// route is the fake's name of a route of this owner, such as
// "DELETE /orgs/{org}/packages/{package_type}/{package_name}".
func (o testOwner) route(method, rest string) string {
	return method + " " + o.routePrefix + rest
}

// versionRetentionHCL is one ghpackages_package_version_retention block;
// extra lines (provider = ..., lifecycle) go inside it.
func versionRetentionHCL(label string, o testOwner, pkgType, pkgName string, id int64, extra ...string) string {
	return fmt.Sprintf(`
resource "ghpackages_package_version_retention" %q {
  %s
  package_type       = %q
  package_name       = %q
  package_version_id = %d
  %s
}
`, label, o.line, pkgType, pkgName, id, strings.Join(extra, "\n  "))
}

// packageRetentionHCL is one ghpackages_package_retention block.
func packageRetentionHCL(label string, o testOwner, pkgType, pkgName string, extra ...string) string {
	return fmt.Sprintf(`
resource "ghpackages_package_retention" %q {
  %s
  package_type = %q
  package_name = %q
  %s
}
`, label, o.line, pkgType, pkgName, strings.Join(extra, "\n  "))
}

// serverCheck checks what the fake GitHub holds. It is a state check
// (ConfigStateChecks) rather than a legacy TestCheckFunc because the legacy
// state shim of terraform-plugin-testing fails on for_each instances.
type serverCheck func() error

var _ statecheck.StateCheck = serverCheck(nil)

func (c serverCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

// onDestroy adapts server checks to TestCase.CheckDestroy.
func onDestroy(checks ...serverCheck) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var errs []error
		for _, c := range checks {
			errs = append(errs, c())
		}
		return errors.Join(errs...)
	}
}

// versionOnServer checks whether the fake holds the version as active or as
// deleted.
func versionOnServer(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, id int64, wantDeleted bool) serverCheck {
	return func() error {
		v, ok := fake.Version(o.login, pkgType, pkgName, id)
		if !ok {
			return fmt.Errorf("fake GitHub has no version %d of %s/%s/%s", id, o.login, pkgType, pkgName)
		}
		if v.Deleted != wantDeleted {
			return fmt.Errorf("version %d of %s/%s/%s: deleted = %v on the server, want %v", id, o.login, pkgType, pkgName, v.Deleted, wantDeleted)
		}
		return nil
	}
}

// packageOnServer is versionOnServer for a package.
func packageOnServer(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, wantDeleted bool) serverCheck {
	return func() error {
		p, ok := fake.Package(o.login, pkgType, pkgName)
		if !ok {
			return fmt.Errorf("fake GitHub has no package %s/%s/%s", o.login, pkgType, pkgName)
		}
		if p.Deleted != wantDeleted {
			return fmt.Errorf("package %s/%s/%s: deleted = %v on the server, want %v", o.login, pkgType, pkgName, p.Deleted, wantDeleted)
		}
		return nil
	}
}

// writes checks the DELETE and POST requests since the last
// fake.ResetRequests (in the step's PreConfig): how many, and on which
// routes.
func writes(fake *fakegithub.Server, wantRoutes ...string) serverCheck {
	return func() error {
		var got []string
		for _, r := range fake.Requests() {
			if r.Method == http.MethodDelete || r.Method == http.MethodPost {
				got = append(got, r.Route)
			}
		}
		if n := fake.WriteCount(); n != len(got) {
			return fmt.Errorf("fake counts %d writes, its request list %d", n, len(got))
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(wantRoutes))
		if !slices.Equal(got, want) {
			return fmt.Errorf("write requests during the step: %q, want %q", got, want)
		}
		return nil
	}
}

// stateValue is statecheck.ExpectKnownValue for a top-level attribute.
func stateValue(resourceAddress, attribute string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(resourceAddress, tfjsonpath.New(attribute), want)
}
